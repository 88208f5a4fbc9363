import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb'
import { StorageError } from '../errors.js'
import type { StoredHeader } from '../types.js'

/**
 * The IndexedDB layout (schema version 2, `STORAGE_SCHEMA_VERSION`):
 *
 * - `headers` — key: `height` (number, in-line). Value `HeaderRow`: `{ height, hash, header, work }`
 *   where `hash` is the 32-byte block hash, `header` the canonical encoding and `work` the
 *   cumulative work as lowercase hex (a string rather than a bigint: every engine clones strings).
 *   Index `hash` (unique) on the block hash bytes. Only the verified main chain, heights 0..tip
 *   contiguous.
 * - `meta` — key: name (string). `network` → network name, `genesisHash` → hex of the pinned
 *   genesis hash, `schemaVersion` → the layout version that last wrote the store.
 * - `wallet` — out-of-line string keys → opaque `Uint8Array` values (the `WalletStore`).
 *
 * History: v1 had `headers` (no `hash` index) and `meta`; v2 added the `hash` index and `wallet`.
 */
export interface LightClientDb extends DBSchema {
  headers: { key: number; value: HeaderRow; indexes: { hash: Uint8Array<ArrayBuffer> } }
  meta: { key: string; value: string | number }
  wallet: { key: string; value: Uint8Array }
}

export type HeaderRow = { height: number; hash: Uint8Array; header: Uint8Array; work: string }

export type UpgradeTransaction = IDBPTransaction<
  LightClientDb,
  StoreNames<LightClientDb>[],
  'versionchange'
>

/**
 * Brings a database at `oldVersion` (0 when new) up to the current layout, one version step at a
 * time, inside the versionchange transaction — every older layout has its step here.
 */
export function upgradeLayout(
  db: IDBPDatabase<LightClientDb>,
  oldVersion: number,
  tx: UpgradeTransaction,
): void {
  if (oldVersion < 1) {
    db.createObjectStore('headers', { keyPath: 'height' })
    db.createObjectStore('meta')
  }
  if (oldVersion < 2) {
    // Indexes existing v1 rows too: createIndex runs over the store's current records.
    tx.objectStore('headers').createIndex('hash', 'hash', { unique: true })
    db.createObjectStore('wallet')
  }
}

/** The row written for a header: compact copies, so no caller buffer is cloned whole. */
export function toHeaderRow(h: StoredHeader): HeaderRow {
  return {
    height: h.height,
    hash: h.hash.slice(),
    header: h.header.slice(),
    work: h.cumulativeWork.toString(16),
  }
}

const WORK_HEX = /^[0-9a-f]{1,128}$/

/** @throws {StorageError} STORAGE_CORRUPT when a row is not what `toHeaderRow` writes. */
export function fromHeaderRow(row: unknown, operation: string): StoredHeader {
  const r = row as Partial<HeaderRow> | null
  const ok =
    typeof r === 'object' &&
    r !== null &&
    Number.isSafeInteger(r.height) &&
    r.hash instanceof Uint8Array &&
    r.header instanceof Uint8Array &&
    typeof r.work === 'string' &&
    WORK_HEX.test(r.work)
  if (!ok)
    throw new StorageError({
      code: 'STORAGE_CORRUPT',
      message: `${operation}: a header row has an unexpected shape`,
      details: { operation, height: typeof r?.height === 'number' ? r.height : undefined },
    })
  return {
    height: r.height as number,
    hash: r.hash as Uint8Array,
    header: r.header as Uint8Array,
    cumulativeWork: BigInt(`0x${r.work as string}`),
  }
}
