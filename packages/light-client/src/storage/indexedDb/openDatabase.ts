import { type IDBPDatabase, type IDBPTransaction, type StoreNames, wrap } from 'idb'
import { StorageError, toStorageError } from '../errors.js'
import { STORAGE_SCHEMA_VERSION } from '../meta.js'
import type { LightClientDb, UpgradeTransaction } from './layout.js'
import { upgradeLayout } from './upgradeLayout.js'

/** Why an open database was closed by someone other than its owner. */
export type StorageCloseReason =
  /** Another connection (a newer tab, or a deleteDatabase) asked for a version change. */
  | 'VERSION_CHANGE'
  /** The browser closed the connection (storage cleared, disk error, eviction). */
  | 'TERMINATED'

export type OpenDatabaseParameters = {
  factory: IDBFactory
  name: string
  /** Called once if the connection is closed from outside; the connection is already closed. */
  onClose: (reason: StorageCloseReason) => void
  /** Headers per run row, for an upgrade that converts older rows. */
  rowSize: number
}

export type OpenDatabaseReturnType = {
  db: IDBPDatabase<LightClientDb>
  /** The version the database was upgraded from, when it existed at an older one. */
  upgradedFrom: number | undefined
}

/**
 * Opens (creating or upgrading) the database through `factory` with idb's promise wrappers — idb's
 * own `openDB` always uses the global `indexedDB`, which tests need to replace. Never hangs: when
 * another connection blocks the upgrade, the call rejects with STORAGE_BLOCKED at once (and the
 * connection that eventually opens is closed); a version change requested elsewhere closes this
 * connection so the other side can proceed.
 * @throws {StorageError} STORAGE_UNAVAILABLE, STORAGE_BLOCKED, STORAGE_NEWER_SCHEMA
 */
export function openDatabase({
  factory,
  name,
  onClose,
  rowSize,
}: OpenDatabaseParameters): Promise<OpenDatabaseReturnType> {
  let request: IDBOpenDBRequest
  try {
    request = factory.open(name, STORAGE_SCHEMA_VERSION)
  } catch (e) {
    return Promise.reject(toStorageError(e, 'open'))
  }
  let upgradedFrom: number | undefined
  request.addEventListener('upgradeneeded', (event) => {
    if (event.oldVersion > 0) upgradedFrom = event.oldVersion
    const db = wrap(request.result) as unknown as IDBPDatabase<LightClientDb>
    const raw = request.transaction!
    const tx = wrap(raw) as unknown as UpgradeTransaction
    tx.done.catch(noop) // an aborted upgrade is reported by the open request
    // A step that fails (a bug, a quota error while converting) aborts the whole upgrade: the
    // open then fails and the database stays at its old version, untouched.
    upgradeLayout(db, event.oldVersion, tx, rowSize).catch(() => {
      try {
        raw.abort()
      } catch {
        // Already finished or aborting: the open request reports the outcome.
      }
    })
  })
  const opened = wrap(request) as unknown as Promise<IDBPDatabase<LightClientDb>>
  return new Promise((resolve, reject) => {
    let settled = false
    request.addEventListener('blocked', () => {
      if (settled) return
      settled = true
      reject(
        new StorageError({
          code: 'STORAGE_BLOCKED',
          message: `open ${name}: another connection holds an older version open`,
          details: { operation: 'open', name },
        }),
      )
      // If the other side lets go later, the open completes: nobody is waiting for it any more.
      opened.then((db) => db.close(), noop)
    })
    opened.then(
      (db) => {
        if (settled) return
        settled = true
        watch(db, onClose)
        resolve({ db, upgradedFrom })
      },
      (e: unknown) => {
        if (settled) return
        settled = true
        reject(toStorageError(e, 'open'))
      },
    )
  })
}

function watch(db: IDBPDatabase<LightClientDb>, onClose: (r: StorageCloseReason) => void): void {
  let reported = false
  const report = (reason: StorageCloseReason) => {
    if (reported) return
    reported = true
    onClose(reason)
  }
  db.addEventListener('versionchange', () => {
    db.close()
    report('VERSION_CHANGE')
  })
  db.addEventListener('close', () => report('TERMINATED'))
}

function noop(): void {}

type Stores = StoreNames<LightClientDb>[]

/**
 * Runs `fn` in one readwrite transaction and waits for it to commit. Requests made through `add`
 * are awaited together; if `fn` or any request fails, the transaction is aborted, so nothing of
 * it is written. Rejects with the transaction's own error when it has one (a quota error surfaces
 * there).
 */
export async function inWriteTransaction(
  db: IDBPDatabase<LightClientDb>,
  stores: Stores,
  fn: (
    tx: IDBPTransaction<LightClientDb, Stores, 'readwrite'>,
    add: (request: Promise<unknown>) => void,
  ) => Promise<void> | void,
): Promise<void> {
  const tx = db.transaction(stores, 'readwrite')
  const pending: Promise<unknown>[] = []
  const add = (p: Promise<unknown>) => {
    p.catch(noop) // awaited below; this only keeps an aborted request from being "unhandled"
    pending.push(p)
  }
  add(tx.done)
  try {
    await fn(tx, add)
    await Promise.all(pending)
  } catch (e) {
    try {
      tx.abort()
    } catch {
      // Already committed or aborting: the abort's outcome is what `pending` reports.
    }
    await Promise.allSettled(pending)
    throw e instanceof StorageError ? e : (tx.error ?? e)
  }
}

/** Runs `fn` in one readonly transaction (a consistent snapshot of `stores`). */
export async function inReadTransaction<T>(
  db: IDBPDatabase<LightClientDb>,
  stores: Stores,
  fn: (tx: IDBPTransaction<LightClientDb, Stores, 'readonly'>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readonly')
  tx.done.catch(noop)
  return await fn(tx)
}
