import { type ChainParams, equalBytes } from '@supernova/protocol'
import type { IDBPDatabase } from 'idb'
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
import { fromHeaderRow, type LightClientDb, toHeaderRow } from './layout.js'
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
}

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
}: OpenIndexedDbStorageParameters): Promise<LightClientStorage> {
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
  return createIndexedDbStorage(c, meta, report)
}

function createIndexedDbStorage(
  c: Connection,
  meta: LightClientStorage['meta'],
  opened: StorageOpenReport,
): LightClientStorage {
  const run = async <T>(operation: string, fn: (db: IDBPDatabase<LightClientDb>) => Promise<T>) => {
    if (c.closed !== undefined) throw closedError(operation, c.closed)
    try {
      return await fn(c.db)
    } catch (e) {
      throw toStorageError(e, operation)
    }
  }
  const readOne = (operation: string, row: unknown) =>
    row === undefined ? undefined : fromHeaderRow(row, operation)
  return {
    meta,
    opened,
    getHeader: async (height) => {
      assertHeight(height)
      return run('getHeader', async (db) => readOne('getHeader', await db.get('headers', height)))
    },
    getHeaderByHash: async (hash) => {
      assertHash(hash)
      return run('getHeaderByHash', async (db) =>
        readOne('getHeaderByHash', await db.getFromIndex('headers', 'hash', hash.slice())),
      )
    },
    getHeaders: async (range) => {
      assertRange(range)
      if (range.count === 0) return run('getHeaders', async () => [])
      const keys = IDBKeyRange.bound(range.from, range.from + range.count - 1)
      return run('getHeaders', async (db) =>
        (await db.getAll('headers', keys)).map((r) => fromHeaderRow(r, 'getHeaders')),
      )
    },
    getTip: () =>
      run('getTip', (db) =>
        inReadTransaction(db, ['headers'], async (tx) => {
          const cursor = await tx.objectStore('headers').openCursor(null, 'prev')
          return readOne('getTip', cursor?.value)
        }),
      ),
    replaceHeaders: async (p) => {
      assertReplaceHeaders(p)
      return run('replaceHeaders', (db) =>
        inWriteTransaction(db, ['headers'], async (tx, add) => {
          const store = tx.objectStore('headers')
          if (p.parentHash !== undefined) {
            const parent = readOne('replaceHeaders', await store.get(p.height - 1))
            if (parent === undefined || !equalBytes(parent.hash, p.parentHash))
              throw new StorageError({
                code: 'STORAGE_CONFLICT',
                message: `replaceHeaders: the stored header at ${p.height - 1} is not the given parent`,
                details: { operation: 'replaceHeaders', height: p.height },
              })
          }
          add(store.delete(IDBKeyRange.lowerBound(p.height)))
          for (const h of p.headers) add(store.put(toHeaderRow(h)))
        }),
      )
    },
    clearHeaders: () =>
      run('clearHeaders', (db) =>
        inWriteTransaction(db, ['headers'], (tx, add) => add(tx.objectStore('headers').clear())),
      ),
    wallet: indexedDbWallet(run),
    clear: () =>
      run('clear', (db) =>
        inWriteTransaction(db, ['headers', 'wallet'], (tx, add) => {
          add(tx.objectStore('headers').clear())
          add(tx.objectStore('wallet').clear())
        }),
      ),
    close: async () => {
      if (c.closed !== undefined) return
      c.closed = 'close() was called'
      c.db.close()
    },
  }
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
