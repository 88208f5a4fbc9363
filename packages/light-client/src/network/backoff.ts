export type BackoffDelayParameters = {
  /** Consecutive failures so far (≥ 1). */
  attempt: number
  minMs: number
  maxMs: number
  /** A number in [0, 1). */
  random: number
}

/**
 * Capped exponential back-off with "equal jitter": the delay doubles per attempt from `minMs` up
 * to `maxMs`, and a random half of it is taken off, so clients that lost the same node do not
 * redial it in lockstep. Always within [cap / 2, cap].
 */
export function backoffDelay({ attempt, minMs, maxMs, random }: BackoffDelayParameters): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30)
  const cap = Math.min(maxMs, minMs * 2 ** exponent)
  return Math.round(cap - (cap / 2) * random)
}

/** A uniform number in [0, 1) from `crypto.getRandomValues` (STYLE 16: no Math.random). */
export function cryptoRandom(): number {
  const word = new Uint32Array(1)
  globalThis.crypto.getRandomValues(word)
  return (word[0] ?? 0) / 2 ** 32
}
