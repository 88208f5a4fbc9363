import { blake3 } from '@noble/hashes/blake3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { utf8 } from '../../src/bytes.js'
import { buildGcs, decodeGcs, type GcsParams, matchGcs } from '../../src/filter/gcs.js'

const KEY = blake3(utf8('gcs key'))
const item = (label: string, i: number) => blake3(utf8(`${label}${i}`), { dkLen: 20 })

/** A coarse filter (M = 50) whose false-positive rate is large enough to measure. */
const COARSE: GcsParams = { p: 5, m: 50, maxItems: 10_000, maxBytes: 1 << 20 }

describe('Golomb-coded set', () => {
  it('has a measured false-positive rate equal to (distinct values)/(N·M) ≈ 1/M', () => {
    const n = 2000
    const filter = buildGcs(
      KEY,
      Array.from({ length: n }, (_, i) => item('in', i)),
      COARSE,
    )
    const values = decodeGcs(filter, COARSE)
    const distinct = new Set(values).size
    const p = distinct / (n * COARSE.m) // exact hit probability of a uniform query
    expect(p).toBeGreaterThan(0.019)
    expect(p).toBeLessThanOrEqual(1 / COARSE.m)
    const queries = 50_000
    let hits = 0
    for (let i = 0; i < queries; i++) if (matchGcs(values, KEY, [item('out', i)], COARSE)) hits++
    const sigma = Math.sqrt(queries * p * (1 - p))
    // 6σ: a correct uniform mapping fails this with probability ~2·10⁻⁹ (and the inputs are fixed).
    expect(Math.abs(hits - queries * p)).toBeLessThan(6 * sigma)
  })

  it('round-trips any sorted value set it encodes, for several parameters', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 8 }), { maxLength: 80 }),
        (p, m, items) => {
          const params: GcsParams = { p, m, maxItems: 1000, maxBytes: 1 << 20 }
          const filter = buildGcs(KEY, items, params)
          const values = decodeGcs(filter, params)
          const n = new Set(items.map((x) => x.join())).size
          expect(values.length).toBe(n)
          for (let i = 1; i < n; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!)
          for (const v of values) expect(v).toBeLessThan(n * m)
          for (const x of items) expect(matchGcs(values, KEY, [x], params)).toBe(true)
        },
      ),
    )
  })

  it('enforces the item cap when building', () => {
    const params: GcsParams = { p: 4, m: 16, maxItems: 3, maxBytes: 100 }
    expect(() =>
      buildGcs(
        KEY,
        [1, 2, 3, 4].map((i) => item('cap', i)),
        params,
      ),
    ).toThrow(RangeError)
  })
})

describe('Golomb-coded set: distinct items', () => {
  const count = (items: Uint8Array[]) => decodeGcs(buildGcs(KEY, items, COARSE), COARSE).length

  it('counts each distinct byte string once, short or long, and only equal bytes as equal', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 600 }), { minLength: 1, maxLength: 20 }),
        (items) => {
          const distinct = new Set(items.map((b) => Array.from(b).join(','))).size
          expect(count([...items, ...items.map((b) => b.slice())])).toBe(distinct)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('does not confuse a long item with a short one whose bytes spell its hex', () => {
    const long = new Uint8Array(300).fill(0xab)
    const spelled = utf8('ab'.repeat(300))
    expect(count([long, spelled])).toBe(2)
  })
})
