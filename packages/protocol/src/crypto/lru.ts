/**
 * A bounded least-recently-used map (SPEC house rule: bound every cache). `get` refreshes an
 * entry; `set` evicts the least recently used entries beyond `capacity`.
 */
export class LruCache<K, V> {
  readonly capacity: number
  readonly #map = new Map<K, V>()

  /** @throws {RangeError} unless `capacity` is a positive safe integer. */
  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError('LruCache: capacity must be a positive integer')
    }
    this.capacity = capacity
  }

  get size(): number {
    return this.#map.size
  }

  get(key: K): V | undefined {
    if (!this.#map.has(key)) return undefined
    const value = this.#map.get(key) as V
    // Map iteration order is insertion order: re-inserting makes this the most recent entry.
    this.#map.delete(key)
    this.#map.set(key, value)
    return value
  }

  /** The value without refreshing its recency. */
  peek(key: K): V | undefined {
    return this.#map.get(key)
  }

  has(key: K): boolean {
    return this.#map.has(key)
  }

  set(key: K, value: V): void {
    this.#map.delete(key)
    this.#map.set(key, value)
    while (this.#map.size > this.capacity) {
      const oldest = this.#map.keys().next()
      if (oldest.done) break
      this.#map.delete(oldest.value)
    }
  }

  delete(key: K): boolean {
    return this.#map.delete(key)
  }

  clear(): void {
    this.#map.clear()
  }
}
