import { HEADER_BYTES, HEADER_LAYOUT } from '../block/header.js'
import { hash } from '../hash/blake3.js'
import { bitsToTarget, hashMeetsTarget, targetToBytes } from './target.js'

/**
 * Small cache of expanded targets by compact bits: consecutive headers usually share bits, so the
 * PoW check is one hash and one 32-byte compare.
 */
const targetCache = new Map<number, Uint8Array>()
const TARGET_CACHE_MAX = 64

function targetBytesForBits(bits: number): Uint8Array {
  let t = targetCache.get(bits)
  if (t === undefined) {
    t = targetToBytes(bitsToTarget(bits))
    if (targetCache.size >= TARGET_CACHE_MAX) targetCache.clear()
    targetCache.set(bits, t)
  }
  return t
}

export type ProofOfWorkResult = { valid: boolean; hash: Uint8Array }

/**
 * Checks the proof of work of an encoded header: BLAKE3('header', bytes) ≤ target(bits), with the
 * bits read from their fixed offset. Returns the block hash with the verdict.
 * @throws {TargetError} when the bits are not a canonical compact target.
 * @throws {RangeError} when `headerBytes` is not exactly HEADER_BYTES long.
 */
export function checkProofOfWork(headerBytes: Uint8Array): ProofOfWorkResult {
  if (headerBytes.length !== HEADER_BYTES)
    throw new RangeError(`header must be ${HEADER_BYTES} bytes`)
  const bits =
    (headerBytes[HEADER_LAYOUT.bits]! |
      (headerBytes[HEADER_LAYOUT.bits + 1]! << 8) |
      (headerBytes[HEADER_LAYOUT.bits + 2]! << 16) |
      (headerBytes[HEADER_LAYOUT.bits + 3]! << 24)) >>>
    0
  const target = targetBytesForBits(bits)
  const h = hash('header', headerBytes)
  return { valid: hashMeetsTarget(h, target), hash: h }
}
