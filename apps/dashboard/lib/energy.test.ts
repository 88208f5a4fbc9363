import { describe, expect, it } from 'vitest'
import {
  annualEmissionsTonnes,
  annualEnergyKWh,
  EnergyInputError,
  efficiencyBounds,
  estimateEnergy,
  powerWatts,
  weightedEfficiency,
} from './energy'

function code(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(EnergyInputError)
    return (error as EnergyInputError).code
  }
  throw new Error('did not throw')
}

describe('estimateEnergy', () => {
  // Worked by hand: 1 PH/s; 15 / 25 / 100 J/TH; PUE 1.1; 400 gCO2e/kWh.
  //   lower: 1e15 H/s × 15e-12 J/H = 15,000 W
  //          15,000 W × 8760 h × 1.1 = 144,540,000 Wh = 144,540 kWh
  //          144,540 kWh × 400 g = 57,816,000 g = 57.816 t
  //   best:  25,000 W → 25 × 8760 × 1.1 = 240,900 kWh → × 400 / 1e6 = 96.36 t
  //   upper: 100,000 W → 963,600 kWh → 385.44 t
  const result = estimateEnergy({
    hashrate: 1e15,
    efficiency: { lower: 15e-12, best: 25e-12, upper: 100e-12 },
    pue: 1.1,
    gridIntensity: 400,
  })

  it.each([
    ['lower', 15_000, 144_540, 57.816],
    ['best', 25_000, 240_900, 96.36],
    ['upper', 100_000, 963_600, 385.44],
  ] as const)('%s bound: %d W, %d kWh/yr, %d tCO2e/yr', (bound, watts, kWh, tonnes) => {
    expect(result[bound].watts).toBeCloseTo(watts, 6)
    expect(result[bound].kWhPerYear).toBeCloseTo(kWh, 6)
    expect(result[bound].tCO2ePerYear).toBeCloseTo(tonnes, 9)
  })

  it('is zero for zero hashrate and zero-carbon grids', () => {
    const zero = estimateEnergy({
      hashrate: 0,
      efficiency: { lower: 1, best: 1, upper: 1 },
      pue: 1,
      gridIntensity: 0,
    })
    expect(zero.best).toEqual({ watts: 0, kWhPerYear: 0, tCO2ePerYear: 0 })
  })

  it('rejects bounds out of order and bad inputs with typed codes', () => {
    const base = {
      hashrate: 1,
      efficiency: { lower: 1, best: 2, upper: 3 },
      pue: 1.2,
      gridIntensity: 100,
    }
    expect(
      code(() => estimateEnergy({ ...base, efficiency: { lower: 2, best: 1, upper: 3 } })),
    ).toBe('BOUNDS_ORDER')
    expect(
      code(() => estimateEnergy({ ...base, efficiency: { lower: 1, best: 4, upper: 3 } })),
    ).toBe('BOUNDS_ORDER')
    expect(code(() => estimateEnergy({ ...base, hashrate: -1 }))).toBe('NEGATIVE')
    expect(code(() => estimateEnergy({ ...base, hashrate: Number.NaN }))).toBe('NOT_FINITE')
    expect(code(() => estimateEnergy({ ...base, pue: 0.9 }))).toBe('PUE_BELOW_ONE')
    expect(code(() => estimateEnergy({ ...base, gridIntensity: -5 }))).toBe('NEGATIVE')
    expect(
      code(() => estimateEnergy({ ...base, efficiency: { lower: 0, best: 2, upper: 3 } })),
    ).toBe('NOT_POSITIVE')
  })
})

describe('building blocks', () => {
  it('power = hashrate × J/H', () => {
    // 100 TH/s at 20 J/TH = 1e14 × 2e-11 = 2,000 W.
    expect(powerWatts(100e12, 20e-12)).toBeCloseTo(2000, 9)
  })

  it('energy = W × 8760 h × PUE', () => {
    // 1,000 W for a year = 8,760 kWh; with PUE 1.5, 13,140 kWh.
    expect(annualEnergyKWh(1000, 1)).toBe(8760)
    expect(annualEnergyKWh(1000, 1.5)).toBe(13_140)
  })

  it('emissions = kWh × g/kWh ÷ 10^6', () => {
    // 8,760 kWh at 250 g/kWh = 2,190,000 g = 2.19 t.
    expect(annualEmissionsTonnes(8760, 250)).toBeCloseTo(2.19, 12)
  })
})

describe('hardware mix', () => {
  it('weights efficiency by hashrate share, normalising the shares', () => {
    // (0.5 × 20 + 0.5 × 40) J/TH = 30 J/TH; shares 3:1 give (3 × 20 + 40) / 4 = 25 J/TH.
    expect(
      weightedEfficiency([
        { joulesPerHash: 20e-12, share: 0.5 },
        { joulesPerHash: 40e-12, share: 0.5 },
      ]),
    ).toBeCloseTo(30e-12, 20)
    expect(
      weightedEfficiency([
        { joulesPerHash: 20e-12, share: 3 },
        { joulesPerHash: 40e-12, share: 1 },
      ]),
    ).toBeCloseTo(25e-12, 20)
  })

  it('bounds a hardware table: most efficient, weighted mix, least efficient', () => {
    const bounds = efficiencyBounds([
      { joulesPerHash: 30e-12, share: 2 },
      { joulesPerHash: 15e-12, share: 1 },
      { joulesPerHash: 90e-12, share: 1 },
    ])
    // best = (2 × 30 + 15 + 90) / 4 = 41.25 J/TH
    expect(bounds.lower).toBe(15e-12)
    expect(bounds.best).toBeCloseTo(41.25e-12, 20)
    expect(bounds.upper).toBe(90e-12)
  })

  it('rejects an empty mix or one with no share', () => {
    expect(code(() => weightedEfficiency([]))).toBe('EMPTY_MIX')
    expect(code(() => weightedEfficiency([{ joulesPerHash: 1, share: 0 }]))).toBe('EMPTY_MIX')
    expect(code(() => weightedEfficiency([{ joulesPerHash: 1, share: -1 }]))).toBe('NEGATIVE')
  })
})
