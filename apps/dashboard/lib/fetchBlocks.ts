/**
 * Fetches verified blocks a few at a time. A node serves a bounded number of streams per peer,
 * so asking for a hundred blocks at once fails; a small pool keeps the light client's requests
 * within that bound and still finishes a window in seconds.
 */

export type FetchBlocksParameters<K, B> = {
  keys: readonly K[]
  /** Fetches (and verifies) one block; a cached answer may come back at once. */
  getBlock: (key: K, signal: AbortSignal | undefined) => Promise<B>
  /** Requests in flight at most. Default 4. */
  concurrency?: number
  signal?: AbortSignal
  /** Called after each block with the number done. */
  onProgress?: (done: number, total: number) => void
}

/**
 * The blocks of `keys`, in the same order. The first failure rejects (the rest are not started).
 * @throws {RangeError} when concurrency is not a positive integer; whatever getBlock throws.
 * @example await fetchBlocks({ keys: hashes, getBlock: (hash, signal) => client.getBlock({ hash, signal }) })
 */
export async function fetchBlocks<K, B>(p: FetchBlocksParameters<K, B>): Promise<B[]> {
  const { keys, getBlock, concurrency = 4, signal, onProgress } = p
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be ≥ 1, got ${concurrency}`)
  const out = new Array<B>(keys.length)
  let next = 0
  let done = 0
  let failed = false
  const worker = async () => {
    while (next < keys.length && !failed) {
      signal?.throwIfAborted()
      const index = next++
      try {
        out[index] = await getBlock(keys[index]!, signal)
      } catch (e) {
        failed = true
        throw e
      }
      done++
      onProgress?.(done, keys.length)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker))
  return out
}
