/**
 * The dashboard's model in one call: verified hashrate → power, energy, cost and emissions with
 * lower / best / upper bounds, and their allocation per transaction and per holding. Pure: the
 * caller supplies what its light client verified (window, transaction count, supply) and the
 * assumptions; every figure shown or exported is computed here.
 */
import type { Assumptions } from './assumptions'
import {
  assertNumber,
  BOUNDS,
  type Bound,
  EnergyInputError,
  estimateEnergy,
  HOURS_PER_YEAR,
} from './energy'
import { type GridData, mixIntensity, mixRenewableShare, normalizeMix } from './grid'
import { type HardwareTable, hardwareBounds } from './hardware'
import type { HashrateWindow } from './hashrate'

/** A figure as a lower bound, best estimate and upper bound. */
export type Bounded = Record<Bound, number>

export type ComputeIndicatorsParameters = {
  window: HashrateWindow
  /** User transactions in the window's blocks; null while they are being counted. */
  transactions: number | null
  assumptions: Assumptions
  hardware: Pick<HardwareTable, 'rows'>
  grid: Pick<GridData, 'regions'>
}

export type PerTransaction = {
  transactions: number
  /** kWh per transaction over the window. */
  energyKWh: Bounded
  /** kgCO2e per transaction over the window. */
  emissionsKg: Bounded
}

export type Indicators = {
  /** Hashes per second over the window. */
  hashrate: number
  /** Joules per hash of the hardware assumed for each bound. */
  joulesPerHash: Bounded
  /** Electric power drawn including facility overhead (PUE), W. */
  powerWatts: Bounded
  /** kWh per year at that power. */
  energyKWhPerYear: Bounded
  /** US dollars per year at the assumed price. */
  costPerYear: Bounded
  /** gCO2e/kWh of the region mix. */
  gridIntensity: number
  /** Share of the mix's electricity from renewables, 0..1. */
  renewableShare: number
  /** tCO2e per year. */
  emissionsTonnesPerYear: Bounded
  /** kWh used during the window itself. */
  windowEnergyKWh: Bounded
  /** Null while transactions are being counted, or when the window has none. */
  perTransaction: PerTransaction | null
}

const map = (f: (b: Bound) => number): Bounded =>
  Object.fromEntries(BOUNDS.map((b) => [b, f(b)])) as Bounded

/**
 * Computes every indicator for a verified window under the given assumptions.
 * @throws {EnergyInputError} on assumptions or data that make the estimate meaningless.
 * @example
 * computeIndicators({ window: measureHashrate(headers), transactions: 12, assumptions, hardware: HARDWARE_TABLE, grid: GRID_DATA })
 */
export function computeIndicators(p: ComputeIndicatorsParameters): Indicators {
  const { window, transactions, assumptions } = p
  assertNumber('pricePerKWh', assumptions.pricePerKWh, 'nonNegative')
  const efficiency = hardwareBounds(p.hardware)
  const mix = normalizeMix(assumptions.regionMix, p.grid)
  const gridIntensity = mixIntensity(mix)
  const estimate = estimateEnergy({
    hashrate: window.hashrate,
    efficiency,
    pue: assumptions.pue,
    gridIntensity,
  })
  const energyKWhPerYear = map((b) => estimate[b].kWhPerYear)
  const emissionsTonnesPerYear = map((b) => estimate[b].tCO2ePerYear)
  // The window's own share of a year: its energy is the yearly figure scaled by its duration.
  const yearFraction = window.spanMs / (HOURS_PER_YEAR * 3_600_000)
  const windowEnergyKWh = map((b) => energyKWhPerYear[b] * yearFraction)
  if (transactions !== null && !(Number.isInteger(transactions) && transactions >= 0))
    throw new EnergyInputError('NEGATIVE', `transactions must be a count, got ${transactions}`)
  const perTransaction =
    transactions === null || transactions === 0
      ? null
      : {
          transactions,
          energyKWh: map((b) => windowEnergyKWh[b] / transactions),
          emissionsKg: map((b) => (emissionsTonnesPerYear[b] * yearFraction * 1000) / transactions),
        }
  return {
    hashrate: window.hashrate,
    joulesPerHash: { lower: efficiency.lower, best: efficiency.best, upper: efficiency.upper },
    powerWatts: map((b) => estimate[b].watts * assumptions.pue),
    energyKWhPerYear,
    costPerYear: map((b) => energyKWhPerYear[b] * assumptions.pricePerKWh),
    gridIntensity,
    renewableShare: mixRenewableShare(mix),
    emissionsTonnesPerYear,
    windowEnergyKWh,
    perTransaction,
  }
}

/**
 * The share of the supply a holding is (seed 000 §7.1: emissions allocated to holders in
 * proportion to the share of the supply they hold). Each bigint rounds to the nearest double
 * (relative error ≤ 2^-53), so tiny holdings keep their precision.
 * @throws {EnergyInputError} NOT_POSITIVE supply, NEGATIVE holding, HOLDING_ABOVE_SUPPLY.
 */
export function holdingShare(holding: bigint, supply: bigint): number {
  if (supply <= 0n) throw new EnergyInputError('NOT_POSITIVE', 'supply must be > 0')
  if (holding < 0n) throw new EnergyInputError('NEGATIVE', 'a holding cannot be negative')
  if (holding > supply)
    throw new EnergyInputError('HOLDING_ABOVE_SUPPLY', 'a holding cannot exceed the supply')
  return Number(holding) / Number(supply)
}

/** A holding's allocation: its share of the supply times the network's yearly figures. */
export type HoldingAllocation = {
  share: number
  energyKWhPerYear: Bounded
  emissionsTonnesPerYear: Bounded
}

/**
 * Allocates yearly energy and emissions to a holding of `holding` base units out of `supply`.
 * @throws {EnergyInputError} as holdingShare.
 */
export function allocateToHolding(
  p: { holding: bigint; supply: bigint } & Pick<
    Indicators,
    'energyKWhPerYear' | 'emissionsTonnesPerYear'
  >,
): HoldingAllocation {
  const share = holdingShare(p.holding, p.supply)
  return {
    share,
    energyKWhPerYear: map((b) => p.energyKWhPerYear[b] * share),
    emissionsTonnesPerYear: map((b) => p.emissionsTonnesPerYear[b] * share),
  }
}
