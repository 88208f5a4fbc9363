import { toHex } from '@supernova/protocol'

export type FilterCacheOptions = {
  /** Most filters kept. Default 20,000. */
  maxEntries?: number
  /** Most filter bytes kept. Default 16 MiB. */
  maxBytes?: number
}

/**
 * Verified block filters by block hash, least recently used dropped first, bounded in count and
 * bytes. Only filters whose hash matched their header's `filterHash` belong here; a block hash
 * fixes its filter, so an entry never goes stale (a reorg only stops it being asked for).
 */
export class FilterCache {
  readonly #entries = new Map<string, Uint8Array>()
  readonly #maxEntries: number
  readonly #maxBytes: number
  #bytes = 0

  constructor(o: FilterCacheOptions = {}) {
    this.#maxEntries = o.maxEntries ?? 20_000
    this.#maxBytes = o.maxBytes ?? 16 * 1024 * 1024
    if (!Number.isInteger(this.#maxEntries) || this.#maxEntries < 0)
      throw new RangeError('maxEntries must be a non-negative integer')
    if (!Number.isInteger(this.#maxBytes) || this.#maxBytes < 0)
      throw new RangeError('maxBytes must be a non-negative integer')
  }

  get size(): number {
    return this.#entries.size
  }

  get bytes(): number {
    return this.#bytes
  }

  get(blockHash: Uint8Array): Uint8Array | undefined {
    const key = toHex(blockHash)
    const filter = this.#entries.get(key)
    if (filter === undefined) return undefined
    this.#entries.delete(key)
    this.#entries.set(key, filter)
    return filter
  }

  set(blockHash: Uint8Array, filter: Uint8Array): void {
    const key = toHex(blockHash)
    const old = this.#entries.get(key)
    if (old !== undefined) {
      this.#entries.delete(key)
      this.#bytes -= old.length
    }
    if (filter.length > this.#maxBytes || this.#maxEntries === 0) return
    this.#entries.set(key, filter)
    this.#bytes += filter.length
    while (this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes) {
      const [oldest, value] = this.#entries.entries().next().value as [string, Uint8Array]
      this.#entries.delete(oldest)
      this.#bytes -= value.length
    }
  }
}
