import type { HostLimits } from './hostSession.js'

/** The host's bounds, with the number of sessions it serves at once. */
export type HostLimitsWithSessions = HostLimits & {
  /** Sessions (tabs) served at once; more are refused with TOO_MANY_SESSIONS. Default 256. */
  maxSessions: number
}

const DEFAULT_LIMITS: HostLimitsWithSessions = {
  maxPendingCalls: 64,
  maxSubscriptions: 64,
  maxStreams: 48,
  callTimeoutMs: 120_000,
  idleTimeoutMs: 150_000,
  maxSessions: 256,
}

/**
 * The defaults with `given` over them.
 * @throws {RangeError} a limit that is not a positive integer (`idleTimeoutMs` may be 0: never).
 */
export function resolveHostLimits(
  given: Partial<HostLimitsWithSessions> = {},
): HostLimitsWithSessions {
  const limits = { ...DEFAULT_LIMITS, ...given }
  for (const [name, v] of Object.entries(limits)) {
    const zeroOk = name === 'idleTimeoutMs'
    if (!Number.isSafeInteger(v) || v < (zeroOk ? 0 : 1))
      throw new RangeError(
        `limits.${name} must be a ${zeroOk ? 'non-negative' : 'positive'} integer`,
      )
  }
  return limits
}
