/**
 * Hierarchical deterministic keys for the two wallet schemes:
 * - ed25519 per SLIP-0010, every level hardened (SLIP-0010 defines no other kind for ed25519):
 *   `m/44'/COIN'/account'/change'/index'`;
 * - secp256k1 per BIP32, the BIP44 layout `m/44'/COIN'/account'/change/index`, used as BIP340
 *   keys (the x-only public key of the derived scalar).
 * The same BIP39 seed gives unrelated trees for the two curves (different master HMAC keys).
 */
import { HDKey as Bip32Key } from '@scure/bip32'
import type { Network } from '@supernova/protocol'
import { HDKey as Slip10Key } from 'micro-key-producer/slip10.js'

export const HD_SCHEMES = ['ed25519', 'secp256k1'] as const
/** A signature scheme the wallet derives hierarchical keys for. */
export type HdScheme = (typeof HD_SCHEMES)[number]

/** Offset of hardened child indices. */
export const HARDENED_OFFSET = 0x8000_0000
/** BIP44 purpose. */
export const BIP44_PURPOSE = 44
/**
 * SLIP-44 coin type of SuperNova mainnet: 0x4e4f5641, "NOVA" in ASCII. Self-assigned and not
 * yet registered in SLIP-44 (no registered coin uses it as of writing); register it before
 * mainnet. Changing it changes every mainnet address a mnemonic yields.
 */
export const SUPERNOVA_COIN_TYPE = 0x4e4f5641
/** SLIP-44 coin type 1, "Testnet (all coins)", which BIP44 prescribes for test networks. */
export const TESTNET_COIN_TYPE = 1
/** Deepest path accepted (BIP32 serialises depth in one byte; ours are 5 deep). */
const MAX_PATH_DEPTH = 255

/** The BIP44 coin type of `network`: mainnet's own, testnet and devnet share the testnet one. */
export function coinTypeFor(network: Network): number {
  return network === 'mainnet' ? SUPERNOVA_COIN_TYPE : TESTNET_COIN_TYPE
}

/** The external (receive, 0) and internal (change, 1) chains of an account. */
export type AddressChain = 'receive' | 'change'
const CHAIN_INDEX: Readonly<Record<AddressChain, number>> = { receive: 0, change: 1 }

function assertIndex(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value >= HARDENED_OFFSET)
    throw new RangeError(`${name} must be an integer in [0, 2^31), got ${String(value)}`)
}

export type WalletPathParameters = {
  scheme: HdScheme
  network: Network
  account: number
  chain: AddressChain
  index: number
}

/**
 * The derivation path of a wallet key, as child indices (hardened ones ≥ 2^31).
 * @throws {RangeError} for an account or index outside [0, 2^31).
 * @example
 * formatHdPath(walletPath({ scheme: 'ed25519', network: 'mainnet', account: 0, chain: 'receive', index: 3 }))
 * // "m/44'/1313822273'/0'/0'/3'"
 */
export function walletPath({
  scheme,
  network,
  account,
  chain,
  index,
}: WalletPathParameters): number[] {
  assertIndex('account', account)
  assertIndex('index', index)
  const h = (i: number) => i + HARDENED_OFFSET
  const tail = [CHAIN_INDEX[chain], index]
  return [
    h(BIP44_PURPOSE),
    h(coinTypeFor(network)),
    h(account),
    ...(scheme === 'ed25519' ? tail.map(h) : tail),
  ]
}

/**
 * Parses `m/…` with `'`, `h` or `H` marking hardened levels.
 * @throws {RangeError} for anything else, indices ≥ 2^31, or more than 255 levels.
 */
export function parseHdPath(path: string): number[] {
  if (typeof path !== 'string' || !/^m(\/\d+['hH]?)*$/.test(path))
    throw new RangeError(`not a derivation path: ${String(path).slice(0, 64)}`)
  const parts = path === 'm' ? [] : path.slice(2).split('/')
  if (parts.length > MAX_PATH_DEPTH) throw new RangeError('derivation path deeper than 255')
  return parts.map((p) => {
    const hardened = /['hH]$/.test(p)
    const n = Number(hardened ? p.slice(0, -1) : p)
    assertIndex('path index', n)
    return hardened ? n + HARDENED_OFFSET : n
  })
}

/** `m/44'/…` spelling of child indices. */
export function formatHdPath(indices: readonly number[]): string {
  return [
    'm',
    ...indices.map((i) => (i >= HARDENED_OFFSET ? `${i - HARDENED_OFFSET}'` : `${i}`)),
  ].join('/')
}

/** A derived extended private key (what the SLIP-0010 and BIP32 vectors list). */
export type HdNode = {
  depth: number
  index: number
  parentFingerprint: number
  chainCode: Uint8Array
  privateKey: Uint8Array
  /** 33 bytes: SLIP-0010's 0x00-prefixed ed25519 key, or the compressed secp256k1 point. */
  publicKey: Uint8Array
}

export type DeriveHdNodeParameters = {
  /** A BIP39 seed (16–64 bytes). Not retained. */
  seed: Uint8Array
  scheme: HdScheme
  /** Child indices (see `walletPath`, `parseHdPath`). ed25519 needs every one hardened. */
  path: readonly number[]
}

/**
 * Derives the extended private key at `path`. Every intermediate private key and chain code this
 * code holds is wiped; the caller owns (and should wipe) the returned secrets.
 * @throws {RangeError} for a non-hardened ed25519 level, an out-of-range index or a bad seed.
 */
function assertSeed(seed: Uint8Array): void {
  if (!(seed instanceof Uint8Array) || seed.length < 16 || seed.length > 64)
    throw new RangeError('HD seed must be 16 to 64 bytes')
}

function assertPath(scheme: HdScheme, path: readonly number[]): void {
  if (path.length > MAX_PATH_DEPTH) throw new RangeError('derivation path deeper than 255')
  for (const i of path) {
    if (!Number.isSafeInteger(i) || i < 0 || i > 0xffff_ffff)
      throw new RangeError(`path index out of range: ${String(i)}`)
    if (scheme === 'ed25519' && i < HARDENED_OFFSET)
      throw new RangeError('SLIP-0010 ed25519 derives hardened children only')
  }
}

export function deriveHdNode({ seed, scheme, path }: DeriveHdNodeParameters): HdNode {
  assertSeed(seed)
  assertPath(scheme, path)
  return toHdNode(walk(seed, scheme, path))
}

type LibNode = { scheme: 'ed25519'; key: Slip10Key } | { scheme: 'secp256k1'; key: Bip32Key }

function masterNode(seed: Uint8Array, scheme: HdScheme): LibNode {
  return scheme === 'ed25519'
    ? { scheme, key: Slip10Key.fromMasterSeed(seed) }
    : { scheme, key: Bip32Key.fromMasterSeed(seed) }
}

function childNode(node: LibNode, index: number): LibNode {
  return node.scheme === 'ed25519'
    ? { scheme: node.scheme, key: node.key.deriveChild(index) }
    : { scheme: node.scheme, key: node.key.deriveChild(index) }
}

function wipeNode(node: LibNode): void {
  if (node.scheme === 'ed25519') {
    node.key.privateKey.fill(0)
    node.key.chainCode.fill(0)
  } else node.key.wipePrivateData()
}

/** Walks `path` from the seed, wiping every node but the last. */
function walk(seed: Uint8Array, scheme: HdScheme, path: readonly number[]): LibNode {
  let node = masterNode(seed, scheme)
  for (const index of path) {
    const child = childNode(node, index)
    wipeNode(node)
    node = child
  }
  return node
}

/** The node's fields as copies; the library's own private key is wiped afterwards. */
function toHdNode(node: LibNode): HdNode {
  const k = node.key
  const out: HdNode = {
    depth: k.depth,
    index: k.index,
    parentFingerprint: k.parentFingerprint,
    chainCode: Uint8Array.from(k.chainCode!),
    privateKey: Uint8Array.from(k.privateKey!),
    publicKey: Uint8Array.from(k.publicKey!),
  }
  wipeNode(node)
  return out
}

/** A key pair in the form the protocol's signature schemes take. */
export type SigningKey = {
  scheme: HdScheme
  /** ed25519: the 32-byte RFC 8032 secret seed; secp256k1: the 32-byte scalar. Secret. */
  secretKey: Uint8Array
  /** ed25519: 32 bytes; secp256k1: the 32-byte BIP340 x-only key. */
  publicKey: Uint8Array
}

/**
 * The signing key at `path`: the protocol-form key pair of the derived node (chain code wiped).
 * @throws {RangeError} as `deriveHdNode`.
 * @example
 * const key = deriveSigningKey({ seed, scheme: 'secp256k1', path: walletPath({ … }) })
 * createSecp256k1Schnorr().sign(sighash, key.secretKey)
 */
export function deriveSigningKey(params: DeriveHdNodeParameters): SigningKey {
  const node = deriveHdNode(params)
  node.chainCode.fill(0)
  // Both 33-byte forms carry the 32-byte protocol key after their first byte: SLIP-0010's 0x00
  // prefix, or the compressed point's parity byte (BIP340 keys are the x coordinate alone).
  return { scheme: params.scheme, secretKey: node.privateKey, publicKey: node.publicKey.slice(1) }
}

/** Most keys derived in one call (a gap-limit window is far smaller). */
export const MAX_KEYS_PER_CALL = 1_000

export type DeriveWalletPublicKeysParameters = Omit<WalletPathParameters, 'index'> & {
  /** A BIP39 seed. Not retained. */
  seed: Uint8Array
  /** First address index. */
  from: number
  count: number
}

/**
 * The protocol-form public keys of addresses `from … from + count - 1` of one account chain,
 * deriving the chain node once. Every private key met on the way is wiped.
 * @throws {RangeError} for indices outside [0, 2^31) or more than 1,000 keys.
 */
export function deriveWalletPublicKeys(p: DeriveWalletPublicKeysParameters): Uint8Array[] {
  assertSeed(p.seed)
  if (!Number.isSafeInteger(p.count) || p.count < 0 || p.count > MAX_KEYS_PER_CALL)
    throw new RangeError(`count must be an integer in [0, ${MAX_KEYS_PER_CALL}]`)
  if (p.count === 0) return []
  const last = walletPath({ ...p, index: p.from + p.count - 1 })
  walletPath({ ...p, index: p.from })
  const chainNode = walk(p.seed, p.scheme, last.slice(0, -1))
  const hardened = last.at(-1)! >= HARDENED_OFFSET ? HARDENED_OFFSET : 0
  try {
    const keys: Uint8Array[] = []
    for (let i = p.from; i < p.from + p.count; i++) {
      const child = childNode(chainNode, i + hardened)
      keys.push(Uint8Array.from(child.key.publicKey!).slice(1))
      wipeNode(child)
    }
    return keys
  } finally {
    wipeNode(chainNode)
  }
}
