import { ClassicLevel } from 'classic-level'
import { type BatchOp, type KeyRange, type KeyValueStore, StoreError } from './store.js'

function wrap(e: unknown, message: string): StoreError {
  // The cause chain first: classic-level reports a lock as NOT_OPEN with a LOCKED cause.
  const codes: string[] = []
  for (
    let x: unknown = e;
    x && typeof x === 'object' && codes.length < 5;
    x = (x as { cause?: unknown }).cause
  ) {
    const c = (x as { code?: unknown }).code
    if (typeof c === 'string') codes.push(c)
  }
  if (codes.includes('LEVEL_LOCKED')) {
    return new StoreError({
      code: 'STORE_LOCKED',
      message: `${message}: the database is in use by another process`,
      cause: e,
    })
  }
  if (codes.includes('LEVEL_CORRUPTION'))
    return new StoreError({ code: 'STORE_CORRUPT', message, cause: e })
  if (codes[0] === 'LEVEL_DATABASE_NOT_OPEN')
    return new StoreError({ code: 'STORE_CLOSED', message, cause: e })
  return new StoreError({ code: 'STORE_IO', message, cause: e })
}

function view(b: Uint8Array): Uint8Array {
  // classic-level returns Buffers; hand out plain Uint8Array views (no copy).
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
}

/**
 * A LevelDB store (classic-level). Batches are LevelDB write batches: atomic across crashes.
 * @throws {StoreError} STORE_LOCKED when another process holds the database, STORE_OPEN_FAILED otherwise.
 */
export async function openLevelStore(path: string): Promise<KeyValueStore> {
  const db = new ClassicLevel<Uint8Array, Uint8Array>(path, {
    keyEncoding: 'view',
    valueEncoding: 'view',
  })
  try {
    await db.open()
  } catch (e) {
    const err = wrap(e, `cannot open the database at ${path}`)
    throw err.code === 'STORE_IO' || err.code === 'STORE_CLOSED'
      ? new StoreError({ code: 'STORE_OPEN_FAILED', message: err.message, cause: e })
      : err
  }
  return {
    async get(key) {
      try {
        const v = await db.get(key)
        return v === undefined ? undefined : view(v)
      } catch (e) {
        throw wrap(e, 'get failed')
      }
    },
    async getMany(keys) {
      if (keys.length === 0) return []
      try {
        return (await db.getMany(keys as Uint8Array[])).map((v) =>
          v === undefined ? undefined : view(v),
        )
      } catch (e) {
        throw wrap(e, 'getMany failed')
      }
    },
    async batch(ops: readonly BatchOp[]) {
      if (ops.length === 0) return
      // A chained batch: each operation goes into LevelDB's write batch as it is added. The array
      // form copies every operation in JS and has the binding read each object back, which costs
      // the main thread about twice as much per operation.
      let b: ReturnType<typeof db.batch> | undefined
      try {
        b = db.batch() // throws at once on a closed database
        for (const op of ops) {
          if (op.type === 'put') b.put(op.key, op.value)
          else b.del(op.key)
        }
      } catch (e) {
        await b?.close().catch(() => undefined)
        throw wrap(e, 'batch write failed')
      }
      try {
        await b.write()
      } catch (e) {
        throw wrap(e, 'batch write failed')
      }
    },
    async *entries(range: KeyRange) {
      const it = db.iterator({
        gte: range.gte,
        lt: range.lt,
        reverse: range.reverse ?? false,
        limit: range.limit ?? -1,
      })
      try {
        for await (const [k, v] of it) yield [view(k), view(v)] as [Uint8Array, Uint8Array]
      } catch (e) {
        throw wrap(e, 'iteration failed')
      } finally {
        await it.close()
      }
    },
    async approximateSize(range: KeyRange) {
      try {
        return await db.approximateSize(range.gte, range.lt)
      } catch (e) {
        throw wrap(e, 'approximateSize failed')
      }
    },
    async close() {
      await db.close()
    },
  }
}
