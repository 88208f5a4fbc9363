import type { WalletTimer } from '../../src/wallet/secretSession.js'

/** A timer whose callbacks run only when the test says so. */
export class ManualTimer implements WalletTimer {
  readonly pending = new Map<number, { callback: () => void; ms: number }>()
  #next = 1

  set(callback: () => void, ms: number): unknown {
    const id = this.#next++
    this.pending.set(id, { callback, ms })
    return id
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number)
  }

  /** Runs every pending callback, as if their time had come. */
  fireAll(): void {
    const due = [...this.pending.values()]
    this.pending.clear()
    for (const d of due) d.callback()
  }
}

/** Deterministic bytes: a counter, so no two draws repeat. */
export function counterRandom(start = 1): (n: number) => Uint8Array {
  let c = start
  return (n) => new Uint8Array(n).map(() => c++ & 0xff)
}

/** Deterministic floats in [0, 1) from a 32-bit LCG. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0
    return s / 2 ** 32
  }
}
