import type { ChainParams } from '@supernova/protocol'
import type { IDBPDatabase, IDBPTransaction } from 'idb'
import { closedError, StorageError, toStorageError } from '../errors.js'
import { storageMetaFor } from '../meta.js'
import type {
  LightClientStorage,
  OnNetworkMismatch,
  StorageOpenReport,
  WalletStore,
} from '../types.js'
import {
  assertHash,
  assertHeight,
  assertRange,
  assertReplaceHeaders,
  assertWalletKey,
  assertWalletValue,
} from '../validate.js'
import { bindMeta } from './bindMeta.js'
import { HashIndex } from './hashIndex.js'
import { MAX_ROW_HEADERS, runRecord } from './headerRuns.js'
import {
  clearRuns,
  findByHash,
  type ReplaceOutcome,
  readRange,
  readTip,
  replaceRuns,
  runAt,
} from './headerTx.js'
import { HEADER_STORES, type LightClientDb, type Stores } from './layout.js'
import {
  inReadTransaction,
  inWriteTransaction,
  openDatabase,
  type StorageCloseReason,
} from './openDatabase.js'

export type OpenIndexedDbStorageParameters = {
  /** Database name; one per network is the natural choice, e.g. `supernova-devnet`. */
  name: string
  /** The network the store is bound to. */
  params: ChainParams
  /** The IndexedDB factory; defaults to `globalThis.indexedDB` (tests pass fake-indexeddb's). */
  indexedDB?: IDBFactory
  /**
   * An existing store of another network or genesis is cleared (`'reset'`, the default, reported
   * in `opened`) or refused with STORAGE_WRONG_NETWORK, untouched (`'throw'`), e.g. to let the
   * user export a keystore first.
   */
  onNetworkMismatch?: OnNetworkMismatch
  /** Told when the connection is closed from outside (another tab upgrading, the browser). */
  onClose?: (reason: StorageCloseReason) => void
  /**
   * Headers per stored row (a run of consecutive heights; see `indexedDb/layout.ts`). Default
   * 500. Rows already stored keep their size: any size reads back alike.
   */
  rowSize?: number
}

/**
 * Default headers per row (about 128 KB): a 2,000-header sync batch is four or five rows, and a
 * single new head rewrites at most one partly filled row.
 */
export const HEADER_ROW_SIZE = 500

type Connection = { db: IDBPDatabase<LightClientDb>; closed: string | undefined }

/**
 * Opens the light client's store in IndexedDB through `idb`: creates or upgrades the versioned
 * layout (`indexedDb/layout.ts`), then checks it belongs to `params`' network and genesis. Every
 * write is one transaction; failures reject with a typed `StorageError` and change nothing.
 * In Node, IndexedDB's globals (`IDBRequest`, `IDBKeyRange`, …) must exist for idb — tests
 * install them with `fake-indexeddb/auto` and pass a fresh `IDBFactory`.
 * @throws {StorageError} STORAGE_UNAVAILABLE, STORAGE_BLOCKED, STORAGE_NEWER_SCHEMA, STORAGE_WRONG_NETWORK, STORAGE_FULL
 * @example
 * const storage = await openIndexedDbStorage({ name: 'supernova-devnet', params: DEVNET })
 * if (storage.opened.status === 'reset') showNotice(storage.opened.reason)
 */
export async function openIndexedDbStorage({
  name,
  params,
  indexedDB = globalThis.indexedDB,
  onNetworkMismatch = 'reset',
  onClose,
  rowSize = HEADER_ROW_SIZE,
}: OpenIndexedDbStorageParameters): Promise<LightClientStorage> {
  if (!Number.isSafeInteger(rowSize) || rowSize < 1 || rowSize > MAX_ROW_HEADERS)
    throw new RangeError(`rowSize must be an integer in [1, ${MAX_ROW_HEADERS}]: ${rowSize}`)
  if (indexedDB === undefined || typeof IDBKeyRange === 'undefined')
    throw new StorageError({
      code: 'STORAGE_UNAVAILABLE',
      message: 'IndexedDB is not available in this environment',
      details: { operation: 'open', name },
    })
  const meta = storageMetaFor(params)
  const state: { closed: string | undefined } = { closed: undefined }
  const { db, upgradedFrom } = await openDatabase({
    factory: indexedDB,
    name,
    rowSize,
    onClose: (reason) => {
      state.closed =
        reason === 'VERSION_CHANGE' ? 'another connection upgraded it' : 'the browser closed it'
      onClose?.(reason)
    },
  })
  const c: Connection = Object.assign(state, { db })
  let report: StorageOpenReport
  try {
    report = await bindMeta({ db, meta, onNetworkMismatch, upgradedFrom })
  } catch (e) {
    db.close()
    throw toStorageError(e, 'open')
  }
  return createIndexedDbStorage(c, meta, report, rowSize)
}

function createIndexedDbStorage(
  c: Connection,
  meta: LightClientStorage['meta'],
  opened: StorageOpenReport,
  rowSize: number,
): LightClientStorage {
  const run = async <T>(operation: string, fn: (db: IDBPDatabase<LightClientDb>) => Promise<T>) => {
    if (c.closed !== undefined) throw closedError(operation, c.closed)
    try {
      return await fn(c.db)
    } catch (e) {
      throw toStorageError(e, operation)
    }
  }
  const index = new HashIndex()
  const read = <T>(operation: string, fn: (tx: ReadTx) => Promise<T>) =>
    run(operation, (db) => inReadTransaction(db, HEADER_STORES, fn))
  return {
    meta,
    opened,
    getHeader: async (height) => {
      assertHeight(height)
      return read('getHeader', async (tx) => {
        const found = await runAt(tx, height, 'getHeader')
        return found === undefined ? undefined : runRecord(found, height)
      })
    },
    getHeaderByHash: async (hash) => {
      assertHash(hash)
      return read('getHeaderByHash', (tx) => findByHash(tx, index, hash, 'getHeaderByHash'))
    },
    getHeaders: async (range) => {
      assertRange(range)
      if (range.count === 0) return run('getHeaders', async () => [])
      return read('getHeaders', (tx) => readRange(tx, range.from, range.count, 'getHeaders'))
    },
    getTip: () => read('getTip', (tx) => readTip(tx, 'getTip')),
    replaceHeaders: async (p) => {
      assertReplaceHeaders(p)
      let outcome: ReplaceOutcome | undefined
      await run('replaceHeaders', (db) =>
        inWriteTransaction(db, HEADER_STORES, async (tx, add) => {
          outcome = await replaceRuns(tx, add, index, p, rowSize)
        }),
      )
      // Committed: the in-memory index follows (or is dropped if it had fallen behind).
      if (outcome !== undefined) index.replaced(outcome.generation, p.height, outcome.rows)
    },
    clearHeaders: () => clearHeaders(run, index, []),
    wallet: indexedDbWallet(run),
    clear: () => clearHeaders(run, index, ['wallet']),
    close: async () => {
      if (c.closed !== undefined) return
      c.closed = 'close() was called'
      c.db.close()
    },
  }
}

type ReadTx = IDBPTransaction<LightClientDb, Stores, 'readonly'>

/** Removes every header (and the wallet's records with `also: ['wallet']`) in one transaction. */
async function clearHeaders(run: Run, index: HashIndex, also: Stores): Promise<void> {
  const operation = also.length === 0 ? 'clearHeaders' : 'clear'
  let generation: number | undefined
  await run(operation, (db) =>
    inWriteTransaction(db, [...HEADER_STORES, ...also], async (tx, add) => {
      generation = await clearRuns(tx, add)
      for (const store of also) add(tx.objectStore(store).clear())
    }),
  )
  if (generation !== undefined) index.replaced(generation - 1, 0, [])
}

type Run = <T>(operation: string, fn: (db: IDBPDatabase<LightClientDb>) => Promise<T>) => Promise<T>

function indexedDbWallet(run: Run): WalletStore {
  return {
    get: async (key) => {
      assertWalletKey(key)
      return run('wallet.get', async (db) => {
        const v: unknown = await db.get('wallet', key)
        if (v !== undefined && !(v instanceof Uint8Array)) throw corrupt('wallet.get')
        return v
      })
    },
    put: async (key, value) => {
      assertWalletKey(key)
      assertWalletValue(value)
      return run('wallet.put', (db) =>
        inWriteTransaction(db, ['wallet'], (tx, add) =>
          add(tx.objectStore('wallet').put(value.slice(), key)),
        ),
      )
    },
    delete: async (key) => {
      assertWalletKey(key)
      return run('wallet.delete', (db) =>
        inWriteTransaction(db, ['wallet'], (tx, add) => add(tx.objectStore('wallet').delete(key))),
      )
    },
    keys: () =>
      run('wallet.keys', async (db) => {
        const keys: unknown[] = await db.getAllKeys('wallet')
        if (!keys.every((k) => typeof k === 'string')) throw corrupt('wallet.keys')
        return keys as string[]
      }),
  }
}

function corrupt(operation: string): StorageError {
  return new StorageError({
    code: 'STORAGE_CORRUPT',
    message: `${operation}: a wallet record has an unexpected shape`,
    details: { operation },
  })
}
