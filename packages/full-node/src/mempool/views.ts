import { miningScore, type TxGraph } from './graph.js'
import type { HistogramBucket, MempoolEntry } from './types.js'

/** Lower bounds (units per byte) of the histogram's buckets (mempool.space-like spacing). */
export const HISTOGRAM_BOUNDS: readonly number[] = [
  0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 40, 50, 60, 70, 80, 90, 100, 125, 150, 175, 200, 250,
  300, 350, 400, 500, 600, 700, 800, 900, 1_000, 1_200, 1_400, 1_700, 2_000, 3_000, 5_000, 10_000,
]

/** Count and bytes per mining-score bucket, lowest first; empty buckets are left out. */
export function feeHistogram(graph: TxGraph): HistogramBucket[] {
  const counts = new Array<number>(HISTOGRAM_BOUNDS.length).fill(0)
  const bytes = new Array<number>(HISTOGRAM_BOUNDS.length).fill(0)
  for (const e of graph.entries()) {
    const i = bucketOf(miningScore(e))
    counts[i]!++
    bytes[i]! += e.size
  }
  const out: HistogramBucket[] = []
  for (let i = 0; i < HISTOGRAM_BOUNDS.length; i++) {
    if (counts[i] === 0) continue
    out.push({
      from: HISTOGRAM_BOUNDS[i]!,
      to: HISTOGRAM_BOUNDS[i + 1] ?? null,
      count: counts[i]!,
      bytes: bytes[i]!,
    })
  }
  return out
}

function bucketOf(rate: number): number {
  let lo = 0
  let hi = HISTOGRAM_BOUNDS.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (HISTOGRAM_BOUNDS[mid]! <= rate) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Up to `limit` entries, best mining score first (ties by txid). */
export function listByScore(graph: TxGraph, limit: number): MempoolEntry[] {
  const scored = [...graph.entries()].map((e) => ({ e, s: miningScore(e) }))
  scored.sort((a, b) => b.s - a.s || (a.e.id < b.e.id ? -1 : 1))
  return scored.slice(0, Math.max(0, limit)).map((x) => x.e)
}
