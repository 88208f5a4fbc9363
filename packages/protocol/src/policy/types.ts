import type { SchemeId } from '../crypto/types.js'

/** A public key together with the scheme it belongs to. */
export type KeyRef = { scheme: SchemeId; publicKey: Uint8Array }

/**
 * Spend policy (SPEC §2): a small typed tree. Outputs commit to `hash('policy', encodePolicy(p))`;
 * the spender reveals the policy and a matching `Satisfaction` in the input's witness.
 */
export type Policy =
  | { type: 'key'; key: KeyRef }
  | { type: 'multisig'; threshold: number; keys: readonly KeyRef[] }
  /** Plain BLAKE3-256 of a preimage of at most `MAX_PREIMAGE_BYTES`. */
  | { type: 'hashlock'; hash: Uint8Array }
  /** Absolute: a height when `< LOCKTIME_THRESHOLD`, else a UNIX time in seconds. */
  | { type: 'after'; locktime: number }
  /** Relative: the spent output must be at least `blocks` deep (BIP68-style sequence). */
  | { type: 'older'; blocks: number }
  | { type: 'and'; policies: readonly Policy[] }
  | { type: 'or'; policies: readonly Policy[] }
  | { type: 'thresh'; threshold: number; policies: readonly Policy[] }

export type PolicyType = Policy['type']

/**
 * Witness data that satisfies a policy, mirroring its shape:
 * key → signature; multisig → exactly `threshold` signatures with strictly increasing key
 * indices; hashlock → preimage; after/older → none; and → one per child; or → the chosen child's
 * index and its satisfaction; thresh → one entry per child, `null` for exactly the children not
 * used (so exactly `threshold` are present).
 */
export type Satisfaction =
  | { type: 'signature'; signature: Uint8Array }
  | { type: 'multisig'; signatures: readonly { index: number; signature: Uint8Array }[] }
  | { type: 'preimage'; preimage: Uint8Array }
  | { type: 'none' }
  | { type: 'and'; satisfactions: readonly Satisfaction[] }
  | { type: 'or'; index: number; satisfaction: Satisfaction }
  | { type: 'thresh'; satisfactions: readonly (Satisfaction | null)[] }

/** Heights below this are block heights; at or above, UNIX seconds (as in Bitcoin). */
export const LOCKTIME_THRESHOLD = 500_000_000
/** Sequence bit that disables the input's relative lock (BIP68). */
export const SEQUENCE_DISABLE_FLAG = 0x8000_0000
/** Sequence of an input that opts out of locktime and relative locks. */
export const SEQUENCE_FINAL = 0xffff_ffff

/** Structural caps, checked by the decoder before allocating. */
export const POLICY_LIMITS = {
  maxDepth: 8,
  maxNodes: 64,
  maxChildren: 16,
  maxMultisigKeys: 20,
  maxPreimageBytes: 64,
  maxEncodedBytes: 64 * 1024,
} as const

/** What a policy check needs to know about the spending transaction and chain. */
export type PolicyContext = {
  /** The input's sighash: what every signature in its satisfaction signs. */
  sighash: Uint8Array
  /** The spending transaction's locktime. */
  txLocktime: number
  /** The input's sequence. */
  sequence: number
}

/** A signature the checker found must verify; the caller batch-verifies them. */
export type RequiredSignature = { key: KeyRef; signature: Uint8Array; message: Uint8Array }

/**
 * What an output commits to: the kind of spender plus the policy hash. Single-key policies carry
 * their scheme as the lock type (so an address tells which scheme it needs); any other policy tree
 * is `policy`.
 */
export const LOCK_TYPES = ['ed25519', 'secp256k1', 'mldsa65', 'policy'] as const
export type LockType = (typeof LOCK_TYPES)[number]
/** Wire codes of lock types. Part of consensus: never renumber. */
export const LOCK_CODES: Readonly<Record<LockType, number>> = {
  ed25519: 0,
  secp256k1: 1,
  mldsa65: 2,
  policy: 3,
}
export type Lock = { type: LockType; policyHash: Uint8Array }
