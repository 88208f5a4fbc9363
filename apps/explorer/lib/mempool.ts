import type { MempoolFeeBucket } from '@supernova/protocol'

/** Buckets always shown, even empty: the chart keeps a stable shape at low fee rates. */
export const MIN_SHOWN_BUCKETS = 6

/** One bar of the fee-rate histogram. */
export type HistogramRow = {
  /** "1–2", "≥ 1,000": base units per byte. */
  label: string
  /** Spoken form: "1 to 2 units per byte", "1,000 units per byte or more". */
  description: string
  from: number
  to: number | null
  count: number
  bytes: number
  /** Share of the pool's transactions in this bucket, 0..1. */
  share: number
}

const n = (x: number) => x.toLocaleString('en-US')

/** A bucket's label: `[from, to)` as "from–to", the open top bucket as "≥ from". */
export function bucketLabel(b: Pick<MempoolFeeBucket, 'from' | 'to'>): string {
  return b.to === null ? `≥ ${n(b.from)}` : `${n(b.from)}–${n(b.to)}`
}

/**
 * The histogram as chart rows: every bucket up to the highest non-empty one (at least
 * `MIN_SHOWN_BUCKETS`), each with its share of the pool's transactions.
 */
export function histogramRows(histogram: readonly MempoolFeeBucket[]): HistogramRow[] {
  const total = histogram.reduce((s, b) => s + b.count, 0)
  let last = -1
  histogram.forEach((b, i) => {
    if (b.count > 0) last = i
  })
  const shown = histogram.slice(0, Math.max(last + 1, MIN_SHOWN_BUCKETS))
  return shown.map((b) => ({
    label: bucketLabel(b),
    description:
      b.to === null
        ? `${n(b.from)} units per byte or more`
        : `${n(b.from)} to ${n(b.to)} units per byte`,
    from: b.from,
    to: b.to,
    count: b.count,
    bytes: b.bytes,
    share: total === 0 ? 0 : b.count / total,
  }))
}

/** One sentence describing the histogram, for the chart's accessible description. */
export function describeHistogram(rows: readonly HistogramRow[]): string {
  const total = rows.reduce((s, r) => s + r.count, 0)
  if (total === 0) return 'The node reports an empty mempool: no transaction in any fee-rate range.'
  const top = rows.reduce((a, b) => (b.count > a.count ? b : a))
  const word = total === 1 ? 'transaction' : 'transactions'
  return `${n(total)} ${word} by fee rate; the most (${n(top.count)}) pay ${top.description}.`
}

/**
 * A time on the node's clock as a time on ours: `nodeMs` shifted by how far the node's clock was
 * from ours when its report (`nodeNow`) arrived (`receivedAt`), so ages do not depend on skew.
 */
export function toLocalTime(nodeMs: number, nodeNow: number, receivedAt: number): number {
  return receivedAt - Math.max(0, nodeNow - nodeMs)
}

/** A libp2p peer id shortened for people: "12D3KooW…x7Yz" (whole when already short). */
export function shortPeerId(id: string): string {
  return id.length <= 16 ? id : `${id.slice(0, 8)}…${id.slice(-4)}`
}

/** A range of fee rates: "1.5–42 units/byte", or one rate when both ends read the same. */
export function formatFeeRateRange(min: number, max: number): string {
  const num = (r: number) =>
    r >= 100 ? Math.round(r).toLocaleString('en-US') : `${Number(r.toFixed(2))}`
  const [a, b] = [num(min), num(max)]
  return a === b ? `${a} units/byte` : `${a}–${b} units/byte`
}
