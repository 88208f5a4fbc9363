import { describe, expect, it } from 'vitest'
import type { Assumptions } from './assumptions'
import { EnergyInputError } from './energy'
import { GRID_DATA } from './grid'
import { HARDWARE_TABLE, type HardwareRow } from './hardware'
import type { HashrateWindow } from './hashrate'
import { allocateToHolding, computeIndicators, holdingShare } from './indicators'

const ROW = HARDWARE_TABLE.rows[0]!
// 1e-7 J/H (share 3) and 4e-7 J/H (share 1): lower 1e-7, best (3 + 4) / 4 = 1.75e-7, upper 4e-7.
const rows: HardwareRow[] = [
  {
    ...ROW,
    id: 'a',
    powerWatts: 100,
    int32OpsPerSecond: 1e12,
    opsPerHash: 1000,
    hashesPerSecond: 1e9,
    share: 3,
  },
  {
    ...ROW,
    id: 'b',
    powerWatts: 400,
    int32OpsPerSecond: 1e12,
    opsPerHash: 1000,
    hashesPerSecond: 1e9,
    share: 1,
  },
]
// 100 blocks in 100 s proving 1e11 hashes: 1e9 H/s.
const WINDOW: HashrateWindow = {
  fromHeight: 0,
  toHeight: 100,
  blocks: 100,
  work: 100_000_000_000n,
  spanMs: 100_000,
  meanIntervalMs: 1_000,
  hashrate: 1e9,
}
const ASSUME: Assumptions = { pue: 1.2, pricePerKWh: 0.2, regionMix: { france: 1, india: 1 } }

function compute(over: Partial<Parameters<typeof computeIndicators>[0]> = {}) {
  return computeIndicators({
    window: WINDOW,
    transactions: 4,
    assumptions: ASSUME,
    hardware: { rows },
    grid: GRID_DATA,
    ...over,
  })
}

describe('computeIndicators', () => {
  // Worked by hand:
  //   hardware power: 1e9 H/s × (1, 1.75, 4)e-7 J/H = 100 / 175 / 400 W; × PUE 1.2 = 120 / 210 / 480 W
  //   energy: W × 8760 h × 1.2 ÷ 1000 = 1051.2 / 1839.6 / 4204.8 kWh per year
  //   cost at 0.20 USD: 210.24 / 367.92 / 840.96 USD per year
  //   grid: half France (56 g, 26.5 %), half India (713 g, 19.5 %) = 384.5 g/kWh, 23 % renewable
  //   emissions: kWh × 384.5 ÷ 1e6 = 0.4041864 / 0.7073262 / 1.6167456 t per year
  const r = compute()

  it.each([
    ['lower', 120, 1051.2, 210.24, 0.4041864],
    ['best', 210, 1839.6, 367.92, 0.7073262],
    ['upper', 480, 4204.8, 840.96, 1.6167456],
  ] as const)('%s bound', (bound, watts, kWh, usd, tonnes) => {
    expect(r.powerWatts[bound]).toBeCloseTo(watts, 9)
    expect(r.energyKWhPerYear[bound]).toBeCloseTo(kWh, 9)
    expect(r.costPerYear[bound]).toBeCloseTo(usd, 9)
    expect(r.emissionsTonnesPerYear[bound]).toBeCloseTo(tonnes, 12)
  })

  it('reports the mix’s intensity and renewable share and the hardware’s J/H', () => {
    expect(r.gridIntensity).toBeCloseTo(384.5, 9)
    expect(r.renewableShare).toBeCloseTo(0.23, 12)
    expect(r.joulesPerHash).toEqual({ lower: 1e-7, best: 1.75e-7, upper: 4e-7 })
    expect(r.hashrate).toBe(1e9)
  })

  it('allocates the window’s energy and emissions to its transactions', () => {
    // Window: 120 W × 100 s = 12,000 J = 0.0033333 kWh (lower); ÷ 4 transactions = 0.00083333 kWh.
    // Emissions: 0.0033333 kWh × 384.5 g ÷ 4 = 0.32041667 g = 3.2041667e-4 kg.
    expect(r.windowEnergyKWh.lower).toBeCloseTo(12_000 / 3.6e6, 12)
    expect(r.perTransaction?.transactions).toBe(4)
    expect(r.perTransaction?.energyKWh.lower).toBeCloseTo(12_000 / 3.6e6 / 4, 12)
    expect(r.perTransaction?.energyKWh.upper).toBeCloseTo(48_000 / 3.6e6 / 4, 12)
    expect(r.perTransaction?.emissionsKg.lower).toBeCloseTo(3.2041667e-4, 10)
  })

  it('has no per-transaction figure while counting or when the window has no transaction', () => {
    expect(compute({ transactions: null }).perTransaction).toBeNull()
    expect(compute({ transactions: 0 }).perTransaction).toBeNull()
    expect(() => compute({ transactions: -1 })).toThrow(EnergyInputError)
    expect(() => compute({ transactions: 1.5 })).toThrow(EnergyInputError)
  })

  it('refuses a PUE below 1, a negative price and an empty mix', () => {
    expect(() => compute({ assumptions: { ...ASSUME, pue: 0.9 } })).toThrow(/PUE_BELOW_ONE/)
    expect(() => compute({ assumptions: { ...ASSUME, pricePerKWh: -1 } })).toThrow(/NEGATIVE/)
    expect(() => compute({ assumptions: { ...ASSUME, regionMix: {} } })).toThrow(/EMPTY_MIX/)
  })

  it('scales linearly with the hashrate', () => {
    const double = compute({ window: { ...WINDOW, hashrate: 2e9 } })
    expect(double.emissionsTonnesPerYear.best).toBeCloseTo(2 * r.emissionsTonnesPerYear.best, 12)
  })
})

describe('holdingShare and allocateToHolding', () => {
  it('is the holding over the supply', () => {
    expect(holdingShare(10n, 1_000n)).toBe(0.01)
    expect(holdingShare(0n, 5n)).toBe(0)
    expect(holdingShare(5n, 5n)).toBe(1)
    // 1 base unit of 21 M NOVA (2.1e15 units) keeps its precision.
    expect(holdingShare(1n, 2_100_000_000_000_000n)).toBeCloseTo(1 / 2.1e15, 30)
  })

  it('refuses impossible holdings', () => {
    expect(() => holdingShare(1n, 0n)).toThrow(/NOT_POSITIVE/)
    expect(() => holdingShare(-1n, 10n)).toThrow(/NEGATIVE/)
    expect(() => holdingShare(11n, 10n)).toThrow(/HOLDING_ABOVE_SUPPLY/)
  })

  it('allocates the yearly figures by that share', () => {
    const r = compute()
    const a = allocateToHolding({ holding: 10n, supply: 1_000n, ...r })
    expect(a.share).toBe(0.01)
    expect(a.emissionsTonnesPerYear.best).toBeCloseTo(0.007073262, 12)
    expect(a.energyKWhPerYear.upper).toBeCloseTo(42.048, 9)
  })
})
