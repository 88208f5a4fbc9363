/** A confirmed transaction: its fee rate and how many blocks it waited (1 = the next block). */
export type FeeSample = { rate: number; blocks: number }
/** A transaction still waiting: its fee rate and the blocks found since it entered. */
export type PendingSample = { rate: number; waited: number }

/** Share of observations at or above a rate that must have confirmed within the target. */
export const ESTIMATE_SUCCESS_THRESHOLD = 0.85
/** Observations needed before a rate can pass or fail. */
export const ESTIMATE_MIN_SAMPLES = 5
/** Samples kept per block (the block's best-paying ones beyond it are dropped). */
const MAX_SAMPLES_PER_BLOCK = 2_000

type Observation = { rate: number; blocks: number; pending: boolean }

/**
 * Fee estimation from what confirmed (Bitcoin Core's method, without its decay buckets):
 *
 * The last `maxBlocks` blocks contribute one sample per transaction they confirmed that had been
 * in our pool and had no unconfirmed parent there (a parent confirmed by its child's fee is
 * credited with its descendant-package rate; children of in-pool parents are skipped). A sample
 * succeeds for target N if it confirmed within N blocks of entering; a transaction still in the
 * pool that has already waited N blocks fails for N.
 *
 * raw(N): walking observations from the highest rate down, the lowest rate at which at least 85%
 * of everything at or above it succeeded for N (decided once 5 observations are in; the walk
 * stops at the first failing rate). estimate(N) = min(raw(1..N)), so a longer target never costs
 * more. With no observation at all the caller falls back to the relay floor; with observations but
 * no passing rate, the highest observed rate is returned.
 */
export class FeeEstimator {
  private readonly blocks = new Map<number, FeeSample[]>()
  private cache = new Map<number, { rate: number | undefined; samples: number }>()

  constructor(private readonly maxBlocks: number) {}

  /** Records the samples of the block at `height` (forgetting blocks older than the window). */
  recordBlock(height: number, samples: readonly FeeSample[]): void {
    const kept = [...samples].sort((a, b) => b.rate - a.rate).slice(0, MAX_SAMPLES_PER_BLOCK)
    for (const h of this.blocks.keys()) if (h <= height - this.maxBlocks) this.blocks.delete(h)
    this.blocks.set(height, kept)
    this.cache.clear()
  }

  /** Forgets a disconnected block. */
  removeBlock(height: number): void {
    this.blocks.delete(height)
    this.cache.clear()
  }

  /**
   * The estimated rate for `target` blocks, or undefined with `samples` = 0 when there is no data.
   * `pending` is read only when the answer is not cached for this target since the last block.
   */
  estimate(
    target: number,
    pending: () => Iterable<PendingSample>,
  ): { rate: number | undefined; samples: number } {
    const t = Math.max(1, Math.min(Math.floor(target), this.maxBlocks))
    const hit = this.cache.get(t)
    if (hit) return hit
    const obs = this.observations(pending)
    let best: number | undefined
    for (let n = 1; n <= t; n++) {
      const r = rawEstimate(obs, n)
      if (r !== undefined && (best === undefined || r < best)) best = r
    }
    if (best === undefined && obs.length > 0) best = obs[0]!.rate
    const answer = { rate: best, samples: obs.length }
    this.cache.set(t, answer)
    return answer
  }

  private observations(pending: () => Iterable<PendingSample>): Observation[] {
    const obs: Observation[] = []
    for (const samples of this.blocks.values())
      for (const s of samples) obs.push({ rate: s.rate, blocks: s.blocks, pending: false })
    if (obs.length === 0) return obs
    for (const p of pending()) obs.push({ rate: p.rate, blocks: p.waited, pending: true })
    return obs.sort((a, b) => b.rate - a.rate)
  }
}

function rawEstimate(obs: readonly Observation[], n: number): number | undefined {
  let ok = 0
  let total = 0
  let best: number | undefined
  let i = 0
  while (i < obs.length) {
    const rate = obs[i]!.rate
    for (; i < obs.length && obs[i]!.rate === rate; i++) {
      const o = obs[i]!
      if (o.pending) {
        if (o.blocks >= n) total++
      } else {
        total++
        if (o.blocks <= n) ok++
      }
    }
    if (total < ESTIMATE_MIN_SAMPLES) continue
    if (ok / total < ESTIMATE_SUCCESS_THRESHOLD) break
    best = rate
  }
  return best
}
