import { toHex } from '../bytes.js'
import type { Reader } from '../codec/reader.js'
import { Writer } from '../codec/writer.js'
import { cappedReader, invalidValue } from './codec.js'
import { MAX_LENGTH_PREFIX_BYTES } from './limits.js'

/**
 * Lower edges of the `mempool-summary` fee-rate histogram, base units per byte of a transaction's
 * full encoding (witnesses included): bucket `i` holds the transactions whose own fee rate
 * (`fee ÷ size`) is at least `edge[i]` and below `edge[i + 1]`; the last bucket is open. Part of
 * the wire contract (docs/network.md §2.1): every answer carries exactly these buckets.
 */
export const MEMPOOL_FEE_RATE_EDGES: readonly number[] = Object.freeze([
  0, 1, 2, 3, 5, 8, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 1_000,
])
/** Most recent mempool entries one `mempool-summary` answer lists. */
export const MAX_MEMPOOL_SUMMARY_ENTRIES = 50
/** Fee rates in a summary are sent in thousandths of a base unit per byte. */
export const FEE_RATE_SCALE = 1000

/** One fee-rate bucket: `[from, to)` base units per byte (`to` null for the open top bucket). */
export type MempoolFeeBucket = { from: number; to: number | null; count: number; bytes: number }

/** A transaction in the node's mempool, as `mempool-summary` lists it. */
export type MempoolSummaryEntry = {
  txid: Uint8Array
  /** Encoded size in bytes, witnesses included. */
  size: number
  /** Base units. */
  fee: bigint
  /** `fee ÷ size`, base units per byte (computed by the decoder, not sent). */
  feeRate: number
  /** When the node first saw it (ms since the epoch, the node's clock). */
  firstSeen: number
}

/** What the node's block template would take next: its own selection, not a promise. */
export type ProjectedBlock = {
  txCount: number
  /** Σ encoded sizes of the selected transactions (header and coinbase not counted). */
  bytes: number
  /** Σ fees, base units. */
  fees: bigint
  /** Lowest and highest own fee rate among them (units per byte, to 0.001); 0 when empty. */
  minFeeRate: number
  maxFeeRate: number
}

/**
 * A node's report of its mempool (docs/network.md §2.1 `mempool-summary`). A CLAIM: no block or
 * header commits to a mempool, so nothing here can be verified — only checked for consistency.
 */
export type MempoolSummaryMessage = {
  /** The node's tip height when it answered. */
  tipHeight: number
  /** The node's clock (ms) when it answered, to read `firstSeen` against. */
  time: number
  txCount: number
  /** Σ encoded sizes of every pool transaction. */
  totalBytes: number
  /** The node's relay floor now, units per byte (to 0.001). */
  minFeeRate: number
  /** One bucket per `MEMPOOL_FEE_RATE_EDGES` entry, lowest first; empty buckets included. */
  histogram: MempoolFeeBucket[]
  projected: ProjectedBlock
  /** Up to 50 entries, most recently seen first. */
  recent: MempoolSummaryEntry[]
}

const BUCKET_BYTES = 4 + 4
const PROJECTED_BYTES = 4 + 4 + 8 + 8 + 8
const ENTRY_BYTES = 32 + 4 + 8 + 8
const HEAD_BYTES = 4 + 8 + 4 + 4 + 8

/** Largest `mempool-summary` OK body. */
export const MAX_MEMPOOL_SUMMARY_BYTES =
  HEAD_BYTES +
  1 +
  MEMPOOL_FEE_RATE_EDGES.length * BUCKET_BYTES +
  PROJECTED_BYTES +
  MAX_LENGTH_PREFIX_BYTES +
  MAX_MEMPOOL_SUMMARY_ENTRIES * ENTRY_BYTES

/** The bucket index of a fee rate (units per byte). */
export function feeRateBucket(feeRate: number): number {
  let i = 0
  while (i + 1 < MEMPOOL_FEE_RATE_EDGES.length && MEMPOOL_FEE_RATE_EDGES[i + 1]! <= feeRate) i++
  return i
}

/** Empty buckets with the wire's edges, for a server to fill. */
export function emptyFeeHistogram(): MempoolFeeBucket[] {
  return MEMPOOL_FEE_RATE_EDGES.map((from, i) => ({
    from,
    to: MEMPOOL_FEE_RATE_EDGES[i + 1] ?? null,
    count: 0,
    bytes: 0,
  }))
}

/** The `mempool-summary` request: empty. */
export function encodeMempoolSummaryRequest(): Uint8Array {
  return new Uint8Array(0)
}

/** @throws {DecodeError} any byte in the request. */
export function decodeMempoolSummaryRequest(bytes: Uint8Array): void {
  cappedReader(bytes, 0, 'mempool-summary request').finish()
}

const scaled = (rate: number): bigint => {
  if (!Number.isFinite(rate) || rate < 0) throw new RangeError(`fee rate ${rate} is not ≥ 0`)
  return BigInt(Math.round(rate * FEE_RATE_SCALE))
}

/**
 * `tipHeight u32 ‖ time u64 ‖ txCount u32 ‖ totalBytes u32 ‖ minFeeRate‰ u64 ‖ u8 nBuckets ‖
 * nBuckets × (count u32 ‖ bytes u32) ‖ projected (txCount u32 ‖ bytes u32 ‖ fees u64 ‖
 * minFeeRate‰ u64 ‖ maxFeeRate‰ u64) ‖ varint n ‖ n × (txid[32] ‖ size u32 ‖ fee u64 ‖
 * firstSeen u64)` — rates in thousandths of a unit per byte.
 * @throws {RangeError} a field out of range, or an answer `decodeMempoolSummaryResponse` refuses.
 */
export function encodeMempoolSummaryResponse(m: MempoolSummaryMessage): Uint8Array {
  const failure = summaryInconsistency(m)
  if (failure !== undefined) throw new RangeError(`mempool-summary: ${failure}`)
  const w = new Writer(256 + m.recent.length * ENTRY_BYTES)
  w.u32(m.tipHeight).u64n(m.time).u32(m.txCount).u32(m.totalBytes).u64(scaled(m.minFeeRate))
  w.u8(m.histogram.length)
  for (const b of m.histogram) w.u32(b.count).u32(b.bytes)
  const p = m.projected
  w.u32(p.txCount).u32(p.bytes).u64(p.fees).u64(scaled(p.minFeeRate)).u64(scaled(p.maxFeeRate))
  w.varint(m.recent.length)
  for (const e of m.recent) w.fixed(e.txid, 32).u32(e.size).u64(e.fee).u64n(e.firstSeen)
  return w.finish()
}

/**
 * Decodes a `mempool-summary` OK body strictly and checks that it is consistent with itself: the
 * buckets are the wire's and add up to the count and bytes, the projected block fits in the pool,
 * the entries are distinct, non-empty and no more than the pool holds. Whether it is TRUE cannot
 * be checked: it is the node's word.
 * @throws {DecodeError}
 */
export function decodeMempoolSummaryResponse(bytes: Uint8Array): MempoolSummaryMessage {
  const r = cappedReader(bytes, MAX_MEMPOOL_SUMMARY_BYTES, 'mempool-summary response')
  const tipHeight = r.u32('tipHeight')
  const time = r.u64n('time')
  const txCount = r.u32('txCount')
  const totalBytes = r.u32('totalBytes')
  const minFeeRate = rate(r, 'minFeeRate')
  const nBuckets = r.u8('buckets')
  if (nBuckets !== MEMPOOL_FEE_RATE_EDGES.length)
    throw invalidValue(`mempool-summary: ${nBuckets} buckets, not ${MEMPOOL_FEE_RATE_EDGES.length}`)
  const histogram = emptyFeeHistogram()
  for (const b of histogram) {
    b.count = r.u32('bucket.count')
    b.bytes = r.u32('bucket.bytes')
  }
  const projected: ProjectedBlock = {
    txCount: r.u32('projected.txCount'),
    bytes: r.u32('projected.bytes'),
    fees: r.u64('projected.fees'),
    minFeeRate: rate(r, 'projected.minFeeRate'),
    maxFeeRate: rate(r, 'projected.maxFeeRate'),
  }
  const n = r.count(MAX_MEMPOOL_SUMMARY_ENTRIES, ENTRY_BYTES, 'entries')
  const recent: MempoolSummaryEntry[] = []
  for (let i = 0; i < n; i++) {
    const txid = r.fixed(32, 'txid')
    const size = r.u32('size')
    const fee = r.u64('fee')
    const firstSeen = r.u64n('firstSeen')
    recent.push({ txid, size, fee, feeRate: size === 0 ? 0 : Number(fee) / size, firstSeen })
  }
  r.finish()
  const m = { tipHeight, time, txCount, totalBytes, minFeeRate, histogram, projected, recent }
  const failure = summaryInconsistency(m)
  if (failure !== undefined) throw invalidValue(`mempool-summary: ${failure}`)
  return m
}

function rate(r: Reader, field: string): number {
  return Number(r.u64(field)) / FEE_RATE_SCALE
}

/** Why a summary contradicts itself, or undefined. */
function summaryInconsistency(m: MempoolSummaryMessage): string | undefined {
  if (m.histogram.length !== MEMPOOL_FEE_RATE_EDGES.length)
    return `${m.histogram.length} buckets, not ${MEMPOOL_FEE_RATE_EDGES.length}`
  let count = 0
  let bytes = 0
  for (const b of m.histogram) {
    count += b.count
    bytes += b.bytes
  }
  if (count !== m.txCount) return `buckets count ${count} transactions, not ${m.txCount}`
  if (bytes !== m.totalBytes) return `buckets hold ${bytes} bytes, not ${m.totalBytes}`
  const p = m.projected
  if (p.txCount > m.txCount || p.bytes > m.totalBytes)
    return 'the projected block holds more than the pool'
  if (p.txCount === 0 && (p.bytes !== 0 || p.fees !== 0n || p.maxFeeRate !== 0))
    return 'an empty projected block with bytes, fees or rates'
  if (p.minFeeRate > p.maxFeeRate) return 'projected minFeeRate above maxFeeRate'
  if (m.recent.length > Math.min(m.txCount, MAX_MEMPOOL_SUMMARY_ENTRIES))
    return `${m.recent.length} entries for a pool of ${m.txCount}`
  const seen = new Set<string>()
  for (const e of m.recent) {
    if (e.size === 0) return 'an entry of 0 bytes'
    const id = toHex(e.txid)
    if (seen.has(id)) return `entry ${id} listed twice`
    seen.add(id)
  }
  return undefined
}
