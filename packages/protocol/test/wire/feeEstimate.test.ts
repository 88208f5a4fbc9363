import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../../src/errors.js'
import {
  decodeFeeEstimateRequest,
  decodeFeeEstimateResponse,
  encodeFeeEstimateRequest,
  encodeFeeEstimateResponse,
  FEE_ESTIMATE_BYTES,
  type FeeEstimateMessage,
  MAX_FEE_ESTIMATE_TARGET,
} from '../../src/wire/feeEstimate.js'
import { PROTOCOL_LIMITS } from '../../src/wire/limits.js'
import { encodeResponseFrame } from '../../src/wire/responseFrame.js'
import { expectOnlyDecodeErrors, expectStrict, u32 } from './helpers.js'

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })
/** A consistent answer: the estimate at or above the floor. */
const messageArb: fc.Arbitrary<FeeEstimateMessage> = fc
  .record({ a: u64, b: u64, tipHeight: u32, samples: u32 })
  .map(({ a, b, tipHeight, samples }) => ({
    feeRate: a > b ? a : b,
    minFeeRate: a > b ? b : a,
    tipHeight,
    samples,
  }))

describe('fee-estimate', () => {
  it('request: a u16 target in 1..1008, little-endian, strict', () => {
    expect(MAX_FEE_ESTIMATE_TARGET).toBe(1008)
    expect([...encodeFeeEstimateRequest(6)]).toEqual([6, 0])
    expect([...encodeFeeEstimateRequest(1008)]).toEqual([0xf0, 0x03])
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1008 }), (target) => {
        const bytes = encodeFeeEstimateRequest(target)
        expect(bytes.length).toBeLessThanOrEqual(PROTOCOL_LIMITS['fee-estimate'].maxRequestBytes)
        expect(decodeFeeEstimateRequest(bytes)).toBe(target)
        expectStrict(bytes, decodeFeeEstimateRequest)
      }),
      { numRuns: 50 },
    )
    expectOnlyDecodeErrors(decodeFeeEstimateRequest, 4)
  })

  it('request: a target outside 1..1008 is refused by both sides', () => {
    for (const t of [0, 1009, 0xffff, -1, 1.5, Number.NaN])
      expect(() => encodeFeeEstimateRequest(t), String(t)).toThrow(RangeError)
    for (const bytes of [
      [0, 0],
      [0xf1, 0x03],
      [0xff, 0xff],
    ])
      expect(() => decodeFeeEstimateRequest(Uint8Array.from(bytes))).toThrow(DecodeError)
    // Over the 2-byte cap: refused before reading.
    expect(() => decodeFeeEstimateRequest(Uint8Array.of(1, 0, 0))).toThrow(DecodeError)
  })

  it('response: feeRate u64 ‖ minFeeRate u64 ‖ tipHeight u32 ‖ samples u32', () => {
    const m = { feeRate: 0x0102n, minFeeRate: 1n, tipHeight: 0x0a0b0c0d, samples: 7 }
    expect([...encodeFeeEstimateResponse(m)]).toEqual([
      2, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x0d, 0x0c, 0x0b, 0x0a, 7, 0, 0, 0,
    ])
    fc.assert(
      fc.property(messageArb, (msg) => {
        const bytes = encodeFeeEstimateResponse(msg)
        expect(bytes.length).toBe(FEE_ESTIMATE_BYTES)
        expect(decodeFeeEstimateResponse(bytes)).toEqual(msg)
        expectStrict(bytes, decodeFeeEstimateResponse)
      }),
      { numRuns: 100 },
    )
    expectOnlyDecodeErrors(decodeFeeEstimateResponse, 40)
  })

  it('response: an estimate below the floor it came with is refused by both sides', () => {
    const m = { feeRate: 1n, minFeeRate: 2n, tipHeight: 5, samples: 0 }
    expect(() => encodeFeeEstimateResponse(m)).toThrow(RangeError)
    const bytes = encodeFeeEstimateResponse({ ...m, feeRate: 2n })
    bytes[0] = 1 // feeRate 1 < minFeeRate 2
    expect(() => decodeFeeEstimateResponse(bytes)).toThrow(DecodeError)
    expect(() => encodeFeeEstimateResponse({ ...m, minFeeRate: -1n })).toThrow(RangeError)
    expect(() => encodeFeeEstimateResponse({ ...m, feeRate: 2n ** 64n })).toThrow(RangeError)
  })

  it('every frame the server may send fits the response cap', () => {
    const cap = PROTOCOL_LIMITS['fee-estimate'].maxResponseBytes
    const top = 2n ** 64n - 1n
    const body = encodeFeeEstimateResponse({
      feeRate: top,
      minFeeRate: top,
      tipHeight: 0xffffffff,
      samples: 0xffffffff,
    })
    const long = 'é'.repeat(1000)
    const frames = [
      encodeResponseFrame({ result: 'OK', body }),
      encodeResponseFrame({ result: 'BAD_REQUEST', message: long }),
      encodeResponseFrame({ result: 'RATE_LIMITED', message: long }),
    ]
    for (const f of frames) expect(f.length).toBeLessThanOrEqual(cap)
  })
})
