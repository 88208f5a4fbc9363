import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Reader } from '../../src/codec/reader.js'
import { Writer } from '../../src/codec/writer.js'
import { DecodeError } from '../../src/errors.js'

function decodeErrorCode(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    if (e instanceof DecodeError) return e.code
    throw e
  }
  return undefined
}

describe('varint', () => {
  it('round-trips every safe integer (property)', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        const bytes = new Writer().varint(n).finish()
        const r = new Reader(bytes)
        expect(r.varint(Number.MAX_SAFE_INTEGER)).toBe(n)
        r.finish()
      }),
    )
  })

  it('encodes known values', () => {
    expect([...new Writer().varint(0).finish()]).toEqual([0])
    expect([...new Writer().varint(127).finish()]).toEqual([127])
    expect([...new Writer().varint(128).finish()]).toEqual([0x80, 0x01])
    expect([...new Writer().varint(300).finish()]).toEqual([0xac, 0x02])
  })

  it('rejects non-minimal encodings', () => {
    expect(decodeErrorCode(() => new Reader(Uint8Array.of(0x80, 0x00)).varint(1000))).toBe(
      'NON_MINIMAL_VARINT',
    )
    expect(decodeErrorCode(() => new Reader(Uint8Array.of(0x81, 0x80, 0x00)).varint(1 << 20))).toBe(
      'NON_MINIMAL_VARINT',
    )
  })

  it('rejects values above the cap before reading further', () => {
    expect(decodeErrorCode(() => new Reader(Uint8Array.of(0xac, 0x02)).varint(299))).toBe(
      'LENGTH_TOO_LARGE',
    )
  })

  it('rejects overlong and truncated varints', () => {
    expect(
      decodeErrorCode(() =>
        new Reader(new Uint8Array(9).fill(0xff)).varint(Number.MAX_SAFE_INTEGER),
      ),
    ).toBe('VARINT_OVERFLOW')
    expect(decodeErrorCode(() => new Reader(Uint8Array.of(0x80)).varint(1000))).toBe(
      'UNEXPECTED_END',
    )
  })
})

describe('Reader', () => {
  it('checks a length prefix against what remains before allocating', () => {
    // Claims 2^40 bytes: must fail on the cap, never try to allocate.
    const w = new Writer().varint(2 ** 40)
    expect(decodeErrorCode(() => new Reader(w.finish()).bytes(1000))).toBe('LENGTH_TOO_LARGE')
    const w2 = new Writer().varint(500).raw(new Uint8Array(10))
    expect(decodeErrorCode(() => new Reader(w2.finish()).bytes(1000))).toBe('UNEXPECTED_END')
  })

  it('checks counts against the minimum item size', () => {
    const bytes = new Writer().varint(100).raw(new Uint8Array(50)).finish()
    expect(decodeErrorCode(() => new Reader(bytes).count(1000, 10))).toBe('UNEXPECTED_END')
    expect(new Reader(bytes).count(1000, 0)).toBe(100)
  })

  it('rejects trailing bytes', () => {
    const r = new Reader(Uint8Array.of(1, 2))
    r.u8()
    expect(decodeErrorCode(() => r.finish())).toBe('TRAILING_BYTES')
  })

  it('rejects booleans other than 0 and 1', () => {
    expect(decodeErrorCode(() => new Reader(Uint8Array.of(2)).bool())).toBe('INVALID_VALUE')
  })

  it('round-trips fixed-width integers (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(0xff),
        fc.nat(0xffff),
        fc.nat(0xffffffff),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        (a, b, c, d) => {
          const bytes = new Writer().u8(a).u16(b).u32(c).u64(d).finish()
          const r = new Reader(bytes)
          expect([r.u8(), r.u16(), r.u32(), r.u64()]).toEqual([a, b, c, d])
          r.finish()
        },
      ),
    )
  })

  it('refuses out-of-range writes', () => {
    expect(() => new Writer().u8(256)).toThrow(RangeError)
    expect(() => new Writer().u32(-1)).toThrow(RangeError)
    expect(() => new Writer().u64(2n ** 64n)).toThrow(RangeError)
    expect(() => new Writer().fixed(new Uint8Array(31), 32)).toThrow(RangeError)
  })
})
