import {
  decodeHashRequest,
  decodeMempoolSummaryRequest,
  emptyFeeHistogram,
  encodeMempoolSummaryResponse,
  encodeMempoolTxResponse,
  feeRateBucket,
  MAX_MEMPOOL_SUMMARY_ENTRIES,
  type MempoolSummaryMessage,
  type Transaction,
  toHex,
} from '@supernova/protocol'
import type { ChainView } from '../chain/types.js'
import type { ResponseFrame } from './messages.js'

/** A pool transaction as the mempool views read it (a `MempoolEntry` satisfies it). */
export type PoolTransaction = {
  readonly tx: Transaction
  readonly txid: Uint8Array
  /** Lower-case hex of `txid` (ties in the recent list are broken by it). */
  readonly id: string
  readonly size: number
  readonly fee: bigint
  /** fee / size, units per byte. */
  readonly feeRate: number
  /** When it entered the pool (ms). */
  readonly time: number
}

/** What `mempool-summary` and `mempool-tx` read from the mempool. */
export type MempoolViews = {
  get(txid: Uint8Array): PoolTransaction | undefined
  /** Every pool transaction, any order. */
  entries(): Iterable<PoolTransaction>
  /** What the node's block template would take now (the miner's selection and budgets). */
  projectBlock(): { entries: readonly PoolTransaction[]; fees: bigint; bytes: number }
  /** The relay floor now, units per byte. */
  minFeeRate(): number
  /** Transactions and bytes in the pool now (cheap: keys the summary cache). */
  stats(): { count: number; bytes: number }
}

export type MempoolViewComponents = {
  mempool: MempoolViews
  chain: Pick<ChainView, 'tip'>
  /** Wall clock (ms); the summary's `time` and its cache. */
  now: () => number
}

/**
 * How long one computed summary is served again while the tip and the pool's count and bytes are
 * unchanged: a burst of requests costs one pass over the pool.
 */
export const SUMMARY_CACHE_MS = 1_000

/**
 * The node's `mempool-summary` (docs/network.md §2.1): counts, bytes and the fixed fee-rate
 * buckets over every pool transaction, the projected next block, and the 50 most recently seen
 * entries (newest first, ties by txid).
 */
export function mempoolSummaryOf(c: MempoolViewComponents): MempoolSummaryMessage {
  const histogram = emptyFeeHistogram()
  const all: PoolTransaction[] = []
  let totalBytes = 0
  for (const e of c.mempool.entries()) {
    const b = histogram[feeRateBucket(e.feeRate)]!
    b.count++
    b.bytes += e.size
    totalBytes += e.size
    all.push(e)
  }
  all.sort((a, b) => b.time - a.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const recent = all.slice(0, MAX_MEMPOOL_SUMMARY_ENTRIES).map((e) => ({
    txid: e.txid,
    size: e.size,
    fee: e.fee,
    feeRate: Number(e.fee) / e.size,
    firstSeen: e.time,
  }))
  return {
    tipHeight: c.chain.tip().height,
    time: c.now(),
    txCount: all.length,
    totalBytes,
    minFeeRate: c.mempool.minFeeRate(),
    histogram,
    projected: projectedBlock(c.mempool.projectBlock()),
    recent,
  }
}

function projectedBlock(t: ReturnType<MempoolViews['projectBlock']>) {
  if (t.entries.length === 0)
    return { txCount: 0, bytes: 0, fees: 0n, minFeeRate: 0, maxFeeRate: 0 }
  let min = Number.POSITIVE_INFINITY
  let max = 0
  for (const e of t.entries) {
    min = Math.min(min, e.feeRate)
    max = Math.max(max, e.feeRate)
  }
  // Thousandths on the wire: round outward so the range still holds every selected rate.
  return {
    txCount: t.entries.length,
    bytes: t.bytes,
    fees: t.fees,
    minFeeRate: Math.floor(min * 1000) / 1000,
    maxFeeRate: Math.ceil(max * 1000) / 1000,
  }
}

/**
 * The `mempool-summary` handler: an empty request, the summary out — computed at most once per
 * `SUMMARY_CACHE_MS` (the server's rate limit applies as to every request).
 * @throws {DecodeError} a request that is not empty (BAD_REQUEST, penalized).
 */
export function createMempoolSummaryHandler(
  c: MempoolViewComponents,
): (request: Uint8Array) => Promise<ResponseFrame> {
  let cached: { at: number; key: string; body: Uint8Array } | undefined
  return async (request) => {
    decodeMempoolSummaryRequest(request)
    const now = c.now()
    const { count, bytes } = c.mempool.stats()
    const key = `${toHex(c.chain.tip().hash)}:${count}:${bytes}`
    const fresh =
      cached !== undefined &&
      cached.key === key &&
      now >= cached.at &&
      now - cached.at < SUMMARY_CACHE_MS
    if (!fresh) cached = { at: now, key, body: encodeMempoolSummaryResponse(mempoolSummaryOf(c)) }
    return { result: 'OK', body: (cached as { body: Uint8Array }).body }
  }
}

/**
 * The `mempool-tx` handler: a txid in; the pool's transaction with the time it entered, or
 * NOT_FOUND (a confirmed transaction is `tx-proof`'s).
 * @throws {DecodeError} a request that is not exactly 32 bytes (BAD_REQUEST, penalized).
 */
export function createMempoolTxHandler(
  c: Pick<MempoolViewComponents, 'mempool'>,
): (request: Uint8Array) => Promise<ResponseFrame> {
  return async (request) => {
    const entry = c.mempool.get(decodeHashRequest(request))
    if (entry === undefined)
      return { result: 'NOT_FOUND', message: 'no transaction with that txid in the mempool' }
    return { result: 'OK', body: encodeMempoolTxResponse({ tx: entry.tx, firstSeen: entry.time }) }
  }
}
