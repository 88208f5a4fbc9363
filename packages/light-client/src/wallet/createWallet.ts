import { NETWORKS, type Network } from '@supernova/protocol'
import type { WalletStore } from '../storage/types.js'
import { WalletError } from './errors.js'
import { deriveWalletPublicKeys, type HdScheme } from './hdKeys.js'
import { encryptSecret } from './keystore.js'
import { encodeEnvelope } from './keystoreEnvelope.js'
import { generateMnemonic, mnemonicToEntropy, mnemonicToSeed } from './mnemonic.js'
import type { RandomBytes } from './random.js'
import type { SecretSessionOptions } from './secretSession.js'
import { Wallet } from './wallet.js'
import {
  decodeWalletRecord,
  encodeWalletRecord,
  newAccount,
  WALLET_RECORD_VERSION,
  WALLET_STORE_KEYS,
  type WalletRecord,
} from './walletRecord.js'
import { encodeWalletSecret, type WalletSecret, wipeWalletSecret } from './walletSecret.js'

/** Unused addresses kept derived past the last used one (BIP44's recommendation). */
export const DEFAULT_GAP_LIMIT = 20

export type CreateWalletParameters = SecretSessionOptions & {
  store: WalletStore
  network: Network
  /** Encrypts the keystore. */
  password: string
  /** Import this mnemonic; when absent a fresh one is generated and returned once. */
  mnemonic?: string
  /** Optional BIP39 passphrase; it changes every key, and is not stored (only the seed is). */
  passphrase?: string
  /** Entropy of a generated mnemonic: 128 (default) or 256 bits. */
  strength?: 128 | 256
  /** Scheme of the first account (default ed25519). */
  scheme?: HdScheme
  label?: string
  gapLimit?: number
  /** Keystore PBKDF2 iterations (default and minimum 600,000). */
  iterations?: number
  /** Randomness for the mnemonic, salt and IVs; default `crypto.getRandomValues`. */
  random?: RandomBytes
  /** Clock for `createdAt` (ms); default `Date.now`. */
  now?: () => number
}

export type CreateWalletReturnType = {
  /** The new wallet, unlocked. */
  wallet: Wallet
  /** The generated mnemonic, for the user to write down; absent when one was imported. */
  mnemonic?: string
}

/**
 * Creates a wallet in an empty store: the keystore envelope (entropy and seed under the password)
 * and the public record (network, account 0 with `gapLimit` keys per chain). Returns it unlocked.
 * @throws {WalletError} `WALLET_EXISTS` when the store already holds a wallet.
 * @throws {MnemonicError} for an invalid imported mnemonic.
 * @throws {KeystoreError} `WEAK_KDF` for fewer than 600,000 iterations.
 * @example
 * const { wallet, mnemonic } = await createWallet({ store, network: 'testnet', password })
 * showBackup(mnemonic) // once: it is never returned again without the password
 * const { address } = await wallet.receiveAddress()
 */
export async function createWallet(p: CreateWalletParameters): Promise<CreateWalletReturnType> {
  if (!NETWORKS.includes(p.network)) throw new TypeError(`unknown network ${String(p.network)}`)
  const gapLimit = p.gapLimit ?? DEFAULT_GAP_LIMIT
  if (!Number.isSafeInteger(gapLimit) || gapLimit < 1 || gapLimit > 1_000)
    throw new RangeError('gapLimit must be an integer in [1, 1000]')
  if (await p.store.get(WALLET_STORE_KEYS.record))
    throw new WalletError({ code: 'WALLET_EXISTS', message: 'this store already holds a wallet' })
  const generated =
    p.mnemonic === undefined
      ? generateMnemonic({
          ...(p.strength ? { strength: p.strength } : {}),
          ...(p.random ? { random: p.random } : {}),
        })
      : undefined
  const mnemonic = generated ?? p.mnemonic!
  const entropy = mnemonicToEntropy({ mnemonic })
  const secret: WalletSecret = { entropy, seed: new Uint8Array(0) }
  try {
    secret.seed = await mnemonicToSeed({
      mnemonic,
      ...(p.passphrase ? { passphrase: p.passphrase } : {}),
    })
    const record = newRecord(p, gapLimit, secret)
    await sealKeystore(p, secret)
    await p.store.put(WALLET_STORE_KEYS.record, encodeWalletRecord(record))
    const wallet = new Wallet(sessionOptions(p), { store: p.store, record, secret })
    return generated === undefined ? { wallet } : { wallet, mnemonic: generated }
  } catch (e) {
    wipeWalletSecret(secret)
    throw e
  }
}

function newRecord(
  p: CreateWalletParameters,
  gapLimit: number,
  secret: WalletSecret,
): WalletRecord {
  const scheme = p.scheme ?? 'ed25519'
  const account = newAccount(0, p.label ?? 'Account 1', scheme)
  for (const chain of ['receive', 'change'] as const) {
    const keys = deriveWalletPublicKeys({
      seed: secret.seed,
      scheme,
      network: p.network,
      account: 0,
      chain,
      from: 0,
      count: gapLimit,
    })
    account[chain].keys.push(...keys)
  }
  return {
    version: WALLET_RECORD_VERSION,
    network: p.network,
    gapLimit,
    createdAt: (p.now ?? Date.now)(),
    accounts: [account],
  }
}

async function sealKeystore(p: CreateWalletParameters, secret: WalletSecret): Promise<void> {
  const plain = encodeWalletSecret(secret)
  try {
    const envelope = await encryptSecret({
      secret: plain,
      password: p.password,
      ...(p.iterations === undefined ? {} : { iterations: p.iterations }),
      ...(p.random ? { random: p.random } : {}),
    })
    await p.store.put(WALLET_STORE_KEYS.keystore, encodeEnvelope(envelope))
  } finally {
    plain.fill(0)
  }
}

function sessionOptions(p: SecretSessionOptions): SecretSessionOptions {
  return {
    ...(p.autoLockMs === undefined ? {} : { autoLockMs: p.autoLockMs }),
    ...(p.timer ? { timer: p.timer } : {}),
  }
}

export type OpenWalletParameters = SecretSessionOptions & {
  store: WalletStore
  /** When given, a wallet of another network is refused with `WRONG_NETWORK`. */
  network?: Network
}

/**
 * Opens the wallet a store holds, locked: addresses and accounts are readable, `unlock` needs
 * the password.
 * @throws {WalletError} `WALLET_NOT_FOUND`, `CORRUPT_WALLET`, `WRONG_NETWORK`.
 * @example
 * const wallet = await openWallet({ store, network: 'testnet', autoLockMs: 5 * 60_000 })
 * await wallet.unlock({ password })
 */
export async function openWallet(p: OpenWalletParameters): Promise<Wallet> {
  const bytes = await p.store.get(WALLET_STORE_KEYS.record)
  if (!bytes)
    throw new WalletError({ code: 'WALLET_NOT_FOUND', message: 'this store holds no wallet' })
  const record = decodeWalletRecord(bytes)
  if (p.network !== undefined && record.network !== p.network) {
    throw new WalletError({
      code: 'WRONG_NETWORK',
      message: `the stored wallet is a ${record.network} wallet, not ${p.network}`,
      details: { found: record.network, expected: p.network },
    })
  }
  if (!(await p.store.get(WALLET_STORE_KEYS.keystore)))
    throw new WalletError({ code: 'CORRUPT_WALLET', message: 'the keystore is missing' })
  return new Wallet(sessionOptions(p), { store: p.store, record })
}
