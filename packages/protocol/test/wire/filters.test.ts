import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { varintLength } from '../../src/codec/writer.js'
import { DecodeError } from '../../src/errors.js'
import { MAX_BLOCK_FILTER_BYTES } from '../../src/filter/params.js'
import {
  type BlockFilterItem,
  decodeFiltersRequest,
  decodeFiltersResponse,
  encodeFiltersRequest,
  encodeFiltersResponse,
  FILTERS_COUNT_BYTES,
  filterItemLength,
} from '../../src/wire/filters.js'
import {
  MAX_FILTERS_PER_REQUEST,
  MAX_FILTERS_RESPONSE_BYTES,
  MAX_LENGTH_PREFIX_BYTES,
  PROTOCOL_LIMITS,
} from '../../src/wire/limits.js'
import { protocolId } from '../../src/wire/protocols.js'
import { expectOnlyDecodeErrors, expectStrict, hash32, u32 } from './helpers.js'

const itemArb: fc.Arbitrary<BlockFilterItem> = fc.record({
  blockHash: hash32,
  filter: fc.uint8Array({ maxLength: 200 }),
})

describe('filters', () => {
  it('is /supernova/<network>/filters/1 with caps that always fit one largest filter', () => {
    expect(protocolId('devnet', 'filters')).toBe('/supernova/devnet/filters/1')
    expect(PROTOCOL_LIMITS.filters).toEqual({
      maxRequestBytes: 6,
      maxResponseBytes: 1 + MAX_FILTERS_RESPONSE_BYTES,
      timeoutMs: 30_000,
    })
    expect(MAX_FILTERS_PER_REQUEST).toBe(1000)
    // A response always has room for one filter at its consensus cap, so a server can always
    // make progress; the whole frame still fits a 4-byte length prefix.
    expect(FILTERS_COUNT_BYTES + filterItemLength(MAX_BLOCK_FILTER_BYTES)).toBeLessThanOrEqual(
      MAX_FILTERS_RESPONSE_BYTES,
    )
    expect(PROTOCOL_LIMITS.filters.maxResponseBytes).toBeLessThan(
      2 ** (7 * MAX_LENGTH_PREFIX_BYTES),
    )
  })

  it('request: u32 ‖ u16 with count in 1..1000, strict', () => {
    fc.assert(
      fc.property(u32, fc.integer({ min: 1, max: 1000 }), (fromHeight, count) => {
        const bytes = encodeFiltersRequest({ fromHeight, count })
        expect(bytes.length).toBe(6)
        expect(decodeFiltersRequest(bytes)).toEqual({ fromHeight, count })
        expectStrict(bytes, decodeFiltersRequest)
      }),
      { numRuns: 50 },
    )
    for (const count of [0, 1001, 1.5, Number.NaN])
      expect(() => encodeFiltersRequest({ fromHeight: 0, count })).toThrow(RangeError)
    expect(() => encodeFiltersRequest({ fromHeight: -1, count: 1 })).toThrow(RangeError)
    expect(() => encodeFiltersRequest({ fromHeight: 2 ** 32, count: 1 })).toThrow(RangeError)
    // 1001 and 0 as raw u16 counts.
    expect(() => decodeFiltersRequest(Uint8Array.of(0, 0, 0, 0, 0xe9, 0x03))).toThrow(DecodeError)
    expect(() => decodeFiltersRequest(Uint8Array.of(0, 0, 0, 0, 0, 0))).toThrow(DecodeError)
    expectOnlyDecodeErrors(decodeFiltersRequest, 10)
  })

  it('response: round-trips in order, strict, its length as filterItemLength says', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 6 }), (items) => {
        const bytes = encodeFiltersResponse(items)
        const expected =
          varintLength(items.length) +
          items.reduce((s, i) => s + filterItemLength(i.filter.length), 0)
        expect(bytes.length).toBe(expected)
        expect(decodeFiltersResponse(bytes)).toEqual(items)
        expectStrict(bytes, decodeFiltersResponse)
      }),
      { numRuns: 50 },
    )
  })

  it('response: the count is checked against the bytes and the cap before allocating', () => {
    expect(decodeFiltersResponse(Uint8Array.of(0))).toEqual([])
    // 1000 items announced with nothing behind them, and 1001 (over the cap).
    expect(() => decodeFiltersResponse(Uint8Array.of(0xe8, 0x07))).toThrow(DecodeError)
    const over = new Uint8Array(2 + 1001 * 33)
    over.set([0xe9, 0x07])
    expect(() => decodeFiltersResponse(over)).toThrow(/exceeds the cap/)
    // A filter length above the consensus cap is refused before it is read.
    const big = Uint8Array.of(1, ...new Uint8Array(32), 0x89, 0x80, 0xc0, 0x01)
    expect(() => decodeFiltersResponse(big)).toThrow(DecodeError)
    expect(() => decodeFiltersResponse(new Uint8Array(MAX_FILTERS_RESPONSE_BYTES + 1))).toThrow(
      /exceeds the cap/,
    )
    expectOnlyDecodeErrors(decodeFiltersResponse)
  })

  it('the encoder refuses what the decoder would', () => {
    const item = { blockHash: new Uint8Array(32), filter: new Uint8Array(1) }
    expect(() => encodeFiltersResponse(Array(1001).fill(item))).toThrow(RangeError)
    expect(() =>
      encodeFiltersResponse([{ blockHash: new Uint8Array(31), filter: new Uint8Array(1) }]),
    ).toThrow(RangeError)
    const huge = {
      blockHash: new Uint8Array(32),
      filter: new Uint8Array(MAX_BLOCK_FILTER_BYTES + 1),
    }
    expect(() => encodeFiltersResponse([huge])).toThrow(RangeError)
    const two = { blockHash: new Uint8Array(32), filter: new Uint8Array(MAX_BLOCK_FILTER_BYTES) }
    expect(() => encodeFiltersResponse([two, two])).toThrow(RangeError)
  })
})
