import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoffDelay, cryptoRandom } from '../../src/network/backoff.js'

describe('backoffDelay', () => {
  it('doubles from minMs up to maxMs; jitter takes off at most half', () => {
    const at = (attempt: number, random: number) =>
      backoffDelay({ attempt, minMs: 1_000, maxMs: 60_000, random })
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => at(a, 0))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
    ])
    expect(at(1, 0.5)).toBe(750)
    expect(at(7, 0.999_999)).toBe(30_000)
    expect(at(1_000_000, 0)).toBe(60_000)
    expect(at(0, 0)).toBe(1_000)
  })

  it('stays within [cap / 2, cap] and never exceeds maxMs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, minMs, extra, random) => {
          const maxMs = minMs + extra
          const cap = Math.min(maxMs, minMs * 2 ** Math.min(attempt - 1, 30))
          const d = backoffDelay({ attempt, minMs, maxMs, random })
          expect(d).toBeLessThanOrEqual(maxMs)
          expect(d).toBeGreaterThanOrEqual(Math.floor(cap / 2))
          expect(d).toBeLessThanOrEqual(cap)
        },
      ),
    )
  })

  it('cryptoRandom is uniform-ish in [0, 1)', () => {
    const xs = Array.from({ length: 2_000 }, cryptoRandom)
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...xs)).toBeLessThan(1)
    const low = xs.filter((x) => x < 0.5).length
    expect(low).toBeGreaterThan(800)
    expect(low).toBeLessThan(1_200)
  })
})
