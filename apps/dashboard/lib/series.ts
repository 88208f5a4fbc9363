/**
 * Chart series over time: the verified headers split into windows (`hashrateSeries`), each turned
 * into hashrate, power and emissions bounds under the current assumptions — the same model as the
 * headline figures, so the chart, its table and the figures always agree.
 */
import type { Assumptions } from './assumptions'
import type { GridData } from './grid'
import type { HardwareTable } from './hardware'
import { hashrateSeries, type WindowHeader } from './hashrate'
import { computeIndicators } from './indicators'

/** One chart point: a window of blocks, ending at `time`. */
export type SeriesPoint = {
  fromHeight: number
  toHeight: number
  /** Timestamp (ms) of the window's last block. */
  time: number
  /** Midway between the window's opening header and its last block: where a chart places it. */
  midTime: number
  hashrate: number
  /** Power in W: [lower, upper] for the band, and the best estimate. */
  powerBand: [number, number]
  powerBest: number
  /** Emissions in tCO2e per year at that power: band and best. */
  emissionsBand: [number, number]
  emissionsBest: number
}

/**
 * Up to `buckets` points over the headers (oldest first, consecutive).
 * @throws {EnergyInputError} on gapped headers or unusable assumptions.
 */
export function buildSeries(p: {
  headers: readonly WindowHeader[]
  buckets: number
  assumptions: Assumptions
  hardware: Pick<HardwareTable, 'rows'>
  grid: Pick<GridData, 'regions'>
}): SeriesPoint[] {
  const timeAt = new Map(p.headers.map((h) => [h.height, h.timestamp]))
  return hashrateSeries(p.headers, p.buckets).map((window) => {
    const i = computeIndicators({ ...p, window, transactions: null })
    return {
      fromHeight: window.fromHeight,
      toHeight: window.toHeight,
      time: timeAt.get(window.toHeight)!,
      midTime: timeAt.get(window.fromHeight)! + window.spanMs / 2,
      hashrate: window.hashrate,
      powerBand: [i.powerWatts.lower, i.powerWatts.upper],
      powerBest: i.powerWatts.best,
      emissionsBand: [i.emissionsTonnesPerYear.lower, i.emissionsTonnesPerYear.upper],
      emissionsBest: i.emissionsTonnesPerYear.best,
    }
  })
}
