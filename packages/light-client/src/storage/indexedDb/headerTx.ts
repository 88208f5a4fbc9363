import { equalBytes, toHex } from '@supernova/protocol'
import type { IDBPTransaction } from 'idb'
import { StorageError } from '../errors.js'
import type { ReplaceHeadersParameters, StoredHeader } from '../types.js'
import {
  BatchHashes,
  candidates,
  candidatesBelow,
  type HashIndex,
  type IndexSnapshot,
  prefixesOf,
} from './hashIndex.js'
import {
  type HashRow,
  MAX_ROW_HEADERS,
  packRuns,
  type Run,
  readRun,
  recordEntry,
  runEntries,
  runRecord,
} from './headerRuns.js'
import { generationOf, HEADER_GENERATION, type LightClientDb, type Stores } from './layout.js'

type Tx = IDBPTransaction<LightClientDb, Stores, 'readonly' | 'readwrite'>
type WriteTx = IDBPTransaction<LightClientDb, Stores, 'readwrite'>

/** Hash rows read per request while rebuilding the hash index (about 2 MB at the default size). */
const INDEX_PAGE = 64

/** The run holding `height`, if any. */
export async function runAt(tx: Tx, height: number, operation: string): Promise<Run | undefined> {
  const cursor = await tx
    .objectStore('headerRuns')
    .openCursor(IDBKeyRange.upperBound(height), 'prev')
  if (cursor === null) return undefined
  const hashRow = await tx.objectStore('headerHashes').get(cursor.key)
  const run = readRun(cursor.value, hashRow, operation)
  return height < run.start + run.count ? run : undefined
}

/** The stored headers with heights in `[from, from + count)`, ascending (gaps left out). */
export async function readRange(
  tx: Tx,
  from: number,
  count: number,
  operation: string,
): Promise<StoredHeader[]> {
  const last = from + count - 1
  const below = await tx
    .objectStore('headerRuns')
    .openKeyCursor(IDBKeyRange.upperBound(from), 'prev')
  const range = IDBKeyRange.bound(below?.key ?? from, last)
  const [rows, hashRows] = await Promise.all([
    tx.objectStore('headerRuns').getAll(range),
    tx.objectStore('headerHashes').getAll(range),
  ])
  // Paired by start: a hash row whose run is gone is ignored, a run without its hashes is corrupt.
  const hashesByStart = new Map<unknown, unknown>(hashRows.map((h) => [h?.start, h]))
  const out: StoredHeader[] = []
  let end = 0
  rows.forEach((row) => {
    const start = (row as { start?: unknown } | null)?.start
    const run = readRun(row, hashesByStart.get(start), operation)
    if (run.start < end) throw overlap(operation, run.start)
    end = run.start + run.count
    for (let h = Math.max(from, run.start); h < Math.min(last + 1, end); h++)
      out.push(runRecord(run, h))
  })
  return out
}

/** The highest stored header, if any. */
export async function readTip(tx: Tx, operation: string): Promise<StoredHeader | undefined> {
  const cursor = await tx.objectStore('headerRuns').openCursor(null, 'prev')
  if (cursor === null) return undefined
  const run = readRun(cursor.value, await tx.objectStore('headerHashes').get(cursor.key), operation)
  return runRecord(run, run.start + run.count - 1)
}

/** The stored generation counter (see layout.ts). */
export async function readGeneration(tx: Tx): Promise<number> {
  return generationOf(await tx.objectStore('meta').get(HEADER_GENERATION))
}

/** The index of the store at `generation`: the one held, or one rebuilt from the hash rows. */
export async function indexAt(
  tx: Tx,
  index: HashIndex,
  generation: number,
): Promise<IndexSnapshot> {
  const held = index.at(generation)
  if (held !== undefined) return held
  const runs = new Map<number, Uint32Array>()
  const hashes = tx.objectStore('headerHashes')
  for (let next = 0; ; ) {
    const rows: unknown[] = await hashes.getAll(IDBKeyRange.lowerBound(next), INDEX_PAGE)
    for (const row of rows) {
      if (!isHashRow(row)) throw corruptHashes((row as { start?: unknown } | null)?.start)
      runs.set(row.start, prefixesOf(row.hashes))
      next = row.start + 1
    }
    if (rows.length < INDEX_PAGE) break
  }
  const snapshot = { generation, runs }
  index.set(snapshot)
  return snapshot
}

/** The stored header whose block hash is `hash`, if any. */
export async function findByHash(
  tx: Tx,
  index: HashIndex,
  hash: Uint8Array,
  operation: string,
): Promise<StoredHeader | undefined> {
  const snapshot = await indexAt(tx, index, await readGeneration(tx))
  for (const height of candidates(snapshot, hash)) {
    // The whole run is read and checked (not only its hashes): a damaged row is reported.
    const run = await runAt(tx, height, operation)
    if (run !== undefined && equalBytes(hashIn(run, height), hash)) return runRecord(run, height)
  }
  return undefined
}

/** The hash row covering `height`, if any (its run row is not read). */
async function hashRowAt(tx: Tx, height: number): Promise<HashRow | undefined> {
  const cursor = await tx
    .objectStore('headerHashes')
    .openCursor(IDBKeyRange.upperBound(height), 'prev')
  const row: unknown = cursor?.value
  if (row === undefined) return undefined
  if (!isHashRow(row)) throw corruptHashes((row as { start?: unknown } | null)?.start)
  return height < row.start + row.hashes.length / 32 ? row : undefined
}

/** The 32-byte hash at `height` in `row` (which covers it). */
function hashIn(row: { start: number; hashes: Uint8Array }, height: number): Uint8Array {
  const at = 32 * (height - row.start)
  return row.hashes.subarray(at, at + 32)
}

function isHashRow(row: unknown): row is HashRow {
  const r = row as Partial<HashRow> | null | undefined
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isSafeInteger(r.start) &&
    r.hashes instanceof Uint8Array &&
    r.hashes.length % 32 === 0
  )
}

/** What a committed replace changed, for `HashIndex.replaced`. */
export type ReplaceOutcome = { generation: number; rows: HashRow[] }

/**
 * The body of `replaceHeaders`: checks the parent and that no block hash repeats, then deletes
 * every run from `height` up and writes the new rows — the kept part of the run below `height`
 * topped up with the new headers (at most `rowSize` per row), then full rows — and bumps the
 * generation. Requests go through `add`; nothing is written if anything throws.
 * @throws {StorageError} STORAGE_CONFLICT, STORAGE_CORRUPT
 */
export async function replaceRuns(
  tx: WriteTx,
  add: (request: Promise<unknown>) => void,
  index: HashIndex,
  p: ReplaceHeadersParameters,
  rowSize: number,
): Promise<ReplaceOutcome> {
  const operation = 'replaceHeaders'
  const generation = await readGeneration(tx)
  const h = p.height
  const head = h > 0 ? await runAt(tx, h - 1, operation) : undefined
  if (p.parentHash !== undefined) {
    if (head === undefined || !equalBytes(hashIn(head, h - 1), p.parentHash))
      throw conflict(`the stored header at ${h - 1} is not the given parent`, h)
  }
  await assertUnique(tx, index, generation, head, p)
  const rows = newRows(head, p, rowSize)
  const runs = tx.objectStore('headerRuns')
  const hashes = tx.objectStore('headerHashes')
  add(runs.delete(IDBKeyRange.lowerBound(h)))
  add(hashes.delete(IDBKeyRange.lowerBound(h)))
  for (const r of rows) {
    add(runs.put(r.run))
    add(hashes.put(r.hashes))
  }
  add(tx.objectStore('meta').put(generation + 1, HEADER_GENERATION))
  return { generation, rows: rows.map((r) => r.hashes) }
}

/** The rows a replace writes: the run below `height` (kept part, topped up) and new ones. */
function newRows(head: Run | undefined, p: ReplaceHeadersParameters, rowSize: number) {
  const entries = p.headers.map(recordEntry)
  if (head === undefined) return packRuns(p.height, entries, rowSize)
  const keep = p.height - head.start
  if (keep < rowSize && entries.length > 0)
    return packRuns(head.start, [...runEntries(head, keep), ...entries], rowSize)
  // A run kept whole stays as it is; one cut short is rewritten (even if longer than rowSize,
  // which a store written with a larger row size may hold).
  const cut = head.count > keep ? packRuns(head.start, runEntries(head, keep), MAX_ROW_HEADERS) : []
  return [...cut, ...packRuns(p.height, entries, rowSize)]
}

/** Refuses a block hash twice in the batch, or one already stored below `height`. */
async function assertUnique(
  tx: Tx,
  index: HashIndex,
  generation: number,
  head: Run | undefined,
  p: ReplaceHeadersParameters,
): Promise<void> {
  const batch = new BatchHashes()
  for (const rec of p.headers)
    if (batch.addIfNew(rec.hash) === false)
      throw conflict(`block hash ${toHex(rec.hash)} appears twice`, rec.height)
  if (p.height === 0 || p.headers.length === 0) return
  const snapshot = await indexAt(tx, index, generation)
  for (const height of candidatesBelow(snapshot, batch.prefixes(), p.height)) {
    const row = head !== undefined && height >= head.start ? head : await hashRowAt(tx, height)
    if (row === undefined) continue
    const stored = hashIn(row, height)
    if (batch.has(stored))
      throw conflict(`block hash ${toHex(stored)} is already stored at ${height}`, height)
  }
}

/** The body of `clearHeaders` (and of `clear` for the headers): everything goes, the generation moves. */
export async function clearRuns(
  tx: WriteTx,
  add: (request: Promise<unknown>) => void,
): Promise<number> {
  const generation = await readGeneration(tx)
  add(tx.objectStore('headerRuns').clear())
  add(tx.objectStore('headerHashes').clear())
  add(tx.objectStore('meta').put(generation + 1, HEADER_GENERATION))
  return generation + 1
}

function conflict(why: string, height: number): StorageError {
  return new StorageError({
    code: 'STORAGE_CONFLICT',
    message: `replaceHeaders: ${why}`,
    details: { operation: 'replaceHeaders', height },
  })
}

function overlap(operation: string, height: number): StorageError {
  return new StorageError({
    code: 'STORAGE_CORRUPT',
    message: `${operation}: the header run at ${height} overlaps the one below`,
    details: { operation, height },
  })
}

function corruptHashes(start: unknown): StorageError {
  return new StorageError({
    code: 'STORAGE_CORRUPT',
    message: `a header hash row (${String(start)}) has an unexpected shape`,
    details: { operation: 'hashIndex', height: typeof start === 'number' ? start : undefined },
  })
}
