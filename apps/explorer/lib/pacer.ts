/** Time for the pacer: injected so tests decide it. */
export type PacerClock = {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export type RequestPacerOptions = {
  /** Requests per second sustained. */
  ratePerSecond: number
  /** Requests that may start at once after a quiet spell. */
  burst: number
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted()
    const id = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(id)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

const SYSTEM_CLOCK: PacerClock = { now: () => Date.now(), sleep }

/**
 * A token bucket for requests a page makes through the light client. Full nodes allow each peer a
 * burst and a sustained rate (40 and 20/s by default) and penalise more, up to a ban; the site's
 * one light client serves every tab, so the explorer keeps well under that. Reservations queue:
 * a caller over the budget waits its turn instead of being refused.
 * @throws {RangeError} a rate or burst that is not positive.
 */
export class RequestPacer {
  readonly #rate: number
  readonly #burst: number
  readonly #clock: PacerClock
  #tokens: number
  #at: number

  constructor(options: RequestPacerOptions, clock: PacerClock = SYSTEM_CLOCK) {
    if (!(options.ratePerSecond > 0) || !(options.burst >= 1))
      throw new RangeError('ratePerSecond must be positive and burst at least 1')
    this.#rate = options.ratePerSecond
    this.#burst = options.burst
    this.#clock = clock
    this.#tokens = options.burst
    this.#at = clock.now()
  }

  /** Reserves `n` requests and returns how long (ms) to wait before starting them. */
  reserve(n = 1): number {
    const now = this.#clock.now()
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#rate)
    this.#at = now
    this.#tokens -= n
    return this.#tokens >= 0 ? 0 : Math.ceil((-this.#tokens / this.#rate) * 1000)
  }

  /** Waits until `n` more requests fit the budget (rejects when `signal` aborts). */
  async take(n = 1, signal?: AbortSignal): Promise<void> {
    const wait = this.reserve(n)
    if (wait > 0) await this.#clock.sleep(wait, signal)
  }
}

/** The explorer's budget: three quarters of a full node's default per-peer limits (20/s, 40), leaving room for other tabs. */
export const EXPLORER_PACE: RequestPacerOptions = { ratePerSecond: 15, burst: 30 }
