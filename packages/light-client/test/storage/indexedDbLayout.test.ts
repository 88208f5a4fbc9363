import 'fake-indexeddb/auto'
import { DEVNET } from '@supernova/protocol'
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb'
import { type IDBPDatabase, wrap } from 'idb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openIndexedDbStorage } from '../../src/storage/indexedDb/openIndexedDbStorage.js'
import { STORAGE_SCHEMA_VERSION } from '../../src/storage/meta.js'
import type { StoredHeader } from '../../src/storage/types.js'
import { codeOf } from './compliance.js'
import { syntheticRecords } from './fixtures.js'

const NAME = 'supernova-layout'

function rawOpen(
  factory: IDBFactory,
  version?: number,
  upgrade: (db: IDBDatabase) => void = () => {},
): Promise<IDBPDatabase> {
  const request = factory.open(NAME, version)
  request.addEventListener('upgradeneeded', () => upgrade(request.result))
  return wrap(request) as unknown as Promise<IDBPDatabase>
}

const legacyRow = (r: StoredHeader) => ({
  height: r.height,
  hash: r.hash,
  header: r.header,
  work: r.cumulativeWork.toString(16),
})

/** A database in the v2 layout (one `headers` row per height, unique hash index), with a wallet record. */
async function createV2(factory: IDBFactory, rows: unknown[]) {
  const db = await rawOpen(factory, 2, (raw) => {
    raw.createObjectStore('headers', { keyPath: 'height' }).createIndex('hash', 'hash', {
      unique: true,
    })
    raw.createObjectStore('meta')
    raw.createObjectStore('wallet')
  })
  const tx = db.transaction(['headers', 'meta', 'wallet'], 'readwrite')
  for (const row of rows) await tx.objectStore('headers').put(row)
  await tx.objectStore('meta').put('devnet', 'network')
  await tx.objectStore('meta').put(DEVNET.genesisHash, 'genesisHash')
  await tx.objectStore('wallet').put(Uint8Array.of(7), 'keystore')
  await tx.done
  db.close()
}

async function storeNames(factory: IDBFactory): Promise<string[]> {
  const db = await rawOpen(factory)
  const names = [...db.objectStoreNames]
  db.close()
  return names
}

async function rowCount(factory: IDBFactory): Promise<number> {
  const db = await rawOpen(factory)
  const n = await db.count('headerRuns')
  db.close()
  return n
}

const open = (factory: IDBFactory, rowSize?: number) =>
  openIndexedDbStorage({
    name: NAME,
    params: DEVNET,
    indexedDB: factory,
    ...(rowSize === undefined ? {} : { rowSize }),
  })

describe('IndexedDB layout v3: header runs', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('upgrades a v2 database: its rows become runs, hashes stay findable, the wallet stays', async () => {
    const factory = new IDBFactory()
    const recs = syntheticRecords(0, 10, 3)
    await createV2(factory, recs.map(legacyRow))
    const s = await open(factory, 4)
    expect(s.opened).toEqual({ status: 'resumed', upgradedFrom: 2 })
    expect(await s.getHeaders({ from: 0, count: 20 })).toEqual(recs)
    expect(await s.getHeaderByHash(recs[6]!.hash)).toEqual(recs[6])
    expect(await s.wallet.get('keystore')).toEqual(Uint8Array.of(7))
    await s.close()
    expect((await storeNames(factory)).sort()).toEqual([
      'headerHashes',
      'headerRuns',
      'meta',
      'wallet',
    ])
    expect(await rowCount(factory)).toBe(3)
  })

  it.each([
    [
      'a malformed row',
      (rows: Record<string, unknown>[]) => Object.assign(rows[6]!, { work: 'zz' }),
    ],
    ['a missing height', (rows: Record<string, unknown>[]) => rows.splice(6, 1)],
  ])('converts only the rows below %s: nothing damaged is carried over', async (_, damage) => {
    const factory = new IDBFactory()
    const recs = syntheticRecords(0, 10, 3)
    const rows: Record<string, unknown>[] = recs.map(legacyRow)
    damage(rows)
    await createV2(factory, rows)
    const s = await open(factory, 4)
    expect(await s.getHeaders({ from: 0, count: 20 })).toEqual(recs.slice(0, 6))
    await s.close()
  })

  it('leaves the database at its old version when the upgrade fails, and upgrades it later', async () => {
    const factory = new IDBFactory()
    const recs = syntheticRecords(0, 10, 3)
    await createV2(factory, recs.map(legacyRow))
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota reached', 'QuotaExceededError')
    })
    expect(await codeOf(open(factory, 4))).not.toBe('RESOLVED')
    vi.restoreAllMocks()
    const db = await rawOpen(factory)
    expect(db.version).toBe(2)
    expect(await db.count('headers')).toBe(10)
    db.close()
    const s = await open(factory, 4)
    expect(await s.getHeaders({ from: 0, count: 20 })).toEqual(recs)
    await s.close()
  })

  it('writes a few rows per batch: runs are topped up, cut on a reorg and spanned by reads', async () => {
    const factory = new IDBFactory()
    const s = await open(factory, 100)
    const main = syntheticRecords(0, 250, 1)
    await s.replaceHeaders({ height: 0, headers: main })
    expect(await rowCount(factory)).toBe(3)
    const next = syntheticRecords(250, 1, 1)
    await s.replaceHeaders({ height: 250, parentHash: main[249]!.hash, headers: next })
    expect(await rowCount(factory)).toBe(3)
    const fork = syntheticRecords(150, 60, 2)
    await s.replaceHeaders({ height: 150, parentHash: main[149]!.hash, headers: fork })
    expect(await rowCount(factory)).toBe(3)
    const all = [...main.slice(0, 150), ...fork]
    expect(await s.getHeaders({ from: 90, count: 120 })).toEqual(all.slice(90, 210))
    expect(await s.getTip()).toEqual(fork.at(-1))
    expect(await s.getHeaderByHash(main[180]!.hash)).toBeUndefined()
    expect(await s.getHeaderByHash(fork[30]!.hash)).toEqual(fork[30])
    await s.close()
  })

  it('notices another connection’s writes (the generation counter) in look-ups and the uniqueness check', async () => {
    const factory = new IDBFactory()
    const a = await open(factory, 4)
    const b = await open(factory, 4)
    const main = syntheticRecords(0, 10, 1)
    await a.replaceHeaders({ height: 0, headers: main })
    expect(await b.getHeaderByHash(main[8]!.hash)).toEqual(main[8])
    const fork = syntheticRecords(5, 6, 2)
    await a.replaceHeaders({ height: 5, parentHash: main[4]!.hash, headers: fork })
    expect(await b.getHeaderByHash(main[8]!.hash)).toBeUndefined()
    expect(await b.getHeaderByHash(fork[4]!.hash)).toEqual(fork[4])
    const repeat = [{ ...syntheticRecords(11, 1, 3)[0]!, hash: fork[1]!.hash.slice() }]
    const write = b.replaceHeaders({ height: 11, parentHash: fork[5]!.hash, headers: repeat })
    expect(await codeOf(write)).toBe('STORAGE_CONFLICT')
    await a.clearHeaders()
    expect(await b.getHeaderByHash(fork[4]!.hash)).toBeUndefined()
    await a.close()
    await b.close()
  })

  it('refuses a row size outside 1..10,000', async () => {
    const factory = new IDBFactory()
    expect(await codeOf(open(factory, 0))).toBe('RangeError')
    expect(await codeOf(open(factory, 10_001))).toBe('RangeError')
    expect(STORAGE_SCHEMA_VERSION).toBe(3)
  })
})
