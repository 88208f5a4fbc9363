import { BaseError } from '../errors.js'

/** Errors of compact-target handling. */
export type TargetErrorCode = 'NON_CANONICAL_BITS' | 'TARGET_OUT_OF_RANGE'
export class TargetError extends BaseError<TargetErrorCode> {
  override name = 'TargetError'
}

const MAX_TARGET = (1n << 256n) - 1n

/**
 * Decoded targets by compact bits. Only canonical bits that decoded are stored, so a hit needs no
 * checks: a chain's headers share a handful of bits values (the anchor, the limit, the current
 * difficulty), and the retarget decodes two of them for every header.
 */
const decoded = new Map<number, bigint>()
const DECODED_MAX = 256

/**
 * Decodes Bitcoin's compact "bits" form (exponent byte, 23-bit mantissa) into a 256-bit target.
 * Only canonical, positive encodings are accepted: the sign bit must be clear, the mantissa
 * normalised (no leading zero byte unless the value needs it), and the result non-zero and below 2^256.
 * @throws {TargetError}
 */
export function bitsToTarget(bits: number): bigint {
  const known = decoded.get(bits)
  if (known !== undefined) return known
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffffffff)
    throw new TargetError({ code: 'NON_CANONICAL_BITS', message: `bits out of range: ${bits}` })
  const exponent = bits >>> 24
  const mantissa = bits & 0x007fffff
  if (bits & 0x00800000)
    throw new TargetError({
      code: 'NON_CANONICAL_BITS',
      message: 'negative compact target',
      details: { bits },
    })
  const target =
    exponent <= 3
      ? BigInt(mantissa >>> (8 * (3 - exponent)))
      : BigInt(mantissa) << BigInt(8 * (exponent - 3))
  if (target === 0n || target > MAX_TARGET) {
    throw new TargetError({
      code: 'TARGET_OUT_OF_RANGE',
      message: `compact target 0x${bits.toString(16)} is zero or ≥ 2^256`,
      details: { bits },
    })
  }
  if (targetToBits(target) !== bits) {
    throw new TargetError({
      code: 'NON_CANONICAL_BITS',
      message: `bits 0x${bits.toString(16)} is not the canonical encoding`,
      details: { bits },
    })
  }
  if (decoded.size >= DECODED_MAX) decoded.clear()
  decoded.set(bits, target)
  return target
}

/** Encodes a positive target in canonical compact form (rounding the target down to 23 bits of mantissa). */
export function targetToBits(target: bigint): number {
  if (target <= 0n || target > MAX_TARGET)
    throw new TargetError({ code: 'TARGET_OUT_OF_RANGE', message: 'target must be in [1, 2^256)' })
  let size = (target.toString(16).length + 1) >> 1 // bytes of the big-endian magnitude
  let mantissa =
    size <= 3 ? Number(target << BigInt(8 * (3 - size))) : Number(target >> BigInt(8 * (size - 3)))
  if (mantissa & 0x00800000) {
    mantissa >>>= 8
    size++
  }
  return ((size << 24) | mantissa) >>> 0
}

/** The target as 32 big-endian bytes, for byte-wise comparison with a hash. */
export function targetToBytes(target: bigint): Uint8Array {
  const out = new Uint8Array(32)
  let t = target
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(t & 0xffn)
    t >>= 8n
  }
  return out
}

/** A hash read as a big-endian 256-bit integer is at most the target. */
export function hashMeetsTarget(hash: Uint8Array, targetBytes: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) {
    const a = hash[i]!
    const b = targetBytes[i]!
    if (a !== b) return a < b
  }
  return true
}

const TWO_256 = 1n << 256n

/** Expected number of hashes to meet `target`: 2^256 / (target + 1). */
export function workForTarget(target: bigint): bigint {
  return TWO_256 / (target + 1n)
}

export function workForBits(bits: number): bigint {
  return workForTarget(bitsToTarget(bits))
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let v = 0n
  for (const b of bytes) v = (v << 8n) | BigInt(b)
  return v
}
