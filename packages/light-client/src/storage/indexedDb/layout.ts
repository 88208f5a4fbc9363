import type { DBSchema, IDBPTransaction, StoreNames } from 'idb'
import type { HashRow, RunRow } from './headerRuns.js'

/**
 * The IndexedDB layout (schema version 3, `STORAGE_SCHEMA_VERSION`):
 *
 * - `headerRuns` — key: `start` (number, in-line). Value `RunRow`
 *   `{ start, count, headers, ends, works }`: the headers at heights `start .. start + count - 1`
 *   (a run of at most the store's row size, 500 by default), their canonical encodings back to
 *   back in `headers` (header i ends at `ends[i]`, a Uint32Array) and their cumulative works as
 *   comma-separated lowercase hex (strings clone everywhere; bigints did not always). Runs never
 *   overlap; only the verified main chain is stored, heights 0..tip contiguous. One row per run
 *   rather than per header: a write of 2,000 headers is a few rows, a restore a few reads.
 * - `headerHashes` — key: `start` (in-line), the same keys as `headerRuns`. Value `HashRow`
 *   `{ start, hashes }`: the run's 32-byte block hashes back to back. Apart from the runs so that
 *   the hash → height index (kept in memory, see hashIndex.ts) is rebuilt from 32 bytes per header.
 * - `meta` — key: name (string). `network` → network name, `genesisHash` → hex of the pinned
 *   genesis hash, `schemaVersion` → the layout version that last wrote the store,
 *   `headerGeneration` → a counter every header write increments in its own transaction (how a
 *   connection learns that another one changed the headers under its in-memory index).
 * - `wallet` — out-of-line string keys → opaque `Uint8Array` values (the `WalletStore`).
 *
 * History: v1 had `headers` (key `height`, one row `{ height, hash, header, work }` per header)
 * and `meta`; v2 added a unique `hash` index on `headers` and the `wallet` store; v3 replaced
 * `headers` by `headerRuns` and `headerHashes` (upgradeLayout.ts converts the rows).
 */
export interface LightClientDb extends DBSchema {
  headerRuns: { key: number; value: RunRow }
  headerHashes: { key: number; value: HashRow }
  meta: { key: string; value: string | number }
  wallet: { key: string; value: Uint8Array }
}

/** Every store, for transactions that touch several. */
export type Stores = StoreNames<LightClientDb>[]

/** The stores holding headers (and the generation counter in `meta`). */
export const HEADER_STORES: Stores = ['meta', 'headerRuns', 'headerHashes']

/** The `meta` key of the header generation counter. */
export const HEADER_GENERATION = 'headerGeneration'

/** The generation as stored; anything else (absent, damaged) reads as 0 for every connection alike. */
export function generationOf(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0
}

export type UpgradeTransaction = IDBPTransaction<LightClientDb, Stores, 'versionchange'>
