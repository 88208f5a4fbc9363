/**
 * The versioned hardware-efficiency table (data/hardware-efficiency.json, sources in
 * data/SOURCES.md): checked when loaded, and turned into the efficiency bounds of the estimate —
 * lower = the most efficient hardware, upper = the least efficient, best = the share-weighted mix
 * (the CBECI method).
 */
import raw from '../data/hardware-efficiency.json'
import { type EfficiencyBounds, EnergyInputError, efficiencyBounds } from './energy'

/** A published source a data row cites. */
export type DataSource = { title: string; publisher: string; year: number; url: string }

/** One kind of hardware that can mine SuperNova's proof of work. */
export type HardwareRow = {
  id: string
  name: string
  class: 'cpu' | 'gpu'
  released: number
  /** Rated power in watts, and what rating it is. */
  powerWatts: number
  powerBasis: string
  /** Peak 32-bit integer operations per second, and how it follows from the spec sheet. */
  int32OpsPerSecond: number
  throughputBasis: string
  /** Integer operations one attempt (one nonce) costs, and how they were counted. */
  opsPerHash: number
  opsBasis: string
  /** int32OpsPerSecond ÷ opsPerHash, as published in the table (checked). */
  hashesPerSecond: number
  /** Weight in the best estimate. */
  share: number
  sources: string[]
}

export type HardwareTable = {
  id: string
  version: string
  published: string
  algorithm: string
  method: string
  weighting: string
  rows: HardwareRow[]
  excluded: { class: string; reason: string; sources: string[] }[]
  sources: Record<string, DataSource>
}

/** Joules one hash costs on this hardware: rated power ÷ hashes per second. */
export function joulesPerHash(row: Pick<HardwareRow, 'powerWatts' | 'hashesPerSecond'>): number {
  return row.powerWatts / row.hashesPerSecond
}

const fail = (message: string): never => {
  throw new EnergyInputError('BAD_DATA', `hardware table: ${message}`)
}

function checkRow(row: HardwareRow, sources: Record<string, DataSource>): void {
  const where = `row ${row.id}`
  for (const key of ['powerWatts', 'int32OpsPerSecond', 'opsPerHash', 'hashesPerSecond'] as const)
    if (!(Number.isFinite(row[key]) && row[key] > 0)) fail(`${where}: ${key} must be > 0`)
  if (!(Number.isFinite(row.share) && row.share >= 0)) fail(`${where}: share must be ≥ 0`)
  if (row.class !== 'cpu' && row.class !== 'gpu') fail(`${where}: class must be cpu or gpu`)
  // The published hashrate must be the one its own inputs give (to the 5 digits printed).
  const derived = row.int32OpsPerSecond / row.opsPerHash
  if (Math.abs(derived - row.hashesPerSecond) / derived > 1e-4)
    fail(`${where}: hashesPerSecond ${row.hashesPerSecond} ≠ ${derived} derived`)
  if (row.sources.length === 0) fail(`${where}: no source`)
  for (const s of row.sources) if (sources[s] === undefined) fail(`${where}: unknown source ${s}`)
}

/**
 * Checks a hardware table: positive figures, hashrates equal to their derivation, known sources,
 * unique ids, some share.
 * @throws {EnergyInputError} BAD_DATA naming the first problem.
 */
export function parseHardwareTable(table: HardwareTable): HardwareTable {
  if (table.rows.length === 0) fail('no rows')
  const ids = new Set<string>()
  for (const row of table.rows) {
    if (ids.has(row.id)) fail(`duplicate row ${row.id}`)
    ids.add(row.id)
    checkRow(row, table.sources)
  }
  if (table.rows.every((r) => r.share === 0)) fail('no row has a share')
  return table
}

/** The shipped table, checked once at load. */
export const HARDWARE_TABLE: HardwareTable = parseHardwareTable(raw as HardwareTable)

/** Efficiency bounds (J/H) of a table, with the rows that set the lower and upper bound. */
export type HardwareBounds = EfficiencyBounds & { lowerRow: HardwareRow; upperRow: HardwareRow }

/**
 * Lower bound = the row with the fewest J/H, upper = the most, best = Σ shareᵢ·J/Hᵢ ÷ Σ shareᵢ.
 * @example hardwareBounds(HARDWARE_TABLE).lower // J/H of the most efficient GPU
 */
export function hardwareBounds(table: Pick<HardwareTable, 'rows'>): HardwareBounds {
  const bounds = efficiencyBounds(
    table.rows.map((r) => ({ joulesPerHash: joulesPerHash(r), share: r.share })),
  )
  const byEfficiency = [...table.rows].sort((a, b) => joulesPerHash(a) - joulesPerHash(b))
  return { ...bounds, lowerRow: byEfficiency[0]!, upperRow: byEfficiency[byEfficiency.length - 1]! }
}
