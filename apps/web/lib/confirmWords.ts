/**
 * The backup check of a new wallet: a few word positions of the recovery phrase, chosen at random
 * (crypto.getRandomValues), that the person must type back before the wallet is saved. Pure apart
 * from the injected randomness.
 */

/** Fills `bytes` with random values: `crypto.getRandomValues` by default. */
export type FillRandom = (bytes: Uint32Array) => Uint32Array

/** Words asked back by default. */
export const CONFIRM_WORD_COUNT = 3

const cryptoFill: FillRandom = (bytes) => globalThis.crypto.getRandomValues(bytes)

/** A uniform integer in [0, n) by rejection sampling (no modulo bias). */
function uniformBelow(n: number, fill: FillRandom): number {
  const limit = 2 ** 32 - (2 ** 32 % n)
  const buf = new Uint32Array(1)
  for (let tries = 0; tries < 1_000; tries++) {
    const v = fill(buf)[0]!
    if (v < limit) return v % n
  }
  throw new Error('the random source keeps returning values out of range')
}

/**
 * `count` distinct 0-based positions out of `wordCount`, ascending.
 * @throws {RangeError} when `count` is not in 1..wordCount.
 * @example pickConfirmationPositions(12) // e.g. [2, 7, 10]
 */
export function pickConfirmationPositions(
  wordCount: number,
  count: number = CONFIRM_WORD_COUNT,
  fill: FillRandom = cryptoFill,
): number[] {
  if (!Number.isInteger(wordCount) || wordCount < 1) throw new RangeError('wordCount must be ≥ 1')
  if (!Number.isInteger(count) || count < 1 || count > wordCount)
    throw new RangeError(`count must be in 1..${wordCount}`)
  // A partial Fisher–Yates shuffle: every subset is equally likely.
  const pool = Array.from({ length: wordCount }, (_, i) => i)
  for (let i = 0; i < count; i++) {
    const j = i + uniformBelow(wordCount - i, fill)
    ;[pool[i], pool[j]] = [pool[j]!, pool[i]!]
  }
  return pool.slice(0, count).sort((a, b) => a - b)
}

/** A typed word as compared: trimmed, lowercase, NFKD (as BIP39 normalises). */
export function normalizeWord(word: string): string {
  return word.normalize('NFKD').trim().toLowerCase()
}

/**
 * Which answers are wrong: the 0-based positions whose typed word is not the phrase's word there.
 * @example wrongConfirmationWords(['a', 'b', 'c'], [0, 2], ['a', 'x']) // [2]
 */
export function wrongConfirmationWords(
  words: readonly string[],
  positions: readonly number[],
  answers: readonly string[],
): number[] {
  return positions.filter((pos, i) => normalizeWord(answers[i] ?? '') !== words[pos])
}
