/**
 * The user-adjustable assumptions of the estimate — electricity price, PUE and region mix — with
 * their defaults and allowed ranges (justified on the methodology page), and a tolerant reader for
 * what the page stored in localStorage or a query string: each bad field falls back to its
 * default instead of discarding the rest.
 */
import type { GridData, RegionMix } from './grid'

export type Assumptions = {
  /** Power usage effectiveness: facility energy ÷ mining-hardware energy. */
  pue: number
  /** Electricity price in US dollars per kWh. */
  pricePerKWh: number
  /** Where the electricity comes from: weights over the grid dataset's regions. */
  regionMix: RegionMix
}

/** Allowed range of an input, for validation and for the form's min/max/step. */
export type Range = { min: number; max: number; step: number }

/**
 * PUE 1.00 is a miner at home or in an office (no facility overhead); 2.00 is a poorly cooled
 * facility, well above the ≈1.5–1.6 data-centre averages of the Uptime Institute's surveys.
 */
export const PUE_RANGE: Range = { min: 1, max: 2, step: 0.01 }
/** Up to 1 USD/kWh covers retail prices in high-price markets. */
export const PRICE_RANGE: Range = { min: 0, max: 1, step: 0.005 }

/**
 * PUE 1.10: CPUs and GPUs that can mine BLAKE3 mostly run where they are, with little cooling
 * overhead; a dedicated facility adds more. 0.10 USD/kWh: a round default, not a market price.
 */
export function defaultAssumptions(grid: Pick<GridData, 'defaultMix'>): Assumptions {
  return { pue: 1.1, pricePerKWh: 0.1, regionMix: { ...grid.defaultMix } }
}

/** Whether `value` is a number inside `range`. */
export function isInRange(value: unknown, range: Range): value is number {
  return (
    typeof value === 'number' && Number.isFinite(value) && value >= range.min && value <= range.max
  )
}

function readMix(value: unknown, grid: Pick<GridData, 'regions'>): RegionMix | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const mix: RegionMix = {}
  let total = 0
  for (const [id, w] of Object.entries(value)) {
    if (!grid.regions.some((r) => r.id === id)) return undefined
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) return undefined
    mix[id] = w
    total += w
  }
  return total > 0 ? mix : undefined
}

/**
 * Reads assumptions from untrusted JSON (localStorage, a query): every field that is missing or
 * out of range takes its default; a mix naming an unknown region or having no weight is replaced
 * by the dataset's default mix.
 */
export function readAssumptions(
  value: unknown,
  grid: Pick<GridData, 'regions' | 'defaultMix'>,
): Assumptions {
  const d = defaultAssumptions(grid)
  if (typeof value !== 'object' || value === null) return d
  const v = value as Record<string, unknown>
  return {
    pue: isInRange(v.pue, PUE_RANGE) ? v.pue : d.pue,
    pricePerKWh: isInRange(v.pricePerKWh, PRICE_RANGE) ? v.pricePerKWh : d.pricePerKWh,
    regionMix: readMix(v.regionMix, grid) ?? d.regionMix,
  }
}

/**
 * Parses a decimal typed into a form field; undefined when it is not a number in `range`
 * (the field then shows its error and the last valid value stays in use).
 */
export function parseRangeInput(text: string, range: Range): number | undefined {
  const trimmed = text.trim()
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) return undefined
  const n = Number(trimmed)
  return isInRange(n, range) ? n : undefined
}
