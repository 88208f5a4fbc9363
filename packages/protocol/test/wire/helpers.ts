import fc from 'fast-check'
import { expect } from 'vitest'
import type { Header } from '../../src/block/header.js'
import { DecodeError } from '../../src/errors.js'

export const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 })
export const u32 = fc.integer({ min: 0, max: 0xffffffff })

export const headerArb: fc.Arbitrary<Header> = fc.record({
  version: u32,
  height: u32,
  prevHash: hash32,
  timestamp: fc.maxSafeNat(),
  bits: u32,
  nonce: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  txRoot: hash32,
  utxoRoot: hash32,
  filterHash: hash32,
  validatorSetHash: hash32,
  randomness: hash32,
})

/** A strict decoder refuses its input cut at any length, and with a byte appended. */
export function expectStrict(bytes: Uint8Array, decode: (b: Uint8Array) => unknown): void {
  for (let n = 0; n < bytes.length; n++)
    expect(() => decode(bytes.subarray(0, n)), `cut at ${n}`).toThrow(DecodeError)
  expect(() => decode(Uint8Array.of(...bytes, 0))).toThrow(DecodeError)
}

/** Arbitrary bytes either decode or throw a DecodeError — never anything else. */
export function expectOnlyDecodeErrors(decode: (b: Uint8Array) => unknown, maxLength = 600): void {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength }), (bytes) => {
      try {
        decode(bytes)
      } catch (err) {
        expect(err).toBeInstanceOf(DecodeError)
      }
    }),
    { numRuns: 300 },
  )
}
