import { compareBytes, toHex } from '@supernova/protocol'
import { type BatchOp, type KeyRange, type KeyValueStore, StoreError } from './store.js'

/**
 * A store in memory: for tests and tools. Same semantics as LevelDB (atomic batches, byte-ordered
 * iteration over a snapshot), no persistence.
 */
export function createMemoryStore(): KeyValueStore {
  const data = new Map<string, [Uint8Array, Uint8Array]>()
  let closed = false
  const check = () => {
    if (closed) throw new StoreError({ code: 'STORE_CLOSED', message: 'the store is closed' })
  }
  return {
    async get(key) {
      check()
      return data.get(toHex(key))?.[1].slice()
    },
    async getMany(keys) {
      check()
      return keys.map((k) => data.get(toHex(k))?.[1].slice())
    },
    async batch(ops: readonly BatchOp[]) {
      check()
      for (const op of ops) {
        if (op.type === 'put') data.set(toHex(op.key), [op.key.slice(), op.value.slice()])
        else data.delete(toHex(op.key))
      }
    },
    async *entries(range: KeyRange) {
      check()
      const rows = [...data.values()]
        .filter(([k]) => compareBytes(k, range.gte) >= 0 && compareBytes(k, range.lt) < 0)
        .sort((a, b) => compareBytes(a[0], b[0]))
      if (range.reverse) rows.reverse()
      const limit = range.limit ?? Number.POSITIVE_INFINITY
      let n = 0
      for (const [k, v] of rows) {
        if (n++ >= limit) return
        yield [k.slice(), v.slice()] as [Uint8Array, Uint8Array]
      }
    },
    async approximateSize() {
      return 0
    },
    async close() {
      closed = true
    },
  }
}
