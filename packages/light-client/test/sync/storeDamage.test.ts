import 'fake-indexeddb/auto'
import { DEVNET, hashHeader } from '@supernova/protocol'
import { IDBFactory } from 'fake-indexeddb'
import { type IDBPDatabase, wrap } from 'idb'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openIndexedDbStorage } from '../../src/storage/indexedDb/openIndexedDbStorage.js'
import { createHeaderSync, type HeaderSyncEvents } from '../../src/sync/headerSync.js'
import { createEvidenceLog } from '../../src/verify/evidence.js'
import { createFakeNetwork } from '../verify/fakeNetwork.js'
import { NOW, TestChain } from '../verify/testChain.js'

const NAME = 'supernova-sync-damage'
let a: TestChain // 20 blocks

beforeAll(async () => {
  a = await TestChain.create()
  await a.mine(20)
})

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const s of stops.splice(0)) await s()
})

describe('header sync over IndexedDB runs', () => {
  it('a run row damaged below the API while running (STORAGE_CORRUPT) leads to a clean re-sync', async () => {
    const factory = new IDBFactory()
    const storage = await openIndexedDbStorage({
      name: NAME,
      params: DEVNET,
      indexedDB: factory,
      rowSize: 4,
    })
    const fake = createFakeNetwork()
    const sync = createHeaderSync({
      network: fake.network,
      storage,
      params: DEVNET,
      evidence: createEvidenceLog({ network: fake.network, now: () => NOW }),
      now: () => NOW,
      pollIntervalMs: 3_600_000,
    })
    const restores: HeaderSyncEvents['restore'][] = []
    sync.on('restore', (e) => restores.push(e))
    stops.push(async () => {
      await sync.stop()
      await storage.close()
    })
    await sync.start()
    fake.add('p', a)
    await sync.sync()
    const raw = (await wrap(factory.open(NAME))) as unknown as IDBPDatabase
    await raw.put('headerRuns', { ...(await raw.get('headerRuns', 8)), works: 'zz' })
    raw.close()
    await expect(sync.headersInRange(0, 21)).rejects.toMatchObject({ code: 'STORAGE_CORRUPT' })
    await sync.sync()
    expect(restores.at(-1)).toEqual({ resumed: false, height: 0, reason: 'MALFORMED', at: 8 })
    expect(sync.tip().hash).toEqual(a.mc.tip.hash)
    expect((await sync.headersInRange(0, 21)).map((h) => h.hash)).toEqual(
      a.headers.map((h) => hashHeader(h)),
    )
  })
})
