import type { IDBPDatabase, IDBPTransaction } from 'idb'
import { packRuns, type RunEntry } from './headerRuns.js'
import type { LightClientDb, UpgradeTransaction } from './layout.js'

/** The v1/v2 header row (one per height), read only to convert it. */
type LegacyRow = { height: number; hash: Uint8Array; header: Uint8Array; work: string }

const LEGACY_WORK = /^[0-9a-f]{1,128}$/

function legacyEntry(row: unknown, height: number): RunEntry | undefined {
  const r = row as Partial<LegacyRow> | null
  const ok =
    typeof r === 'object' &&
    r !== null &&
    r.height === height &&
    r.hash instanceof Uint8Array &&
    r.hash.length === 32 &&
    r.header instanceof Uint8Array &&
    typeof r.work === 'string' &&
    LEGACY_WORK.test(r.work)
  return ok
    ? { hash: r.hash as Uint8Array, header: r.header as Uint8Array, work: r.work! }
    : undefined
}

/**
 * Brings a database at `oldVersion` (0 when new) up to the current layout inside the
 * versionchange transaction — every older layout has its step here. Resolves when the step's
 * requests are queued and done; a rejection must abort the transaction (openDatabase does).
 */
export async function upgradeLayout(
  db: IDBPDatabase<LightClientDb>,
  oldVersion: number,
  tx: UpgradeTransaction,
  rowSize: number,
): Promise<void> {
  if (oldVersion < 1) db.createObjectStore('meta')
  if (oldVersion < 2) db.createObjectStore('wallet')
  if (oldVersion < 3) {
    db.createObjectStore('headerRuns', { keyPath: 'start' })
    db.createObjectStore('headerHashes', { keyPath: 'start' })
    // v1 → v2 used to index `headers` by hash; that store is converted here instead.
    if (oldVersion >= 1) await convertLegacyHeaders(db, tx, rowSize)
  }
}

/**
 * Moves the v1/v2 `headers` rows into runs, in height order from 0, and deletes the old store.
 * Conversion stops at the first missing or malformed row: what follows is dropped, not carried
 * over — restore re-checks every header anyway and syncs the rest again, so no damaged row
 * survives the upgrade and none makes it fail. Reads `rowSize` rows at a time (bounded memory).
 */
async function convertLegacyHeaders(
  db: IDBPDatabase<LightClientDb>,
  tx: UpgradeTransaction,
  rowSize: number,
): Promise<void> {
  const legacy = (
    tx as unknown as IDBPTransaction<unknown, ['headers'], 'versionchange'>
  ).objectStore('headers')
  const runs = tx.objectStore('headerRuns')
  const hashes = tx.objectStore('headerHashes')
  for (let height = 0; ; ) {
    const rows: unknown[] = await legacy.getAll(IDBKeyRange.lowerBound(height), rowSize)
    const entries: RunEntry[] = []
    for (const row of rows) {
      const entry = legacyEntry(row, height + entries.length)
      if (entry === undefined) break
      entries.push(entry)
    }
    for (const r of packRuns(height, entries, rowSize)) {
      await runs.put(r.run)
      await hashes.put(r.hashes)
    }
    height += entries.length
    if (entries.length < rowSize || entries.length < rows.length) break
  }
  ;(db as unknown as IDBPDatabase).deleteObjectStore('headers')
}
