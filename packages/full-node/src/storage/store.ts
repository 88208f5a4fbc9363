import { BaseError } from '@supernova/protocol'

/** One write in an atomic batch. */
export type BatchOp =
  | { type: 'put'; key: Uint8Array; value: Uint8Array }
  | { type: 'del'; key: Uint8Array }

/** A key range for iteration: keys k with gte ≤ k < lt (byte order). */
export type KeyRange = { gte: Uint8Array; lt: Uint8Array; reverse?: boolean; limit?: number }

/**
 * The byte-level store every part of the node persists through (STYLE rule 8). Implementations:
 * LevelDB (`openLevelStore`) and memory (`createMemoryStore`); both pass the same compliance suite.
 * A batch is atomic: after a crash either all of it or none of it is visible.
 */
export type KeyValueStore = {
  get(key: Uint8Array): Promise<Uint8Array | undefined>
  /** Values of `keys` in order (undefined where missing), in one round trip where possible. */
  getMany(keys: readonly Uint8Array[]): Promise<(Uint8Array | undefined)[]>
  batch(ops: readonly BatchOp[]): Promise<void>
  /** Entries in the range, in key order (or reverse). */
  entries(range: KeyRange): AsyncIterable<[Uint8Array, Uint8Array]>
  /** Approximate bytes on disk (0 for memory). */
  approximateSize(range: KeyRange): Promise<number>
  close(): Promise<void>
}

export type StoreErrorCode =
  | 'STORE_CLOSED'
  | 'STORE_OPEN_FAILED'
  | 'STORE_LOCKED'
  | 'STORE_IO'
  | 'STORE_CORRUPT'

/** A storage failure: the node stops rather than continue on a store it cannot trust. */
export class StoreError extends BaseError<StoreErrorCode> {
  override name = 'StoreError'
}

/** The smallest key strictly greater than every key starting with `prefix`. */
export function prefixEnd(prefix: Uint8Array): Uint8Array {
  const end = prefix.slice()
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i]!++
      return end.subarray(0, i + 1)
    }
  }
  throw new RangeError('prefixEnd: prefix is all 0xff')
}

/** The range of every key starting with `prefix`. */
export function prefixRange(
  prefix: Uint8Array,
  opts: { reverse?: boolean; limit?: number } = {},
): KeyRange {
  return { gte: prefix, lt: prefixEnd(prefix), ...opts }
}
