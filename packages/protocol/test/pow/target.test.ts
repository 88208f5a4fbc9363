import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  bitsToTarget,
  hashMeetsTarget,
  type TargetError,
  targetToBits,
  targetToBytes,
  workForBits,
  workForTarget,
} from '../../src/pow/target.js'

describe('compact targets', () => {
  it('decodes Bitcoin genesis bits', () => {
    expect(bitsToTarget(0x1d00ffff)).toBe(0xffffn << 208n)
    expect(targetToBits(0xffffn << 208n)).toBe(0x1d00ffff)
  })

  it('round-trips canonical bits and rounds targets down (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 255n }), (t) => {
        const bits = targetToBits(t)
        const back = bitsToTarget(bits)
        expect(back <= t).toBe(true)
        expect(targetToBits(back)).toBe(bits)
      }),
    )
  })

  it('rejects negative, zero, overflowing and non-canonical encodings', () => {
    const code = (bits: number) => {
      try {
        bitsToTarget(bits)
      } catch (e) {
        return (e as TargetError).code
      }
      return 'ok'
    }
    expect(code(0x1d80ffff)).toBe('NON_CANONICAL_BITS') // sign bit
    expect(code(0x1d000000)).toBe('TARGET_OUT_OF_RANGE') // zero
    expect(code(0x2200ffff)).toBe('TARGET_OUT_OF_RANGE') // ≥ 2^256
    expect(code(0x1e0000ff)).toBe('NON_CANONICAL_BITS') // leading zero bytes in the mantissa
    expect(code(0x207fffff)).toBe('ok')
  })

  it('decodes any 32-bit value as the textbook rules do, on first and repeated calls (property)', () => {
    // The reference: sign bit clear, value in [1, 2^256), and the minimal encoding of that value.
    const referenceBits = (t: bigint) => {
      let size = 0
      for (let v = t; v > 0n; v >>= 8n) size++
      let m = size <= 3 ? Number(t << BigInt(8 * (3 - size))) : Number(t >> BigInt(8 * (size - 3)))
      if (m & 0x800000) {
        m >>>= 8
        size++
      }
      return ((size << 24) | m) >>> 0
    }
    const reference = (bits: number) => {
      if (bits & 0x800000) return 'NON_CANONICAL_BITS'
      const e = bits >>> 24
      const m = bits & 0x7fffff
      const t = e <= 3 ? BigInt(m >>> (8 * (3 - e))) : BigInt(m) << BigInt(8 * (e - 3))
      if (t === 0n || t >= 1n << 256n) return 'TARGET_OUT_OF_RANGE'
      return referenceBits(t) === bits ? t : 'NON_CANONICAL_BITS'
    }
    const decode = (bits: number) => {
      try {
        return bitsToTarget(bits)
      } catch (e) {
        return (e as TargetError).code
      }
    }
    // Mostly exponents a chain uses (so canonical values are common), plus any u32 at all.
    const bits = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 0x21 }), fc.integer({ min: 0, max: 0xffffff }))
        .map(([e, m]) => ((e << 24) | m) >>> 0),
      fc.integer({ min: 0, max: 0xffffffff }),
    )
    fc.assert(
      fc.property(bits, (b) => {
        const want = reference(b)
        expect(decode(b)).toBe(want)
        expect(decode(b)).toBe(want) // a remembered answer is the same answer
        if (typeof want === 'bigint') expect(targetToBits(want)).toBe(b)
      }),
      { numRuns: 2000 },
    )
  })

  it('compares hashes with targets as big-endian integers', () => {
    const target = targetToBytes(0x00ffn << 240n)
    const below = new Uint8Array(32)
    below[1] = 0xfe
    const above = new Uint8Array(32)
    above[0] = 1
    expect(hashMeetsTarget(below, target)).toBe(true)
    expect(hashMeetsTarget(above, target)).toBe(false)
    expect(hashMeetsTarget(target, target)).toBe(true)
  })

  it('computes work as 2^256 / (target + 1)', () => {
    expect(workForTarget((1n << 256n) - 1n)).toBe(1n)
    expect(workForBits(0x207fffff)).toBe(2n)
    expect(workForTarget(0xffffn << 208n)).toBe(0x100010001n)
  })
})
