/**
 * Network hashrate from verified headers: the work each block proves (`workForBits(bits)`, the
 * expected number of hashes to meet its target) summed over a window, divided by the time the
 * window took. Pure: the caller passes headers its light client verified.
 */
import { workForBits } from '@supernova/protocol'
import { EnergyInputError } from './energy'

/** What the hashrate needs of a verified header. */
export type WindowHeader = { height: number; timestamp: number; bits: number }

/** The hashrate over a window of consecutive headers, with what it was computed from. */
export type HashrateWindow = {
  /** The header the window starts at (its time opens the window; its own work is not counted). */
  fromHeight: number
  toHeight: number
  /** Blocks whose work is counted: fromHeight + 1 .. toHeight. */
  blocks: number
  /** Σ workForBits over those blocks (expected hashes). */
  work: bigint
  /** toHeight's timestamp − fromHeight's, in ms. */
  spanMs: number
  /** Mean time between blocks, in ms. */
  meanIntervalMs: number
  /** Hashes per second: work ÷ span. */
  hashrate: number
}

/**
 * The headers without the genesis block: its timestamp is a constant of the chain's parameters,
 * not when anything was mined, so a window starting there would span hours or days of no mining.
 */
export function minedHeaders(headers: readonly WindowHeader[]): readonly WindowHeader[] {
  return headers[0]?.height === 0 ? headers.slice(1) : headers
}

/**
 * Measures the hashrate over consecutive headers (oldest first; genesis left out, see
 * minedHeaders): work of every block after the
 * first ÷ (last timestamp − first timestamp). The first header only marks the start time.
 *
 * @throws {EnergyInputError} SHORT_WINDOW (fewer than 2 headers, or no time elapsed),
 *   NOT_CONSECUTIVE (a gap or disorder in heights).
 * @example
 * measureHashrate([{ height: 1, timestamp: 0, bits }, { height: 2, timestamp: 5_000, bits }])
 */
export function measureHashrate(all: readonly WindowHeader[]): HashrateWindow {
  const headers = minedHeaders(all)
  const first = headers[0]
  const last = headers[headers.length - 1]
  if (first === undefined || last === undefined || headers.length < 2)
    throw new EnergyInputError('SHORT_WINDOW', 'a hashrate needs at least two headers')
  let work = 0n
  for (let i = 1; i < headers.length; i++) {
    const h = headers[i]!
    if (h.height !== headers[i - 1]!.height + 1)
      throw new EnergyInputError(
        'NOT_CONSECUTIVE',
        `height ${h.height} does not follow the one before`,
      )
    work += workForBits(h.bits)
  }
  const spanMs = last.timestamp - first.timestamp
  if (!(spanMs > 0))
    throw new EnergyInputError(
      'SHORT_WINDOW',
      `no time elapsed between heights ${first.height} and ${last.height}`,
    )
  const blocks = headers.length - 1
  return {
    fromHeight: first.height,
    toHeight: last.height,
    blocks,
    work,
    spanMs,
    meanIntervalMs: spanMs / blocks,
    hashrate: Number(work) / (spanMs / 1000),
  }
}

/**
 * Splits consecutive headers into up to `buckets` windows of (nearly) equal block counts that
 * share their boundary headers, and measures each — the points of a hashrate chart.
 * Windows in which no time elapsed are left out.
 *
 * @throws {EnergyInputError} NOT_CONSECUTIVE; RangeError when `buckets` is not a positive integer.
 */
export function hashrateSeries(all: readonly WindowHeader[], buckets: number): HashrateWindow[] {
  const headers = minedHeaders(all)
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new RangeError(`buckets must be ≥ 1, got ${buckets}`)
  const blocks = headers.length - 1
  if (blocks < 1) return []
  const n = Math.min(buckets, blocks)
  const out: HashrateWindow[] = []
  for (let b = 0; b < n; b++) {
    const from = Math.floor((b * blocks) / n)
    const to = Math.floor(((b + 1) * blocks) / n)
    const slice = headers.slice(from, to + 1)
    const last = slice[slice.length - 1]!
    if (last.timestamp <= slice[0]!.timestamp) continue
    out.push(measureHashrate(slice))
  }
  return out
}
