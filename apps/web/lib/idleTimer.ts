/**
 * Locks an unlocked wallet after a stretch without user input. The wallet's own `autoLockMs`
 * counts uses of its keys; this counts the person: any key press, click or touch restarts it.
 */

/** Timer functions; tests inject manual ones. */
export type IdleClock = {
  set(callback: () => void, ms: number): unknown
  clear(handle: unknown): void
}

export type IdleTimer = {
  /** Activity: restarts the countdown (cheap enough to call on every event). */
  touch(): void
  /** Stops the countdown for good. */
  stop(): void
}

/** Input without which the wallet locks: 5 minutes. */
export const IDLE_LOCK_MS = 5 * 60_000

const systemClock: IdleClock = {
  set: (callback, ms) => globalThis.setTimeout(callback, ms),
  clear: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Calls `onIdle` once `timeoutMs` pass without `touch`.
 * @throws {RangeError} a timeout that is not a positive integer.
 * @example
 * const idle = createIdleTimer({ timeoutMs: IDLE_LOCK_MS, onIdle: () => wallet.lock() })
 * window.addEventListener('keydown', idle.touch)
 */
export function createIdleTimer(p: {
  timeoutMs: number
  onIdle: () => void
  clock?: IdleClock
}): IdleTimer {
  if (!Number.isSafeInteger(p.timeoutMs) || p.timeoutMs <= 0)
    throw new RangeError('timeoutMs must be a positive integer')
  const clock = p.clock ?? systemClock
  let handle: unknown
  let stopped = false
  const arm = () => {
    if (handle !== undefined) clock.clear(handle)
    handle = clock.set(() => {
      handle = undefined
      if (!stopped) p.onIdle()
    }, p.timeoutMs)
  }
  arm()
  return {
    touch() {
      if (!stopped) arm()
    },
    stop() {
      stopped = true
      if (handle !== undefined) clock.clear(handle)
      handle = undefined
    },
  }
}
