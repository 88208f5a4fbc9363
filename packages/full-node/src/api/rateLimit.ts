/** Token bucket settings: `perSecond` refill, up to `burst` tokens. */
export type RateLimitOptions = { perSecond: number; burst: number }

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number }

export type RateLimiter = {
  /** Spends `cost` tokens of `key`'s bucket (a cost above the burst is charged as the burst). */
  take(key: string, cost?: number): RateDecision
  /** Buckets currently tracked (bounded by `maxKeys`). */
  readonly size: number
}

type Bucket = { tokens: number; at: number }

/**
 * Per-key token buckets (keys are client IPs). The table is bounded: when full, buckets that have
 * refilled completely (indistinguishable from new ones) are dropped first, then the least recently
 * used. `now` is injected so tests control time.
 */
export function createRateLimiter(
  options: RateLimitOptions & { maxKeys?: number; now: () => number },
): RateLimiter {
  const { perSecond, burst, now } = options
  const maxKeys = options.maxKeys ?? 10_000
  const buckets = new Map<string, Bucket>()

  const refill = (b: Bucket, t: number): number =>
    Math.min(burst, b.tokens + (Math.max(0, t - b.at) * perSecond) / 1000)

  function makeRoom(t: number): void {
    for (const [key, b] of buckets) if (refill(b, t) >= burst) buckets.delete(key)
    while (buckets.size >= maxKeys) {
      const oldest = buckets.keys().next().value
      if (oldest === undefined) break
      buckets.delete(oldest)
    }
  }

  return {
    take(key, cost = 1) {
      const t = now()
      const charge = Math.min(Math.max(cost, 0), burst)
      let b = buckets.get(key)
      if (b) buckets.delete(key)
      else {
        if (buckets.size >= maxKeys) makeRoom(t)
        b = { tokens: burst, at: t }
      }
      b.tokens = refill(b, t)
      b.at = t
      buckets.set(key, b) // re-inserted last: Map order is the LRU order
      if (b.tokens >= charge) {
        b.tokens -= charge
        return { ok: true }
      }
      return { ok: false, retryAfterMs: Math.ceil(((charge - b.tokens) * 1000) / perSecond) }
    },
    get size() {
      return buckets.size
    },
  }
}
