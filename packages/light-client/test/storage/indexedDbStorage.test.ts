import 'fake-indexeddb/auto'
import { DEVNET } from '@supernova/protocol'
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb'
import { type IDBPDatabase, wrap } from 'idb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { StorageError, toStorageError } from '../../src/storage/errors.js'
import { openIndexedDbStorage } from '../../src/storage/indexedDb/openIndexedDbStorage.js'
import { STORAGE_SCHEMA_VERSION } from '../../src/storage/meta.js'
import { codeOf, describeLightClientStorage } from './compliance.js'
import { syntheticRecords } from './fixtures.js'

const NAME = 'supernova-test'

describeLightClientStorage('IndexedDB (fake-indexeddb)', () => {
  const indexedDB = new IDBFactory()
  return {
    open: (params, options) =>
      openIndexedDbStorage({ name: NAME, params, indexedDB, ...(options ?? {}) }),
    persistent: true,
  }
})

// Rows of 4 headers: every write tops up, cuts or spans runs, and every read crosses rows.
describeLightClientStorage('IndexedDB (fake-indexeddb), 4 headers per row', () => {
  const indexedDB = new IDBFactory()
  return {
    open: (params, options) =>
      openIndexedDbStorage({ name: NAME, params, indexedDB, rowSize: 4, ...(options ?? {}) }),
    persistent: true,
  }
})

/** Opens `name` by hand at `version`, running `upgrade` if it is created or upgraded. */
function rawOpen(
  factory: IDBFactory,
  version: number,
  upgrade: (db: IDBDatabase) => void = () => {},
): Promise<IDBPDatabase> {
  const request = factory.open(NAME, version)
  request.addEventListener('upgradeneeded', () => upgrade(request.result))
  return wrap(request) as unknown as Promise<IDBPDatabase>
}

/** The v1 layout: headers keyed by height (no hash index) and meta; no wallet store. */
async function createV1(factory: IDBFactory, withMeta: boolean) {
  const db = await rawOpen(factory, 1, (raw) => {
    raw.createObjectStore('headers', { keyPath: 'height' })
    raw.createObjectStore('meta')
  })
  const tx = db.transaction(['headers', 'meta'], 'readwrite')
  for (const r of syntheticRecords(0, 4, 7))
    await tx.objectStore('headers').put({
      height: r.height,
      hash: r.hash,
      header: r.header,
      work: r.cumulativeWork.toString(16),
    })
  if (withMeta) {
    await tx.objectStore('meta').put('devnet', 'network')
    await tx.objectStore('meta').put(DEVNET.genesisHash, 'genesisHash')
  }
  await tx.done
  db.close()
}

describe('IndexedDB storage: schema versions, other connections, backend errors', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllGlobals()
  })

  it('upgrades a v1 database in place, keeping its headers and indexing their hashes', async () => {
    const factory = new IDBFactory()
    await createV1(factory, true)
    const s = await openIndexedDbStorage({ name: NAME, params: DEVNET, indexedDB: factory })
    expect(s.opened).toEqual({ status: 'resumed', upgradedFrom: 1 })
    const recs = syntheticRecords(0, 4, 7)
    expect(await s.getHeaders({ from: 0, count: 10 })).toEqual(recs)
    expect(await s.getHeaderByHash(recs[2]!.hash)).toEqual(recs[2])
    await s.wallet.put('k', Uint8Array.of(1))
    expect(await s.wallet.keys()).toEqual(['k'])
    await s.close()
  })

  it('clears a v1 database whose meta is gone rather than guess its network', async () => {
    const factory = new IDBFactory()
    await createV1(factory, false)
    const s = await openIndexedDbStorage({ name: NAME, params: DEVNET, indexedDB: factory })
    expect(s.opened).toEqual({ status: 'reset', reason: 'MISSING_META', previous: {} })
    expect(await s.getTip()).toBeUndefined()
    await s.close()
  })

  it('refuses a database written by a newer schema', async () => {
    const factory = new IDBFactory()
    ;(await rawOpen(factory, 9)).close()
    const open = openIndexedDbStorage({ name: NAME, params: DEVNET, indexedDB: factory })
    expect(await codeOf(open)).toBe('STORAGE_NEWER_SCHEMA')
  })

  it('reports STORAGE_BLOCKED instead of hanging when an old connection will not close', async () => {
    const factory = new IDBFactory()
    await createV1(factory, true)
    const stubborn = await rawOpen(factory, 1) // no versionchange handler: it never lets go
    const open = openIndexedDbStorage({ name: NAME, params: DEVNET, indexedDB: factory })
    expect(await codeOf(open)).toBe('STORAGE_BLOCKED')
    stubborn.close()
    const s = await openIndexedDbStorage({ name: NAME, params: DEVNET, indexedDB: factory })
    expect(await s.getHeaders({ from: 0, count: 10 })).toHaveLength(4)
    await s.close()
  })

  it('closes itself and reports it when another connection upgrades the database', async () => {
    const factory = new IDBFactory()
    const onClose = vi.fn()
    const s = await openIndexedDbStorage({
      name: NAME,
      params: DEVNET,
      indexedDB: factory,
      onClose,
    })
    const newer = await rawOpen(factory, STORAGE_SCHEMA_VERSION + 1) // blocks forever if `s` holds on
    expect(onClose).toHaveBeenCalledWith('VERSION_CHANGE')
    expect(await codeOf(s.getTip())).toBe('STORAGE_CLOSED')
    newer.close()
  })

  it('maps a quota error to STORAGE_FULL and loses nothing already stored', async () => {
    const factory = new IDBFactory()
    const s = await openIndexedDbStorage({ name: NAME, params: DEVNET, indexedDB: factory })
    const main = syntheticRecords(0, 10, 1)
    await s.replaceHeaders({ height: 0, headers: main })
    await s.wallet.put('keystore', Uint8Array.of(1, 2))
    const put = IDBObjectStore.prototype.put
    let calls = 0
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (++calls > 2) throw new DOMException('quota reached', 'QuotaExceededError')
      return put.apply(this, args)
    })
    const fork = syntheticRecords(4, 8, 2)
    const reorg = s.replaceHeaders({ height: 4, parentHash: main[3]!.hash, headers: fork })
    expect(await codeOf(reorg)).toBe('STORAGE_FULL')
    calls = 0
    expect(await codeOf(s.wallet.put('a', Uint8Array.of(3)))).toBe('RESOLVED')
    expect(await codeOf(s.wallet.put('keystore', Uint8Array.of(9)))).toBe('RESOLVED')
    expect(await codeOf(s.wallet.put('b', Uint8Array.of(3)))).toBe('STORAGE_FULL')
    vi.restoreAllMocks()
    expect(await s.getHeaders({ from: 0, count: 20 })).toEqual(main)
    expect(await s.wallet.keys()).toEqual(['a', 'keystore'])
    await s.close()
  })

  it.each([
    ['works that are not hex', { works: '1,zz,3' }],
    ['a count its bytes do not hold', { count: 4 }],
    ['header bounds past the bytes', { ends: Uint32Array.of(220, 440, 700) }],
    ['no start', { start: 'x' }],
  ])('reads a run row with %s as STORAGE_CORRUPT', async (_, damage) => {
    const factory = new IDBFactory()
    const s = await openIndexedDbStorage({ name: NAME, params: DEVNET, indexedDB: factory })
    await s.replaceHeaders({ height: 0, headers: syntheticRecords(0, 3, 1) })
    const raw = await rawOpen(factory, STORAGE_SCHEMA_VERSION)
    await raw.put('headerRuns', { ...(await raw.get('headerRuns', 0)), ...damage, start: 0 })
    if ('start' in damage) {
      await raw.clear('headerRuns')
      await raw.put('headerRuns', { ...damage, start: 0, count: 'x' })
    }
    raw.close()
    expect(await codeOf(s.getHeader(1))).toBe('STORAGE_CORRUPT')
    expect(await codeOf(s.getHeaders({ from: 0, count: 3 }))).toBe('STORAGE_CORRUPT')
    expect(await codeOf(s.getTip())).toBe('STORAGE_CORRUPT')
    await s.close()
  })

  it('reads a run whose hashes are missing or short as STORAGE_CORRUPT', async () => {
    const factory = new IDBFactory()
    const s = await openIndexedDbStorage({ name: NAME, params: DEVNET, indexedDB: factory })
    const recs = syntheticRecords(0, 3, 1)
    await s.replaceHeaders({ height: 0, headers: recs })
    const raw = await rawOpen(factory, STORAGE_SCHEMA_VERSION)
    await raw.put('headerHashes', { start: 0, hashes: new Uint8Array(64) })
    raw.close()
    expect(await codeOf(s.getHeader(1))).toBe('STORAGE_CORRUPT')
    expect(await codeOf(s.getHeaderByHash(recs[1]!.hash))).toBe('STORAGE_CORRUPT')
    const again = await rawOpen(factory, STORAGE_SCHEMA_VERSION)
    await again.delete('headerHashes', 0)
    again.close()
    expect(await codeOf(s.getHeaders({ from: 0, count: 3 }))).toBe('STORAGE_CORRUPT')
    expect(await codeOf(s.getTip())).toBe('STORAGE_CORRUPT')
    await s.close()
  })

  it('says STORAGE_UNAVAILABLE where there is no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined)
    expect(await codeOf(openIndexedDbStorage({ name: NAME, params: DEVNET }))).toBe(
      'STORAGE_UNAVAILABLE',
    )
  })

  it('maps DOMException names to storage codes', () => {
    const code = (name: string) => toStorageError(new DOMException('x', name), 'op').code
    expect(code('QuotaExceededError')).toBe('STORAGE_FULL')
    expect(code('VersionError')).toBe('STORAGE_NEWER_SCHEMA')
    expect(code('InvalidStateError')).toBe('STORAGE_CLOSED')
    expect(code('ConstraintError')).toBe('STORAGE_CONFLICT')
    expect(code('UnknownError')).toBe('STORAGE_UNAVAILABLE')
    const e = new StorageError({ code: 'STORAGE_FULL', message: 'm' })
    expect(toStorageError(e, 'op')).toBe(e)
    expect(
      toStorageError(new Error('x', { cause: new DOMException('q', 'QuotaExceededError') }), 'op')
        .code,
    ).toBe('STORAGE_FULL')
  })
})
