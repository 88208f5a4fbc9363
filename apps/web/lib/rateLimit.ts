/**
 * A per-key sliding-window rate limit with a bounded number of keys (the oldest key is forgotten
 * first), for route handlers that must not let one client flood the node behind them.
 */
export type RateLimiter = {
  /** Counts one request of `key`; refused when the window already holds `limit` of them. */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number }
  /** Keys currently remembered. */
  size(): number
}

export type CreateRateLimiterParameters = {
  /** Requests allowed per key within `windowMs`. */
  limit: number
  windowMs: number
  /** Keys remembered at most. Default 10,000. */
  maxKeys?: number
  /** Clock (ms). Default `Date.now`. */
  now?: () => number
}

/**
 * @throws {RangeError} a limit, window or key bound that is not a positive integer.
 * @example
 * const limiter = createRateLimiter({ limit: 5, windowMs: 60_000 })
 * if (!limiter.take(ip).ok) return new Response(null, { status: 429 })
 */
export function createRateLimiter(p: CreateRateLimiterParameters): RateLimiter {
  const { limit, windowMs, maxKeys = 10_000, now = Date.now } = p
  for (const [name, v] of Object.entries({ limit, windowMs, maxKeys }))
    if (!Number.isSafeInteger(v) || v < 1)
      throw new RangeError(`${name} must be a positive integer`)
  const hits = new Map<string, number[]>()
  return {
    take(key) {
      const t = now()
      const recent = (hits.get(key) ?? []).filter((at) => t - at < windowMs)
      // Re-inserted so that Map order is least recently used first.
      hits.delete(key)
      if (recent.length >= limit) {
        hits.set(key, recent)
        return { ok: false, retryAfterMs: windowMs - (t - recent[0]!) }
      }
      recent.push(t)
      hits.set(key, recent)
      while (hits.size > maxKeys) hits.delete(hits.keys().next().value!)
      return { ok: true }
    },
    size: () => hits.size,
  }
}
