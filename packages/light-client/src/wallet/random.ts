/**
 * Injected randomness. Production code draws from `crypto.getRandomValues`; tests pass a
 * deterministic source. Nothing here uses `Math.random`.
 */

/** Returns `length` fresh random bytes. */
export type RandomBytes = (length: number) => Uint8Array

/** A uniform number in [0, 1), for choices that are not secret (coin selection, output order). */
export type RandomNumber = () => number

/** `length` bytes from `crypto.getRandomValues` (at most 65,536 per call, as WebCrypto allows). */
export const cryptoRandomBytes: RandomBytes = (length) =>
  globalThis.crypto.getRandomValues(new Uint8Array(length))

/** A uniform float in [0, 1) with 53 random bits from `crypto.getRandomValues`. */
export const cryptoRandomNumber: RandomNumber = () => {
  const words = globalThis.crypto.getRandomValues(new Uint32Array(2))
  // 21 high bits of one word and all 32 of the other: exactly the 53 bits a double holds.
  return ((words[0]! >>> 11) * 2 ** 32 + words[1]!) / 2 ** 53
}

/** A uniform integer in [0, n), n ≥ 1. */
export function randomIndex(random: RandomNumber, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n))
}
