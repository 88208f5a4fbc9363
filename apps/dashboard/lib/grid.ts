/**
 * The shipped grid-intensity dataset (data/grid-intensity.json, sources in data/SOURCES.md) and
 * the user's region mix: where the network's electricity is assumed to come from, as weights
 * over the dataset's regions. Intensity and renewable share of a mix are its weighted means.
 */
import raw from '../data/grid-intensity.json'
import { EnergyInputError } from './energy'
import type { DataSource } from './hardware'

/** One region: average carbon intensity of generation and the renewable share of generation. */
export type GridRegion = {
  id: string
  name: string
  /** gCO2e per kWh generated. */
  intensity: number
  /** 0..1 */
  renewableShare: number
  sources: { intensity: string; renewableShare: string }
}

export type GridData = {
  id: string
  version: string
  published: string
  dataYear: number
  unit: string
  transcribed: string
  basis: string
  defaultMix: RegionMix
  regions: GridRegion[]
  sources: Record<string, DataSource>
}

/** Weights by region id (any non-negative numbers; normalised to sum to 1). */
export type RegionMix = Record<string, number>

const fail = (message: string): never => {
  throw new EnergyInputError('BAD_DATA', `grid data: ${message}`)
}

/**
 * Checks a grid dataset: unique ids, intensity ≥ 0, renewable share in 0..1, known sources, a
 * valid default mix.
 * @throws {EnergyInputError} BAD_DATA naming the first problem.
 */
export function parseGridData(data: GridData): GridData {
  if (data.regions.length === 0) fail('no regions')
  const ids = new Set<string>()
  for (const r of data.regions) {
    if (ids.has(r.id)) fail(`duplicate region ${r.id}`)
    ids.add(r.id)
    if (!(Number.isFinite(r.intensity) && r.intensity >= 0)) fail(`${r.id}: intensity must be ≥ 0`)
    if (!(r.renewableShare >= 0 && r.renewableShare <= 1))
      fail(`${r.id}: renewable share must be in 0..1`)
    for (const s of [r.sources.intensity, r.sources.renewableShare])
      if (data.sources[s] === undefined) fail(`${r.id}: unknown source ${s}`)
  }
  normalizeMix(data.defaultMix, data)
  return data
}

/** The shipped dataset, checked once at load. */
export const GRID_DATA: GridData = parseGridData(raw as GridData)

/** A mix's regions with weights summing to 1 (zero weights dropped), in dataset order. */
export type NormalizedMix = { region: GridRegion; weight: number }[]

/**
 * Normalises a mix over a dataset's regions.
 * @throws {EnergyInputError} UNKNOWN_REGION, NEGATIVE / NOT_FINITE weights, EMPTY_MIX (no weight).
 */
export function normalizeMix(mix: RegionMix, data: Pick<GridData, 'regions'>): NormalizedMix {
  let total = 0
  for (const [id, w] of Object.entries(mix)) {
    if (!data.regions.some((r) => r.id === id))
      throw new EnergyInputError('UNKNOWN_REGION', `no region ${id} in the grid data`)
    if (!Number.isFinite(w)) throw new EnergyInputError('NOT_FINITE', `weight of ${id} is ${w}`)
    if (w < 0) throw new EnergyInputError('NEGATIVE', `weight of ${id} is negative`)
    total += w
  }
  if (total === 0) throw new EnergyInputError('EMPTY_MIX', 'the region mix has no weight')
  return data.regions
    .filter((r) => (mix[r.id] ?? 0) > 0)
    .map((region) => ({ region, weight: (mix[region.id] ?? 0) / total }))
}

/** Weighted mean carbon intensity of a mix, gCO2e/kWh. */
export function mixIntensity(mix: NormalizedMix): number {
  return mix.reduce((s, { region, weight }) => s + weight * region.intensity, 0)
}

/** Weighted mean renewable share of a mix, 0..1. */
export function mixRenewableShare(mix: NormalizedMix): number {
  return mix.reduce((s, { region, weight }) => s + weight * region.renewableShare, 0)
}
