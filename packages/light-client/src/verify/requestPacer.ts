import { LightClientError } from './errors.js'

/**
 * Default pace of a long run of requests (an address scan's block fetches, or its one-filter-per-
 * block fallback): 15 requests/s with bursts of 20 — under a node's 20/s, burst 40 per peer
 * (docs/network.md §2.3), leaving room for the client's other calls (header sync, page queries).
 */
export const DEFAULT_PACER_RATE_PER_SECOND = 15
export const DEFAULT_PACER_BURST = 20
/** How long a RATE_LIMITED answer pauses the pacer: a node's bucket refills 20 tokens meanwhile. */
export const RATE_LIMITED_PAUSE_MS = 1_000
/** After a RATE_LIMITED answer the rate is halved; it doubles back every 30 s without another. */
const RECOVERY_MS = 30_000
/** The rate is never halved below this (requests/s). */
const MIN_RATE_PER_SECOND = 1

export type RequestPacerOptions = {
  /** Requests per second sustained (> 0). Default 15. */
  ratePerSecond?: number
  /** Requests let through at once after a quiet spell (≥ 1). Default 20. */
  burst?: number
  /** Pause after a RATE_LIMITED answer (ms, ≥ 0). Default 1 s. */
  pauseMs?: number
  /** Clock (ms). Default Date.now. */
  now?: () => number
  /** Waits `ms` or until `signal` aborts. Default setTimeout. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

/** A token bucket the client's long request runs share, so together they stay under a node's rate. */
export type RequestPacer = {
  /**
   * Resolves when one more request may go out (callers are served in order).
   * @throws {LightClientError} ABORTED when `signal` aborts first.
   */
  take(signal?: AbortSignal): Promise<void>
  /**
   * A node answered RATE_LIMITED (not a lie: slow down): no request goes out for `pauseMs`, and the
   * rate is halved until 30 s pass without another.
   */
  slowDown(): void
}

/**
 * A token bucket of `burst` tokens refilled at `ratePerSecond`.
 * @throws {RangeError} a rate that is not positive, a burst below 1.
 * @example
 * const pacer = createRequestPacer()
 * for (const h of hashes) { await pacer.take(signal); await net.getBlock({ hash: h }) }
 */
export function createRequestPacer(o: RequestPacerOptions = {}): RequestPacer {
  const baseRate = o.ratePerSecond ?? DEFAULT_PACER_RATE_PER_SECOND
  const burst = o.burst ?? DEFAULT_PACER_BURST
  const pauseMs = o.pauseMs ?? RATE_LIMITED_PAUSE_MS
  if (!Number.isFinite(baseRate) || baseRate <= 0)
    throw new RangeError('ratePerSecond must be positive')
  if (!Number.isInteger(burst) || burst < 1) throw new RangeError('burst must be at least 1')
  if (!Number.isFinite(pauseMs) || pauseMs < 0) throw new RangeError('pauseMs must be ≥ 0')
  const now = o.now ?? Date.now
  const sleep = o.sleep ?? defaultSleep
  let rate = baseRate
  let tokens = burst
  let at = now()
  let slowedAt = at
  // Takers queue behind each other: one wait at a time, in order, no thundering herd.
  let queue: Promise<void> = Promise.resolve()
  const refill = () => {
    const t = now()
    tokens = Math.min(burst, tokens + ((t - at) / 1000) * rate)
    at = t
    if (rate < baseRate && t - slowedAt >= RECOVERY_MS) {
      rate = Math.min(baseRate, rate * 2)
      slowedAt = t
    }
  }
  const takeOne = async (signal: AbortSignal | undefined) => {
    for (;;) {
      if (signal?.aborted) throw aborted(signal.reason)
      refill()
      if (tokens >= 1) {
        tokens -= 1
        return
      }
      await sleep(Math.ceil(((1 - tokens) / rate) * 1000), signal)
    }
  }
  return {
    take(signal) {
      const turn = queue.then(() => takeOne(signal))
      queue = turn.catch(() => undefined)
      return turn
    },
    slowDown() {
      refill()
      rate = Math.max(Math.min(MIN_RATE_PER_SECOND, baseRate), rate / 2)
      slowedAt = at
      tokens = Math.min(tokens, 0) - (pauseMs / 1000) * rate
    },
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}

function aborted(cause: unknown): LightClientError {
  return new LightClientError({ code: 'ABORTED', message: 'aborted while pacing requests', cause })
}
