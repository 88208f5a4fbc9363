/**
 * The environmental dashboard's estimate (see /methodology): network power from hashrate and
 * hardware efficiency, yearly energy with data-centre overhead (PUE), emissions from grid carbon
 * intensity — each as a lower, best and upper bound. Pure functions on plain numbers.
 * The hashrate they start from is measured in `hashrate.ts`.
 */

export const HOURS_PER_YEAR = 8760

/** Which end of the estimate: `lower` assumes the most efficient hardware, `upper` the least. */
export type Bound = 'lower' | 'best' | 'upper'

export const BOUNDS: readonly Bound[] = ['lower', 'best', 'upper']

/** Hardware efficiency in joules per hash for each bound (lower ≤ best ≤ upper). */
export type EfficiencyBounds = Record<Bound, number>

/** One hardware model's efficiency and its share of the network's hashrate. */
export type HardwareShare = { joulesPerHash: number; share: number }

export type EnergyEstimateParameters = {
  /** Network hashrate in hashes per second. */
  hashrate: number
  efficiency: EfficiencyBounds
  /** Power usage effectiveness: facility energy ÷ IT energy, ≥ 1. */
  pue: number
  /** Grid carbon intensity in grams CO2-equivalent per kWh. */
  gridIntensity: number
}

export type EnergyEstimate = {
  /** Power drawn by the mining hardware, in watts (before PUE). */
  watts: number
  /** Yearly energy including facility overhead, in kWh. */
  kWhPerYear: number
  /** Yearly emissions, in tonnes CO2-equivalent. */
  tCO2ePerYear: number
}

export type EnergyEstimateReturnType = Record<Bound, EnergyEstimate>

export type EnergyInputErrorCode =
  | 'NOT_FINITE'
  | 'NEGATIVE'
  | 'NOT_POSITIVE'
  | 'PUE_BELOW_ONE'
  | 'BOUNDS_ORDER'
  | 'EMPTY_MIX'
  | 'UNKNOWN_REGION'
  | 'SHORT_WINDOW'
  | 'NOT_CONSECUTIVE'
  | 'BAD_DATA'
  | 'HOLDING_ABOVE_SUPPLY'

/** Thrown on inputs that would make the estimate meaningless. */
export class EnergyInputError extends RangeError {
  override name = 'EnergyInputError'
  readonly code: EnergyInputErrorCode

  constructor(code: EnergyInputErrorCode, message: string) {
    super(`${code}: ${message}`)
    this.code = code
  }
}

/** Throws EnergyInputError unless `value` is finite and ≥ 0 (`nonNegative`) or > 0 (`positive`). */
export function assertNumber(name: string, value: number, rule: 'nonNegative' | 'positive'): void {
  if (!Number.isFinite(value))
    throw new EnergyInputError('NOT_FINITE', `${name} must be finite, got ${value}`)
  if (rule === 'nonNegative' && value < 0)
    throw new EnergyInputError('NEGATIVE', `${name} must be ≥ 0, got ${value}`)
  if (rule === 'positive' && value <= 0)
    throw new EnergyInputError('NOT_POSITIVE', `${name} must be > 0, got ${value}`)
}

/** Power in watts: hashes per second × joules per hash. */
export function powerWatts(hashrate: number, joulesPerHash: number): number {
  assertNumber('hashrate', hashrate, 'nonNegative')
  assertNumber('joulesPerHash', joulesPerHash, 'positive')
  return hashrate * joulesPerHash
}

/** Yearly energy in kWh: watts × 8760 h × PUE ÷ 1000. */
export function annualEnergyKWh(watts: number, pue: number): number {
  assertNumber('watts', watts, 'nonNegative')
  assertNumber('pue', pue, 'positive')
  if (pue < 1)
    throw new EnergyInputError('PUE_BELOW_ONE', `PUE is at least 1 by definition, got ${pue}`)
  return (watts * HOURS_PER_YEAR * pue) / 1000
}

/** Yearly emissions in tonnes CO2e: kWh × gCO2e/kWh ÷ 10^6. */
export function annualEmissionsTonnes(kWhPerYear: number, gridIntensity: number): number {
  assertNumber('kWhPerYear', kWhPerYear, 'nonNegative')
  assertNumber('gridIntensity', gridIntensity, 'nonNegative')
  return (kWhPerYear * gridIntensity) / 1e6
}

/**
 * The hashrate-weighted mean efficiency of a hardware mix, Σ sᵢ·εᵢ / Σ sᵢ (shares need not sum
 * to 1; they are normalised).
 *
 * @throws {EnergyInputError} on an empty mix, zero total share or bad values.
 */
export function weightedEfficiency(mix: readonly HardwareShare[]): number {
  let total = 0
  let weighted = 0
  for (const { joulesPerHash, share } of mix) {
    assertNumber('joulesPerHash', joulesPerHash, 'positive')
    assertNumber('share', share, 'nonNegative')
    total += share
    weighted += share * joulesPerHash
  }
  if (total === 0) throw new EnergyInputError('EMPTY_MIX', 'the hardware mix has no hashrate share')
  return weighted / total
}

/**
 * Efficiency bounds from a hardware table: lower = the most efficient model (fewest J/H),
 * upper = the least efficient, best = the hashrate-weighted mix.
 */
export function efficiencyBounds(mix: readonly HardwareShare[]): EfficiencyBounds {
  const best = weightedEfficiency(mix)
  const values = mix.map((m) => m.joulesPerHash)
  return { lower: Math.min(...values), best, upper: Math.max(...values) }
}

/**
 * Power, yearly energy and yearly emissions for each bound.
 *
 * @throws {EnergyInputError} on negative or non-finite inputs, PUE below 1, or efficiency bounds
 *   out of order.
 * @example
 * estimateEnergy({ hashrate: 1e15, efficiency: { lower: 15e-12, best: 25e-12, upper: 100e-12 },
 *   pue: 1.1, gridIntensity: 400 }).best.watts // 25_000
 */
export function estimateEnergy(params: EnergyEstimateParameters): EnergyEstimateReturnType {
  const { hashrate, efficiency, pue, gridIntensity } = params
  if (!(efficiency.lower <= efficiency.best && efficiency.best <= efficiency.upper)) {
    throw new EnergyInputError(
      'BOUNDS_ORDER',
      'efficiency bounds must satisfy lower ≤ best ≤ upper',
    )
  }
  const estimate = (bound: Bound): EnergyEstimate => {
    const watts = powerWatts(hashrate, efficiency[bound])
    const kWhPerYear = annualEnergyKWh(watts, pue)
    return { watts, kWhPerYear, tCO2ePerYear: annualEmissionsTonnes(kWhPerYear, gridIntensity) }
  }
  return { lower: estimate('lower'), best: estimate('best'), upper: estimate('upper') }
}
