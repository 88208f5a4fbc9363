import { blake3 } from '@noble/hashes/blake3.js'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { concatBytes, fromHex, toHex, utf8 } from '../../src/bytes.js'
import { DecodeError } from '../../src/errors.js'
import { buildBlockFilter } from '../../src/filter/buildBlockFilter.js'
import { decodeBlockFilter } from '../../src/filter/decodeBlockFilter.js'
import { matchGcs } from '../../src/filter/gcs.js'
import { hashBlockFilter } from '../../src/filter/hashBlockFilter.js'
import { matchAnyBlockFilter, matchBlockFilter } from '../../src/filter/matchBlockFilter.js'
import {
  BLOCK_FILTER_M,
  BLOCK_FILTER_PARAMS,
  MAX_BLOCK_FILTER_BYTES,
} from '../../src/filter/params.js'
import { domainKey, initHashing } from '../../src/hash/blake3.js'

/** Deterministic pseudo-random 33-byte "locks". */
const lock = (label: string, i: number) => blake3(utf8(`${label}/${i}`), { dkLen: 33 })
const locks = (label: string, n: number) => Array.from({ length: n }, (_, i) => lock(label, i))
const KEY = blake3(utf8('prevHash'))

const decodeCode = (bytes: Uint8Array) => {
  try {
    decodeBlockFilter(bytes)
    return 'ok'
  } catch (e) {
    expect(e).toBeInstanceOf(DecodeError)
    return (e as DecodeError).code
  }
}

beforeAll(() => initHashing())

describe('block filter', () => {
  it('matches every inserted item', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 40 }), { minLength: 1, maxLength: 60 }),
        (key, items) => {
          const filter = buildBlockFilter({ key, items })
          for (const item of items) expect(matchBlockFilter({ filter, key, item })).toBe(true)
          expect(matchAnyBlockFilter({ filter, key, items: [lock('absent', 0), items[0]!] })).toBe(
            true,
          )
        },
      ),
      { numRuns: 200 },
    )
  })

  it('has a false-positive rate of about 1/M: at most 3 hits in 100,000 non-member queries', () => {
    // Each query is a false positive with probability ≤ 1/M, so hits ~ Poisson(λ ≤ 100000/M =
    // 0.127); P(hits ≥ 4) ≈ λ⁴/24 ≈ 1.1·10⁻⁵. The inputs are fixed, so the result is too.
    const filter = buildBlockFilter({ key: KEY, items: locks('member', 1000) })
    const values = decodeBlockFilter(filter) // decode once; match each query on its own
    let hits = 0
    for (let i = 0; i < 100_000; i++)
      if (matchGcs(values, KEY, [lock('stranger', i)], BLOCK_FILTER_PARAMS)) hits++
    expect(100_000 / BLOCK_FILTER_M).toBeLessThan(0.13)
    expect(hits).toBeLessThanOrEqual(3)
  })

  it('never matches anything when empty', () => {
    const filter = buildBlockFilter({ key: KEY, items: [] })
    expect(filter).toEqual(fromHex('00'))
    expect(decodeBlockFilter(filter).length).toBe(0)
    expect(matchAnyBlockFilter({ filter, key: KEY, items: locks('x', 100) })).toBe(false)
    expect(
      matchAnyBlockFilter({
        filter: buildBlockFilter({ key: KEY, items: locks('x', 5) }),
        key: KEY,
        items: [],
      }),
    ).toBe(false)
  })

  it('is deterministic: order and duplicates do not matter', () => {
    const items = locks('d', 50)
    const filter = buildBlockFilter({ key: KEY, items })
    expect(buildBlockFilter({ key: KEY, items: [...items].reverse() })).toEqual(filter)
    expect(buildBlockFilter({ key: KEY, items: [...items, ...items.slice(0, 10)] })).toEqual(filter)
    expect(buildBlockFilter({ key: blake3(utf8('other block')), items })).not.toEqual(filter)
    expect(toHex(buildBlockFilter({ key: KEY, items: items.slice(0, 3) }))).toBe(GOLDEN_FILTER_3)
  })

  it('maps an item to ⌊h·N·M / 2^64⌋ of hash(filterKey, key ‖ item)', () => {
    const item = lock('one', 0)
    const d = blake3(concatBytes(KEY, item), { key: domainKey('filterKey') })
    let h = 0n
    for (let i = 7; i >= 0; i--) h = (h << 8n) | BigInt(d[i]!)
    const expected = Number((h * BigInt(BLOCK_FILTER_M)) >> 64n)
    expect([...decodeBlockFilter(buildBlockFilter({ key: KEY, items: [item] }))]).toEqual([
      expected,
    ])
  })

  it('costs about P + 2.05 bits ≈ 2.63 bytes per item', () => {
    const n = 10_000
    const filter = buildBlockFilter({ key: KEY, items: locks('size', n) })
    const perItem = filter.length / n
    expect(perItem).toBeGreaterThan(2.58)
    expect(perItem).toBeLessThan(2.68)
  })

  it('hashes with the filter domain', () => {
    const filter = buildBlockFilter({ key: KEY, items: locks('h', 4) })
    expect(hashBlockFilter(filter)).toEqual(blake3(filter, { key: domainKey('filter') }))
  })

  it('rejects malformed encodings', () => {
    const good = buildBlockFilter({ key: KEY, items: locks('m', 20) })
    expect(decodeCode(good)).toBe('ok')
    expect(decodeCode(concatBytes(good, fromHex('00')))).toBe('TRAILING_BYTES')
    expect(decodeCode(good.subarray(0, good.length - 1))).toBe('UNEXPECTED_END')
    expect(decodeCode(fromHex('0000'))).toBe('TRAILING_BYTES') // N = 0 then a byte
    expect(decodeCode(fromHex(''))).toBe('UNEXPECTED_END')
    expect(decodeCode(fromHex('8000'))).toBe('NON_MINIMAL_VARINT')
    expect(decodeCode(fromHex('81808001'))).toBe('LENGTH_TOO_LARGE') // N = 2^21 + 1 > 2^20
    expect(decodeCode(fromHex('808040'))).toBe('UNEXPECTED_END') // N = 2^20 with no stream: no allocation
    expect(decodeCode(fromHex('020000'))).toBe('UNEXPECTED_END') // 2 items need ≥ 40 bits
    // N = 1, value 2·2^19 = 1048576 ≥ F = 784931: bits 110 + 19 zeros (+2 padding) = 3 bytes.
    expect(decodeCode(fromHex('01c00000'))).toBe('INVALID_VALUE')
    // N = 1, value 0: bits 0 + 19 zeros = 20 bits; a set padding bit must be refused.
    expect(decodeCode(fromHex('01000000'))).toBe('ok')
    expect(decodeCode(fromHex('01000001'))).toBe('INVALID_VALUE')
    expect(decodeCode(fromHex('0100000000'))).toBe('TRAILING_BYTES')
    expect(decodeCode(new Uint8Array(MAX_BLOCK_FILTER_BYTES + 1))).toBe('INPUT_TOO_LARGE')
    const flipped = good.slice()
    flipped[flipped.length - 1]! ^= 0xff
    expect(decodeCode(flipped)).not.toBe('ok')
    expect(() =>
      matchBlockFilter({ filter: fromHex('01000001'), key: KEY, item: lock('m', 0) }),
    ).toThrow(DecodeError)
  })

  it('validates its inputs', () => {
    expect(() => buildBlockFilter({ key: new Uint8Array(31), items: [] })).toThrow(TypeError)
    expect(() => buildBlockFilter({ key: KEY, items: ['ab' as unknown as Uint8Array] })).toThrow(
      TypeError,
    )
    expect(() =>
      matchBlockFilter({ filter: fromHex('00'), key: new Uint8Array(1), item: lock('v', 0) }),
    ).toThrow(TypeError)
  })
})

/** buildBlockFilter of the first three 'd' locks under KEY; pinned (consensus: filterHash). */
const GOLDEN_FILTER_3 = '031a6040d83f886298'
