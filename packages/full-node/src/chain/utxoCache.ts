import {
  type OutPoint,
  outpointKey,
  type UtxoCommitment,
  type UtxoEntry,
} from '@supernova/protocol'

/** A cached unspent output, with its commitment key and value hash when its connect computed them. */
export type CachedUtxo = { entry: UtxoEntry; commitment?: UtxoCommitment | undefined }

/**
 * A bounded read-through cache of the committed UTXO set (Bitcoin Core's coins cache, read side
 * only): outputs a connected block created are remembered, spent ones forgotten, so the next
 * blocks — which mostly spend recent outputs — find their inputs without a database read. The
 * store stays the only truth: the cache changes only after a batch is committed, starts empty
 * on open, and a miss simply reads the store. Oldest entries go first when it is full. Outputs
 * keep the commitment hashes their block's validation computed, so spending them costs no hashing.
 */
export class UtxoCache {
  private readonly entries = new Map<string, CachedUtxo>()
  private hitCount = 0
  private missCount = 0

  /** @throws {RangeError} when `maxEntries` is not a non-negative integer. */
  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0)
      throw new RangeError(`utxo cache size must be a non-negative integer: ${maxEntries}`)
  }

  /** The committed output of `key` (an `outpointKey`) if cached; undefined means "ask the store". */
  get(key: string): CachedUtxo | undefined {
    const e = this.entries.get(key)
    if (e) this.hitCount++
    else this.missCount++
    return e
  }

  /**
   * After a commit: `added` entered the set (kept as given: a `commitment` must be that output's),
   * `removed` left it.
   */
  apply(
    added: readonly ({ outpoint: OutPoint } & CachedUtxo)[],
    removed: readonly { outpoint: OutPoint }[],
  ): void {
    for (const r of removed) this.entries.delete(outpointKey(r.outpoint))
    if (this.maxEntries === 0) return
    for (const a of added) {
      const k = outpointKey(a.outpoint)
      this.entries.delete(k)
      this.entries.set(k, a)
    }
    for (const k of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break
      this.entries.delete(k)
    }
  }

  get size(): number {
    return this.entries.size
  }

  /** Lookups answered from memory and lookups that went to the store, since start. */
  stats(): { hits: number; misses: number } {
    return { hits: this.hitCount, misses: this.missCount }
  }
}
