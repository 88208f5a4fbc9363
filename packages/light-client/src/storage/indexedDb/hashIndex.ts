import { equalBytes } from '@supernova/protocol'
import type { HashRow } from './headerRuns.js'

/** The first four bytes of the 32-byte hash at `offset` of `bytes`, as an unsigned number. */
export function hashPrefix(bytes: Uint8Array, offset = 0): number {
  return (
    ((bytes[offset]! << 24) |
      (bytes[offset + 1]! << 16) |
      (bytes[offset + 2]! << 8) |
      bytes[offset + 3]!) >>>
    0
  )
}

/** The hash prefixes of every stored run (by start height), as the store was at `generation`. */
export type IndexSnapshot = {
  readonly generation: number
  readonly runs: ReadonlyMap<number, Uint32Array>
}

/** Prefixes of a hash row, for `IndexSnapshot.runs`. */
export function prefixesOf(hashes: Uint8Array): Uint32Array {
  const out = new Uint32Array(hashes.length / 32)
  for (let i = 0; i < out.length; i++) out[i] = hashPrefix(hashes, 32 * i)
  return out
}

/** Heights in `snapshot` whose hash starts like `hash`, highest first. */
export function candidates(snapshot: IndexSnapshot, hash: Uint8Array): number[] {
  const prefix = hashPrefix(hash)
  const out: number[] = []
  for (const [start, prefixes] of snapshot.runs)
    for (let i = 0; i < prefixes.length; i++) if (prefixes[i] === prefix) out.push(start + i)
  return out.sort((a, b) => b - a)
}

/** Heights below `below` in `snapshot` whose hash starts like one of `prefixes`. */
export function candidatesBelow(
  snapshot: IndexSnapshot,
  prefixes: ReadonlySet<number>,
  below: number,
): number[] {
  const out: number[] = []
  for (const [start, runPrefixes] of snapshot.runs) {
    const n = Math.min(runPrefixes.length, below - start)
    for (let i = 0; i < n; i++) if (prefixes.has(runPrefixes[i]!)) out.push(start + i)
  }
  return out
}

/**
 * The hash → height index of the stored headers, kept in memory instead of one IndexedDB row per
 * header: for each stored run, the first four bytes of each of its hashes (4 bytes per header —
 * as bounded as the chain the store holds). A look-up yields candidate heights, which the caller
 * confirms against the full stored hash. A snapshot is valid for one `generation` of the store —
 * a counter every header write bumps in the same transaction — so writes by another connection
 * (another tab) are noticed and the index is rebuilt from the `headerHashes` rows. Snapshots are
 * never changed once made: a transaction keeps using the one it started with.
 */
export class HashIndex {
  #current: IndexSnapshot | undefined

  /** The snapshot for `generation`, if the index holds it. */
  at(generation: number): IndexSnapshot | undefined {
    return this.#current?.generation === generation ? this.#current : undefined
  }

  /** A snapshot rebuilt from the store becomes the index. */
  set(snapshot: IndexSnapshot): void {
    this.#current = snapshot
  }

  /**
   * A replace at `height` committed on top of `generation`, writing `rows` (the rewritten run
   * below `height`, if any, and the new ones). Applied when the index was at `generation` or the
   * replace was total (height 0); otherwise the index is dropped and rebuilt on next use.
   */
  replaced(generation: number, height: number, rows: readonly HashRow[]): void {
    const before = this.#current
    if (height > 0 && before?.generation !== generation) {
      this.#current = undefined
      return
    }
    const runs = new Map<number, Uint32Array>()
    if (height > 0 && before !== undefined)
      for (const [start, prefixes] of before.runs) if (start < height) runs.set(start, prefixes)
    for (const row of rows) runs.set(row.start, prefixesOf(row.hashes))
    this.#current = { generation: generation + 1, runs }
  }
}

/** The hashes of a batch by their 4-byte prefix: one Map entry per hash, lists only on a collision. */
export class BatchHashes {
  readonly #first = new Map<number, Uint8Array>()
  readonly #more: Uint8Array[] = []

  /** Adds `hash`; false when it is already there. */
  addIfNew(hash: Uint8Array): boolean {
    const prefix = hashPrefix(hash)
    const first = this.#first.get(prefix)
    if (first === undefined) {
      this.#first.set(prefix, hash)
      return true
    }
    if (this.has(hash)) return false
    this.#more.push(hash)
    return true
  }

  has(hash: Uint8Array): boolean {
    const first = this.#first.get(hashPrefix(hash))
    if (first === undefined) return false
    return equalBytes(first, hash) || this.#more.some((h) => equalBytes(h, hash))
  }

  prefixes(): ReadonlySet<number> {
    return new Set(this.#first.keys())
  }
}
