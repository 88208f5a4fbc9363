import { workForBits } from '@supernova/protocol'

/** What the statistics read from a verified header. */
export type HeaderStats = { height: number; timestamp: number; bits: number }

/** A block's interval: its timestamp minus its parent's (may be ≤ 0: timestamps need only beat the median time past). */
export type BlockInterval = { height: number; intervalMs: number }

/**
 * The headers without the genesis block: its timestamp is a constant of the chain's parameters,
 * not when anything was mined, so an interval from it (often hours or days) is not a block time.
 */
export function minedHeaders<H extends { height: number }>(headers: readonly H[]): readonly H[] {
  return headers[0]?.height === 0 ? headers.slice(1) : headers
}

/** Consecutive headers only: a gap in heights would make an interval span several blocks. */
function assertConsecutive(headers: readonly HeaderStats[]): void {
  for (let i = 1; i < headers.length; i++) {
    const prev = headers[i - 1]!
    const next = headers[i]!
    if (next.height !== prev.height + 1)
      throw new RangeError(
        `headers must be consecutive: ${prev.height} is followed by ${next.height}`,
      )
  }
}

/**
 * The interval of every header after the first (oldest first, consecutive).
 * @throws {RangeError} headers not consecutive.
 */
export function blockIntervals(all: readonly HeaderStats[]): BlockInterval[] {
  assertConsecutive(all)
  const headers = minedHeaders(all)
  return headers.slice(1).map((h, i) => ({
    height: h.height,
    intervalMs: h.timestamp - headers[i]!.timestamp,
  }))
}

/**
 * The average block interval over consecutive headers: (newest time − oldest time) / blocks; undefined with fewer than two.
 * @throws {RangeError} headers not consecutive.
 */
export function averageIntervalMs(all: readonly HeaderStats[]): number | undefined {
  assertConsecutive(all)
  const headers = minedHeaders(all)
  const first = headers[0]
  const last = headers.at(-1)
  if (first === undefined || last === undefined || headers.length < 2) return undefined
  return (last.timestamp - first.timestamp) / (headers.length - 1)
}

/**
 * Difficulty as Bitcoin states it: how many times harder the target is than the network's easiest
 * allowed one (`powLimitBits`), i.e. work per block ÷ work at the limit. 1 at the limit.
 */
export function difficultyOf(bits: number, powLimitBits: number): number {
  // Both fit a double's range (work ≤ 2^256); the ratio keeps 15 significant digits either way.
  return Number(workForBits(bits)) / Number(workForBits(powLimitBits))
}

/**
 * Estimated hashes per second over consecutive headers: the work of every block after the oldest
 * (each header's expected hashes, `workForBits`) ÷ the seconds between the oldest and the newest.
 * Undefined with fewer than two headers or a span that is not positive.
 * @throws {RangeError} headers not consecutive.
 */
export function estimateHashrate(all: readonly HeaderStats[]): number | undefined {
  assertConsecutive(all)
  const headers = minedHeaders(all)
  if (headers.length < 2) return undefined
  const spanMs = headers.at(-1)!.timestamp - headers[0]!.timestamp
  if (spanMs <= 0) return undefined
  let work = 0n
  for (const h of headers.slice(1)) work += workForBits(h.bits)
  return (Number(work) * 1000) / spanMs
}

/** One point of the network charts (per block). */
export type ChainPoint = {
  height: number
  timestamp: number
  /** Seconds since the parent block. */
  intervalS: number
  difficulty: number
  /** Hashes per second over the last `window` blocks ending here; undefined where it cannot be told. */
  hashrate: number | undefined
}

export type ChainSeriesParameters = {
  /** Consecutive verified headers, oldest first. */
  headers: readonly HeaderStats[]
  powLimitBits: number
  /** Blocks the hashrate is averaged over (a single interval is too noisy). Default 10. */
  window?: number
}

/**
 * Chart points for every header after the oldest (genesis left out): interval, difficulty and a
 * rolling hashrate.
 * @throws {RangeError} headers not consecutive, window not a positive integer.
 */
export function chainSeries({
  headers,
  powLimitBits,
  window = 10,
}: ChainSeriesParameters): ChainPoint[] {
  if (!Number.isSafeInteger(window) || window < 1)
    throw new RangeError(`window must be a positive integer, got ${window}`)
  const mined = minedHeaders(headers)
  const intervals = blockIntervals(mined)
  return intervals.map(({ height, intervalMs }, i) => {
    const header = mined[i + 1]!
    const from = Math.max(0, i + 1 - window)
    return {
      height,
      timestamp: header.timestamp,
      intervalS: intervalMs / 1000,
      difficulty: difficultyOf(header.bits, powLimitBits),
      hashrate: estimateHashrate(mined.slice(from, i + 2)),
    }
  })
}

/** Transactions of one block, for the volume chart. */
export type BlockVolume = { height: number; timestamp: number; txCount: number }

/** One bar of the volume chart. */
export type VolumePoint = BlockVolume & {
  /** Transactions other than the coinbase: what people sent. */
  transfers: number
  /** The coinbase (1 in every block but an empty one, which cannot exist). */
  coinbase: number
}

/**
 * Per-block transaction volume sorted by height (duplicates dropped), with the coinbase told apart.
 */
export function volumeSeries(blocks: readonly BlockVolume[]): VolumePoint[] {
  const byHeight = new Map<number, BlockVolume>()
  for (const b of blocks) byHeight.set(b.height, b)
  return [...byHeight.values()]
    .sort((a, b) => a.height - b.height)
    .map((b) => ({ ...b, transfers: Math.max(0, b.txCount - 1), coinbase: Math.min(1, b.txCount) }))
}
