import {
  BaseError,
  type ChainParams,
  checkProofOfWork,
  DecodeError,
  decodeHeader,
  equalBytes,
  HEADER_BYTES,
  HEADER_LAYOUT,
  type Header,
  hashHeaderBytes,
  TargetError,
} from '@supernova/protocol'
import type { LightClientStorage, StoredHeader } from '../storage/types.js'

export type HeaderStoreErrorCode =
  /** The storage is bound to another network or genesis than the params given. */
  | 'WRONG_NETWORK'
  /** The headers to save do not extend the base state one by one. */
  | 'NOT_LINKED'
  /** A stored header read back does not match its own hash, height or neighbours. */
  | 'CORRUPT'
  | 'NOT_FOUND'

export class HeaderStoreError extends BaseError<HeaderStoreErrorCode> {
  override name = 'HeaderStoreError'
}

/** Why `restoreHeaderChain` started over from genesis; `height` says where, when it applies. */
export type RestoreFailureReason =
  /** Nothing stored: a new store, or one the browser evicted. */
  | 'EMPTY'
  /** The stored genesis is not the pinned one. */
  | 'WRONG_NETWORK'
  | 'MISSING_GENESIS'
  /** A height between genesis and the stored tip is missing. */
  | 'GAP'
  /** A record is not a decodable header (wrong length, bad shape). */
  | 'MALFORMED'
  /** The stored hash is not the hash of the stored bytes. */
  | 'HASH_MISMATCH'
  /** A header's height or prevHash does not follow the header below it. */
  | 'BROKEN_LINK'
  /** The header's hash is above the target its own bits encode. */
  | 'BAD_POW'
  /** The stored cumulative work is not the recomputed sum. */
  | 'WORK_MISMATCH'
  /** A header is further in the future than the client accepts now (clock went back, or tampering). */
  | 'FUTURE_TIMESTAMP'

/** @throws {HeaderStoreError} WRONG_NETWORK unless `storage` is bound to `params`' network and genesis. */
export function assertStorageFor(storage: LightClientStorage, params: ChainParams): void {
  const { network, genesisHash } = storage.meta
  if (network !== params.network || genesisHash !== params.genesisHash)
    throw new HeaderStoreError({
      code: 'WRONG_NETWORK',
      message: `the storage is bound to ${network} (${genesisHash}), not ${params.network} (${params.genesisHash})`,
    })
}

/** A stored record after `checkRecord`: the decoded header, its hash and its PoW verdict. */
export type CheckedRecord = { header: Header; hash: Uint8Array; powValid: boolean }

/**
 * One record on its own: length, hash of the bytes, canonical decoding, height. One hash — the
 * proof-of-work check's (the WASM hasher once `initHashing()` has run).
 */
export function checkRecord(rec: StoredHeader): CheckedRecord | RestoreFailureReason {
  if (rec.header.length !== HEADER_BYTES || rec.hash.length !== 32) return 'MALFORMED'
  let pow: { valid: boolean; hash: Uint8Array }
  try {
    pow = checkProofOfWork(rec.header)
  } catch (e) {
    if (!(e instanceof TargetError)) throw e
    // Bits that are no compact target: the bytes changed (hash mismatch) or were stored so.
    pow = { valid: false, hash: hashHeaderBytes(rec.header) }
  }
  if (!equalBytes(pow.hash, rec.hash)) return 'HASH_MISMATCH'
  let header: Header
  try {
    header = decodeHeader(rec.header)
  } catch (e) {
    if (e instanceof DecodeError) return 'MALFORMED'
    throw e
  }
  if (header.height !== rec.height) return 'BROKEN_LINK'
  return { header, hash: pow.hash, powValid: pow.valid }
}

/** The fields of a stored header the restore walk checks, read at their fixed offsets. */
export type RecordFields = {
  hash: Uint8Array
  powValid: boolean
  prevHash: Uint8Array
  timestamp: number
  bits: number
}

const u32At = (b: Uint8Array, at: number) =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0

/**
 * `checkRecord` without building the header: the same checks (length, hash of the bytes, proof of
 * work, height) on the fields read at their fixed offsets (HEADER_LAYOUT). A header decodes iff it
 * has HEADER_BYTES and its u64 timestamp is at most 2^53 − 1, so that is checked here too, and a
 * record this accepts is one `decodeHeader` accepts. `prevHash` is a view into `rec.header`.
 */
export function checkRecordFields(rec: StoredHeader): RecordFields | RestoreFailureReason {
  const bytes = rec.header
  if (bytes.length !== HEADER_BYTES || rec.hash.length !== 32) return 'MALFORMED'
  let pow: { valid: boolean; hash: Uint8Array }
  try {
    pow = checkProofOfWork(bytes)
  } catch (e) {
    if (!(e instanceof TargetError)) throw e
    pow = { valid: false, hash: hashHeaderBytes(bytes) }
  }
  if (!equalBytes(pow.hash, rec.hash)) return 'HASH_MISMATCH'
  const high = u32At(bytes, HEADER_LAYOUT.timestamp + 4)
  if (high > 0x1fffff) return 'MALFORMED' // above 2^53 − 1: no header decodes so
  if (u32At(bytes, HEADER_LAYOUT.height) !== rec.height) return 'BROKEN_LINK'
  return {
    hash: pow.hash,
    powValid: pow.valid,
    prevHash: bytes.subarray(HEADER_LAYOUT.prevHash, HEADER_LAYOUT.prevHash + 32),
    timestamp: high * 2 ** 32 + u32At(bytes, HEADER_LAYOUT.timestamp),
    bits: u32At(bytes, HEADER_LAYOUT.bits),
  }
}

/** `checkRecord` plus proof of work above genesis: what a single read can check on its own. */
export function checkAlone(rec: StoredHeader): CheckedRecord {
  const c = checkRecord(rec)
  if (typeof c === 'string') throw corrupt(rec.height, c)
  if (rec.height > 0 && !c.powValid) throw corrupt(rec.height, 'BAD_POW')
  return c
}

export function corrupt(height: number, why: string): HeaderStoreError {
  return new HeaderStoreError({
    code: 'CORRUPT',
    message: `stored header at ${height} fails its integrity check: ${why}`,
    details: { height },
  })
}
