/**
 * The wallet's public record in its `WalletStore` (key `wallet/record`, UTF-8 JSON): network,
 * accounts with their labels and schemes, each chain's derived public keys and next index.
 * Nothing secret: secrets live only in the keystore envelope (key `wallet/keystore`).
 */
import { fromHex, NETWORKS, type Network, toHex, utf8 } from '@supernova/protocol'
import { WalletError } from './errors.js'
import { HD_SCHEMES, type HdScheme } from './hdKeys.js'

/** Store keys, the wallet's whole layout. The record is written last: it marks a complete wallet. */
export const WALLET_STORE_KEYS = { keystore: 'wallet/keystore', record: 'wallet/record' } as const

export const WALLET_RECORD_VERSION = 1
/** Most accounts per wallet. */
export const MAX_ACCOUNTS = 100
/** Most derived keys per account chain (a window far past any sane gap limit). */
export const MAX_KEYS_PER_CHAIN = 10_000
/** Longest account label (UTF-16 units). */
export const MAX_LABEL_LENGTH = 64
/** Largest record read. */
const MAX_RECORD_BYTES = 8 * 1024 * 1024

export type ChainRecord = {
  /** Public keys of indices 0 … n-1, in protocol form. */
  keys: Uint8Array[]
  /** One past the highest index marked used: what `receiveAddress`/`changeAddress` hand out. */
  next: number
}

export type AccountRecord = {
  index: number
  label: string
  scheme: HdScheme
  receive: ChainRecord
  change: ChainRecord
}

export type WalletRecord = {
  version: 1
  network: Network
  /** Unused addresses kept derived past the last used one on each chain (BIP44's gap limit). */
  gapLimit: number
  /** Creation time (ms), from the injected clock. */
  createdAt: number
  accounts: AccountRecord[]
}

function corrupt(message: string): never {
  throw new WalletError({ code: 'CORRUPT_WALLET', message: `wallet record: ${message}` })
}

/** The record's stored bytes. */
export function encodeWalletRecord(r: WalletRecord): Uint8Array {
  const chain = (c: ChainRecord) => ({ next: c.next, keys: c.keys.map(toHex) })
  return utf8(
    JSON.stringify({
      ...r,
      accounts: r.accounts.map((a) => ({
        ...a,
        receive: chain(a.receive),
        change: chain(a.change),
      })),
    }),
  )
}

/**
 * Parses and checks a stored record.
 * @throws {WalletError} `CORRUPT_WALLET`.
 */
export function decodeWalletRecord(bytes: Uint8Array): WalletRecord {
  if (bytes.length > MAX_RECORD_BYTES) corrupt('too large')
  let doc: unknown
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    corrupt('not UTF-8 JSON')
  }
  const o = obj(doc, 'record')
  if (o.version !== WALLET_RECORD_VERSION) corrupt(`unknown version ${JSON.stringify(o.version)}`)
  if (!(NETWORKS as readonly unknown[]).includes(o.network)) corrupt('unknown network')
  const gapLimit = int(o.gapLimit, 'gapLimit', 1, 1_000)
  const createdAt = int(o.createdAt, 'createdAt', 0, Number.MAX_SAFE_INTEGER)
  if (!Array.isArray(o.accounts) || o.accounts.length === 0 || o.accounts.length > MAX_ACCOUNTS)
    corrupt('accounts must be a non-empty array')
  const accounts = o.accounts.map((a, i) => decodeAccount(a, i))
  return { version: 1, network: o.network as Network, gapLimit, createdAt, accounts }
}

function decodeAccount(v: unknown, position: number): AccountRecord {
  const a = obj(v, 'account')
  if (a.index !== position) corrupt(`account ${position} has index ${JSON.stringify(a.index)}`)
  if (typeof a.label !== 'string' || a.label.length > MAX_LABEL_LENGTH) corrupt('bad account label')
  if (!(HD_SCHEMES as readonly unknown[]).includes(a.scheme)) corrupt('unknown account scheme')
  return {
    index: position,
    label: a.label,
    scheme: a.scheme as HdScheme,
    receive: decodeChain(a.receive),
    change: decodeChain(a.change),
  }
}

function decodeChain(v: unknown): ChainRecord {
  const c = obj(v, 'chain')
  if (!Array.isArray(c.keys) || c.keys.length > MAX_KEYS_PER_CHAIN) corrupt('bad key list')
  const keys = c.keys.map((k) => {
    if (typeof k !== 'string' || !/^[0-9a-f]{64}$/.test(k)) corrupt('bad public key')
    return fromHex(k)
  })
  return { keys, next: int(c.next, 'next', 0, MAX_KEYS_PER_CHAIN) }
}

function obj(v: unknown, name: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) corrupt(`${name} must be an object`)
  return v as Record<string, unknown>
}

function int(v: unknown, name: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
    corrupt(`${name} must be an integer in [${min}, ${max}]`)
  return v
}

/** @throws {RangeError} for a label that is not a string of at most 64 characters. */
export function assertLabel(label: string): void {
  if (typeof label !== 'string' || label.length > MAX_LABEL_LENGTH)
    throw new RangeError(`account labels are strings of at most ${MAX_LABEL_LENGTH} characters`)
}

function emptyChain(): ChainRecord {
  return { keys: [], next: 0 }
}

/** An account record without keys yet. */
export function newAccount(index: number, label: string, scheme: HdScheme): AccountRecord {
  assertLabel(label)
  return { index, label, scheme, receive: emptyChain(), change: emptyChain() }
}
