import 'fake-indexeddb/auto'
import {
  checkProofOfWork,
  DEVNET,
  encodeHeader,
  type Header,
  hashHeaderBytes,
  TESTNET,
} from '@supernova/protocol'
import { IDBFactory } from 'fake-indexeddb'
import { type IDBPDatabase, wrap } from 'idb'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  appendHeaders,
  createHeaderChain,
  type HeaderChainState,
} from '../../src/headers/headerChain.js'
import {
  HeaderStoreError,
  headerChainStateAt,
  readStoredHeader,
  restoreHeaderChain,
  saveHeaders,
} from '../../src/headers/headerStore.js'
import { createMemoryStorage } from '../../src/storage/createMemoryStorage.js'
import { openIndexedDbStorage } from '../../src/storage/indexedDb/openIndexedDbStorage.js'
import type { LightClientStorage, StoredHeader } from '../../src/storage/types.js'
import { codeOf, type StorageHarness } from './compliance.js'
import { buildChains, NOW, recordsFor } from './fixtures.js'

const NAME = 'supernova-devnet'
let main: Header[]
let fork: Header[]
let genesis: HeaderChainState
let synced: HeaderChainState
/** Records of the main chain as saveHeaders writes them, genesis included (index = height). */
let records: StoredHeader[]

beforeAll(async () => {
  ;({ main, fork } = await buildChains({ mainLength: 40, forkAt: 25, forkLength: 45 }))
  genesis = createHeaderChain(DEVNET)
  synced = appendHeaders({ state: genesis, headers: main, now: NOW })
  records = [
    {
      height: 0,
      hash: genesis.tip.hash,
      header: encodeHeader(genesis.tip.header),
      cumulativeWork: genesis.cumulativeWork,
    },
    ...recordsFor(main, genesis.cumulativeWork),
  ]
})

const harnesses: Record<string, () => StorageHarness & { factory?: IDBFactory }> = {
  memory: () => {
    const s = createMemoryStorage({ params: DEVNET })
    return { open: async () => s, persistent: false }
  },
  IndexedDB: () => {
    const factory = new IDBFactory()
    return {
      factory,
      // Rows of 4 headers: the 41 stored headers span 11 runs.
      open: (params) =>
        openIndexedDbStorage({ name: NAME, params, indexedDB: factory, rowSize: 4 }),
      persistent: true,
    }
  },
}

/** A store holding the main chain, written the way the sync does: restore, verify, save. */
async function syncedStore(storage: LightClientStorage): Promise<void> {
  const restored = await restoreHeaderChain({ storage, params: DEVNET, now: NOW })
  expect(restored).toMatchObject({ resumed: false, reason: 'EMPTY' })
  let state = restored.state
  for (let i = 0; i < main.length; i += 7) {
    const batch = main.slice(i, i + 7)
    const next = appendHeaders({ state, headers: batch, now: NOW })
    await saveHeaders({ storage, base: state, headers: batch })
    state = next
  }
  expect(state).toEqual(synced)
}

const copy = (r: StoredHeader): StoredHeader => ({
  ...r,
  hash: r.hash.slice(),
  header: r.header.slice(),
})

/** Rewrites the stored chain from height `k` with `patch` applied to a copy of records[k..]. */
async function rewriteFrom(
  storage: LightClientStorage,
  k: number,
  patch: (tail: StoredHeader[]) => void,
): Promise<void> {
  const tail = records.slice(k).map(copy)
  patch(tail)
  const parent = k > 0 ? { parentHash: records[k - 1]!.hash } : {}
  await storage.replaceHeaders({ height: k, ...parent, headers: tail })
}

/** The header at `height` with a nonce whose hash misses the target, as a self-consistent record. */
function badPowRecord(height: number): StoredHeader {
  const h = main[height - 1]!
  for (let nonce = 0n; ; nonce++) {
    const header = encodeHeader({ ...h, nonce })
    if (!checkProofOfWork(header).valid)
      return { ...records[height]!, hash: hashHeaderBytes(header), header }
  }
}

/** Restores and checks the clean restart: genesis state, only genesis left in the store. */
async function expectRestart(storage: LightClientStorage, reason: string, height?: number) {
  const r = await restoreHeaderChain({ storage, params: DEVNET, now: NOW })
  expect(r).toEqual({
    resumed: false,
    state: genesis,
    reason,
    ...(height === undefined ? {} : { height }),
  })
  expect(await storage.getHeaders({ from: 0, count: 100 })).toEqual([records[0]])
  expect(await restoreHeaderChain({ storage, params: DEVNET, now: NOW })).toEqual({
    resumed: true,
    state: genesis,
  })
  await saveHeaders({ storage, base: genesis, headers: main.slice(0, 3) })
}

describe.each(Object.entries(harnesses))('header persistence over %s storage', (_, harness) => {
  it('starts from genesis on an empty store, then resumes what the sync saved', async () => {
    const h = harness()
    const storage = await h.open(DEVNET)
    await syncedStore(storage)
    if (h.persistent) await storage.close()
    const again = h.persistent ? await h.open(DEVNET) : storage
    expect(await restoreHeaderChain({ storage: again, params: DEVNET, now: NOW })).toEqual({
      resumed: true,
      state: synced,
    })
    await again.close()
  })

  it('replaces the branch above a fork point on a reorg', async () => {
    const storage = await harness().open(DEVNET)
    await syncedStore(storage)
    const base = await headerChainStateAt({ storage, params: DEVNET, height: 25 })
    expect(base).toEqual(appendHeaders({ state: genesis, headers: main.slice(0, 25), now: NOW }))
    const branch = fork.slice(25)
    const forked = appendHeaders({ state: base, headers: branch, now: NOW })
    await saveHeaders({ storage, base, headers: branch })
    expect(await restoreHeaderChain({ storage, params: DEVNET, now: NOW })).toEqual({
      resumed: true,
      state: forked,
    })
    expect((await readStoredHeader({ storage, height: 30 }))?.header).toEqual(fork[29])
    expect(await readStoredHeader({ storage, hash: records[30]!.hash })).toBeUndefined()
    const byHash = await readStoredHeader({ storage, hash: forked.tip.hash })
    expect(byHash).toEqual({
      header: fork[44],
      hash: forked.tip.hash,
      cumulativeWork: forked.cumulativeWork,
    })
    await storage.close()
  })

  it('refuses headers that do not extend the base, or a base the store does not hold', async () => {
    const storage = await harness().open(DEVNET)
    await syncedStore(storage)
    const skip = saveHeaders({ storage, base: synced, headers: [fork[41]!] })
    expect(await codeOf(skip)).toBe('HeaderStoreError')
    const forkBase = appendHeaders({ state: genesis, headers: fork.slice(0, 30), now: NOW })
    const stale = saveHeaders({ storage, base: forkBase, headers: fork.slice(30, 32) })
    expect(await codeOf(stale)).toBe('STORAGE_CONFLICT')
    const other = saveHeaders({ storage, base: createHeaderChain(TESTNET), headers: [] })
    await expect(other).rejects.toMatchObject({ code: 'WRONG_NETWORK' })
    await expect(restoreHeaderChain({ storage, params: TESTNET, now: NOW })).rejects.toBeInstanceOf(
      HeaderStoreError,
    )
    expect(await restoreHeaderChain({ storage, params: DEVNET, now: NOW })).toEqual({
      resumed: true,
      state: synced,
    })
    await storage.close()
  })

  const corruptions: [string, (s: LightClientStorage) => Promise<unknown>, string, number][] = [
    [
      'a flipped byte in a stored header',
      (s) =>
        rewriteFrom(s, 17, (t) => {
          t[0]!.header[100]! ^= 1
        }),
      'HASH_MISMATCH',
      17,
    ],
    [
      'swapped hashes',
      (s) =>
        rewriteFrom(s, 17, (t) => {
          ;[t[0]!.hash, t[1]!.hash] = [t[1]!.hash, t[0]!.hash]
        }),
      'HASH_MISMATCH',
      17,
    ],
    [
      'a truncated value',
      (s) =>
        rewriteFrom(s, 17, (t) => {
          t[0]!.header = t[0]!.header.slice(0, 219)
        }),
      'MALFORMED',
      17,
    ],
    [
      'a header with bad proof of work',
      (s) =>
        rewriteFrom(s, 40, (t) => {
          t[0] = badPowRecord(40)
        }),
      'BAD_POW',
      40,
    ],
    [
      'a header of another branch',
      (s) =>
        rewriteFrom(s, 30, (t) => {
          t[0] = recordsFor([fork[29]!], records[29]!.cumulativeWork)[0]!
        }),
      'BROKEN_LINK',
      30,
    ],
    [
      'wrong cumulative work',
      (s) =>
        rewriteFrom(s, 17, (t) => {
          t[0]!.cumulativeWork += 1n
        }),
      'WORK_MISMATCH',
      17,
    ],
    [
      'another network’s genesis',
      (s) =>
        rewriteFrom(s, 0, (t) => {
          t[0] = {
            ...t[0]!,
            header: encodeHeader(createHeaderChain(TESTNET).tip.header),
            hash: createHeaderChain(TESTNET).tip.hash,
          }
        }),
      'WRONG_NETWORK',
      0,
    ],
  ]
  it.each(corruptions)(
    'restarts cleanly from genesis after %s',
    async (_, corrupt, reason, height) => {
      const storage = await harness().open(DEVNET)
      await syncedStore(storage)
      await corrupt(storage)
      await expectRestart(storage, reason, height)
      await storage.close()
    },
  )

  it('restarts when the clock is behind a stored header (nothing it would not accept now)', async () => {
    const storage = await harness().open(DEVNET)
    await syncedStore(storage)
    const now = main[19]!.timestamp - DEVNET.maxFutureDriftMs - 1
    const r = await restoreHeaderChain({ storage, params: DEVNET, now })
    expect(r).toEqual({ resumed: false, state: genesis, reason: 'FUTURE_TIMESTAMP', height: 20 })
    await storage.close()
  })
})

/** Raw access to the fake database, for damage the storage API cannot cause. */
async function raw(factory: IDBFactory): Promise<IDBPDatabase> {
  return (await wrap(factory.open(NAME))) as unknown as IDBPDatabase
}

describe('header persistence over IndexedDB: damage below the API', () => {
  async function damaged(damage: (db: IDBPDatabase) => Promise<unknown>) {
    const h = harnesses.IndexedDB!()
    const storage = await h.open(DEVNET)
    await syncedStore(storage)
    await storage.close()
    const db = await raw(h.factory!)
    await damage(db)
    db.close()
    return h.open(DEVNET)
  }

  it.each([
    ['a deleted run in the middle', (db: IDBPDatabase) => db.delete('headerRuns', 16), 'GAP', 16],
    [
      'a deleted genesis run',
      (db: IDBPDatabase) => db.delete('headerRuns', 0),
      'MISSING_GENESIS',
      0,
    ],
    [
      'a run of the wrong shape',
      (db: IDBPDatabase) => editRun(db, 16, (run) => Object.assign(run, { works: 'zz' })),
      'MALFORMED',
      16,
    ],
    [
      'a run overlapping the one below',
      (db: IDBPDatabase) => editRun(db, 16, (run) => Object.assign(run, { start: 15 })),
      'MALFORMED',
      15,
    ],
    [
      'hashes of another run',
      async (db: IDBPDatabase) =>
        db.put('headerHashes', { start: 16, hashes: (await db.get('headerHashes', 20)).hashes }),
      'HASH_MISMATCH',
      16,
    ],
  ] as const)('restarts cleanly after %s', async (_, damage, reason, height) => {
    const storage = await damaged(damage)
    await expectRestart(storage, reason, height)
    await storage.close()
  })

  it('restarts cleanly after the browser evicted the database', async () => {
    const h = harnesses.IndexedDB!()
    const before = await h.open(DEVNET)
    await syncedStore(before)
    await before.close()
    await wrap(h.factory!.deleteDatabase(NAME))
    const storage = await h.open(DEVNET)
    expect(storage.opened).toEqual({ status: 'created' })
    await expectRestart(storage, 'EMPTY')
    await storage.close()
  })

  it('never returns a damaged header from a read', async () => {
    const storage = await damaged((db) =>
      editRun(db, 12, (run) => {
        ;(run.headers as Uint8Array)[5]! ^= 1 // header 12 is the first of its run
      }),
    )
    await expect(readStoredHeader({ storage, height: 12 })).rejects.toMatchObject({
      code: 'CORRUPT',
    })
    await expect(readStoredHeader({ storage, hash: records[12]!.hash })).rejects.toMatchObject({
      code: 'CORRUPT',
    })
    expect((await readStoredHeader({ storage, height: 13 }))?.header).toEqual(main[12])
    expect(await readStoredHeader({ storage, height: 99 })).toBeUndefined()
    await expect(headerChainStateAt({ storage, params: DEVNET, height: 15 })).rejects.toMatchObject(
      { code: 'CORRUPT' },
    )
    await expect(headerChainStateAt({ storage, params: DEVNET, height: 99 })).rejects.toMatchObject(
      { code: 'NOT_FOUND' },
    )
    await storage.close()
  })
})

/** Rewrites the stored run starting at `start` with `edit` applied (a raw row, no checks). */
async function editRun(
  db: IDBPDatabase,
  start: number,
  edit: (run: Record<string, unknown>) => void,
): Promise<void> {
  const run = (await db.get('headerRuns', start)) as Record<string, unknown>
  edit(run)
  if (run.start !== start) await db.delete('headerRuns', start)
  await db.put('headerRuns', run)
}
