import { describe, expect, it } from 'vitest'
import { GRID_DATA } from './grid'
import { HARDWARE_TABLE, hardwareBounds } from './hardware'
import { buildSeries } from './series'

// 0x207fffff: 2 expected hashes per block.
// Heights 1..9 (a window from genesis would leave it out: its time is a constant, not a mining).
const headers = Array.from({ length: 9 }, (_, i) => ({
  height: i + 1,
  // Blocks 1..4 one second apart, 5..8 two seconds apart: 2 H/s, then 1 H/s.
  timestamp: i <= 4 ? i * 1_000 : 4_000 + (i - 4) * 2_000,
  bits: 0x207fffff,
}))
const assumptions = { pue: 1, pricePerKWh: 0.1, regionMix: { world: 1 } }

describe('buildSeries', () => {
  const s = buildSeries({
    headers,
    buckets: 2,
    assumptions,
    hardware: HARDWARE_TABLE,
    grid: GRID_DATA,
  })
  const j = hardwareBounds(HARDWARE_TABLE)

  it('leaves the genesis header out of a window (its timestamp is no mining time)', () => {
    const withGenesis = [{ height: 0, timestamp: -86_400_000, bits: 0x207fffff }, ...headers]
    const t = buildSeries({
      headers: withGenesis,
      buckets: 2,
      assumptions,
      hardware: HARDWARE_TABLE,
      grid: GRID_DATA,
    })
    expect(t.map((p) => [p.fromHeight, p.hashrate])).toEqual(
      s.map((p) => [p.fromHeight, p.hashrate]),
    )
  })

  it('has one point per window, timed at its last block', () => {
    expect(s.map((p) => [p.fromHeight, p.toHeight, p.time, p.midTime, p.hashrate])).toEqual([
      [1, 5, 4_000, 2_000, 2],
      [5, 9, 12_000, 8_000, 1],
    ])
  })

  it('bands power and emissions between the lower and upper bound', () => {
    const [first] = s
    // PUE 1: power = hashrate × J/H. 2 H/s × lower J/H … upper J/H.
    expect(first!.powerBand[0]).toBeCloseTo(2 * j.lower, 20)
    expect(first!.powerBand[1]).toBeCloseTo(2 * j.upper, 20)
    expect(first!.powerBest).toBeCloseTo(2 * j.best, 20)
    // Emissions per year: W × 8760 h ÷ 1000 × 480 g ÷ 1e6.
    expect(first!.emissionsBest).toBeCloseTo((2 * j.best * 8760 * 480) / 1e9, 24)
    for (const p of s) {
      expect(p.powerBand[0]).toBeLessThanOrEqual(p.powerBest)
      expect(p.powerBest).toBeLessThanOrEqual(p.powerBand[1])
      expect(p.emissionsBand[0]).toBeLessThanOrEqual(p.emissionsBest)
    }
  })

  it('is empty without two headers', () => {
    expect(
      buildSeries({
        headers: headers.slice(0, 1),
        buckets: 4,
        assumptions,
        hardware: HARDWARE_TABLE,
        grid: GRID_DATA,
      }),
    ).toEqual([])
  })
})
