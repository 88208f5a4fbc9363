import { StorageError } from '../errors.js'
import type { StoredHeader } from '../types.js'
import { MAX_HEADER_VALUE_BYTES } from '../validate.js'

/**
 * A run of consecutive headers as one `headerRuns` row (see layout.ts): heights
 * `start .. start + count - 1`, their encodings back to back in `headers` (header i ends at
 * `ends[i]`) and their cumulative works as comma-separated lowercase hex.
 */
export type RunRow = {
  start: number
  count: number
  headers: Uint8Array
  ends: Uint32Array
  works: string
}

/** The block hashes of a run, 32 bytes each in height order: its `headerHashes` row. */
export type HashRow = { start: number; hashes: Uint8Array }

/** A run read back and checked: rows and their hashes together, works split. */
export type Run = {
  start: number
  count: number
  headers: Uint8Array
  ends: Uint32Array
  works: string[]
  hashes: Uint8Array
}

/** One header of a run on its way into a row. */
export type RunEntry = { hash: Uint8Array; header: Uint8Array; work: string }

/** Most headers a row may hold, whatever the configured row size: bounds what a read allocates. */
export const MAX_ROW_HEADERS = 10_000

const WORKS = /^[0-9a-f]{1,128}(?:,[0-9a-f]{1,128})*$/

function shapeError(operation: string, start: unknown, why: string): StorageError {
  return new StorageError({
    code: 'STORAGE_CORRUPT',
    message: `${operation}: the header run at ${String(start)} has an unexpected shape (${why})`,
    details: { operation, height: typeof start === 'number' ? start : undefined },
  })
}

/**
 * Checks a run row and its hash row against the shape `packRuns` writes.
 * @throws {StorageError} STORAGE_CORRUPT
 */
export function readRun(row: unknown, hashRow: unknown, operation: string): Run {
  const r = row as Partial<RunRow> | null
  const start = r?.start
  const fail = (why: string) => shapeError(operation, start, why)
  if (typeof r !== 'object' || r === null || !Number.isSafeInteger(start) || (start as number) < 0)
    throw fail('no start')
  const { count, headers, ends, works } = r
  if (!Number.isSafeInteger(count) || (count as number) < 1 || (count as number) > MAX_ROW_HEADERS)
    throw fail('bad count')
  const n = count as number
  if (!(headers instanceof Uint8Array) || !(ends instanceof Uint32Array) || ends.length !== n)
    throw fail('bad headers')
  let at = 0
  for (let i = 0; i < n; i++) {
    const end = ends[i]!
    if (end < at || end - at > MAX_HEADER_VALUE_BYTES) throw fail('bad header bounds')
    at = end
  }
  if (at !== headers.length) throw fail('bad header bounds')
  if (typeof works !== 'string' || !WORKS.test(works)) throw fail('bad works')
  const split = works.split(',')
  if (split.length !== n) throw fail('bad works')
  const h = hashRow as Partial<HashRow> | null
  if (typeof h !== 'object' || h === null || h.start !== start) throw fail('no hashes')
  if (!(h.hashes instanceof Uint8Array) || h.hashes.length !== 32 * n) throw fail('bad hashes')
  return { start: start as number, count: n, headers, ends, works: split, hashes: h.hashes }
}

/** The header at `height` of `run` (which holds it) as a record owning its bytes. */
export function runRecord(run: Run, height: number): StoredHeader {
  const i = height - run.start
  const from = i === 0 ? 0 : run.ends[i - 1]!
  return {
    height,
    hash: run.hashes.slice(32 * i, 32 * i + 32),
    header: run.headers.slice(from, run.ends[i]!),
    cumulativeWork: BigInt(`0x${run.works[i]!}`),
  }
}

/** The first `count` headers of `run` as entries (views into the run, which is read-only here). */
export function runEntries(run: Run, count: number): RunEntry[] {
  const out: RunEntry[] = []
  for (let i = 0; i < count; i++) {
    const from = i === 0 ? 0 : run.ends[i - 1]!
    out.push({
      hash: run.hashes.subarray(32 * i, 32 * i + 32),
      header: run.headers.subarray(from, run.ends[i]!),
      work: run.works[i]!,
    })
  }
  return out
}

export function recordEntry(h: StoredHeader): RunEntry {
  return { hash: h.hash, header: h.header, work: h.cumulativeWork.toString(16) }
}

/** Rows for `entries` at heights `start ..`, `capacity` headers per row (compact copies). */
export function packRuns(
  start: number,
  entries: readonly RunEntry[],
  capacity: number,
): { run: RunRow; hashes: HashRow }[] {
  const rows: { run: RunRow; hashes: HashRow }[] = []
  for (let i = 0; i < entries.length; i += capacity) {
    const part = entries.slice(i, i + capacity)
    let size = 0
    for (const e of part) size += e.header.length
    const headers = new Uint8Array(size)
    const ends = new Uint32Array(part.length)
    const hashes = new Uint8Array(32 * part.length)
    let at = 0
    part.forEach((e, k) => {
      headers.set(e.header, at)
      at += e.header.length
      ends[k] = at
      hashes.set(e.hash, 32 * k)
    })
    const works = part.map((e) => e.work).join(',')
    rows.push({
      run: { start: start + i, count: part.length, headers, ends, works },
      hashes: { start: start + i, hashes },
    })
  }
  return rows
}
