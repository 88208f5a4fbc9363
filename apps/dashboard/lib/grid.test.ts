import { describe, expect, it } from 'vitest'
import { EnergyInputError } from './energy'
import {
  GRID_DATA,
  type GridData,
  mixIntensity,
  mixRenewableShare,
  normalizeMix,
  parseGridData,
} from './grid'

function code(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(EnergyInputError)
    return (e as EnergyInputError).code
  }
  throw new Error('did not throw')
}

describe('the shipped grid data', () => {
  it('states its year, unit and that it was transcribed, with a source for every figure', () => {
    expect(GRID_DATA.dataYear).toBe(2023)
    expect(GRID_DATA.unit).toBe('gCO2e/kWh')
    expect(GRID_DATA.transcribed).toMatch(/transcribed/i)
    for (const r of GRID_DATA.regions) {
      expect(GRID_DATA.sources[r.sources.intensity]?.year).toBeGreaterThanOrEqual(2024)
      expect(GRID_DATA.sources[r.sources.renewableShare]?.url).toMatch(/^https:\/\//)
    }
  })

  it('defaults to the world average (480 g, 30 % renewable, Ember 2024)', () => {
    const mix = normalizeMix(GRID_DATA.defaultMix, GRID_DATA)
    expect(mixIntensity(mix)).toBe(480)
    expect(mixRenewableShare(mix)).toBeCloseTo(0.3, 12)
  })
})

describe('normalizeMix', () => {
  it('weights regions and normalises the weights', () => {
    // 3 parts France (56 g, 26.5 %) and 1 part India (713 g, 19.5 %):
    // intensity 0.75 × 56 + 0.25 × 713 = 42 + 178.25 = 220.25 g; renewables 0.75 × 0.265 + 0.25 × 0.195 = 0.2475.
    const mix = normalizeMix({ india: 1, france: 3 }, GRID_DATA)
    expect(mix.map((m) => [m.region.id, m.weight])).toEqual([
      ['india', 0.25],
      ['france', 0.75],
    ])
    expect(mixIntensity(mix)).toBeCloseTo(220.25, 9)
    expect(mixRenewableShare(mix)).toBeCloseTo(0.2475, 12)
  })

  it('drops zero weights and refuses unknown regions, bad weights and empty mixes', () => {
    expect(normalizeMix({ world: 0, brazil: 2 }, GRID_DATA)).toHaveLength(1)
    expect(code(() => normalizeMix({ atlantis: 1 }, GRID_DATA))).toBe('UNKNOWN_REGION')
    expect(code(() => normalizeMix({ world: -1, china: 2 }, GRID_DATA))).toBe('NEGATIVE')
    expect(code(() => normalizeMix({ world: Number.NaN }, GRID_DATA))).toBe('NOT_FINITE')
    expect(code(() => normalizeMix({ world: 0 }, GRID_DATA))).toBe('EMPTY_MIX')
    expect(code(() => normalizeMix({}, GRID_DATA))).toBe('EMPTY_MIX')
  })
})

describe('parseGridData', () => {
  const region = GRID_DATA.regions[0]!
  const bad = (patch: Partial<GridData>) => {
    try {
      parseGridData({ ...GRID_DATA, ...patch })
    } catch (e) {
      return (e as EnergyInputError).code
    }
    return 'ok'
  }

  it('refuses duplicates, out-of-range figures, unknown sources and a bad default mix', () => {
    expect(bad({})).toBe('ok')
    expect(bad({ regions: [] })).toBe('BAD_DATA')
    expect(bad({ regions: [region, region] })).toBe('BAD_DATA')
    expect(bad({ regions: [{ ...region, intensity: -1 }] })).toBe('BAD_DATA')
    expect(bad({ regions: [{ ...region, renewableShare: 1.2 }] })).toBe('BAD_DATA')
    expect(
      bad({ regions: [{ ...region, sources: { intensity: 'x', renewableShare: 'x' } }] }),
    ).toBe('BAD_DATA')
    expect(bad({ defaultMix: { nowhere: 1 } })).toBe('UNKNOWN_REGION')
  })
})
