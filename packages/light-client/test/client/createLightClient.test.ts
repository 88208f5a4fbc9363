import 'fake-indexeddb/auto'
import {
  COIN,
  computeTxid,
  encodeAddress,
  hashHeader,
  type Transaction,
  toHex,
} from '@supernova/protocol'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createLightClient } from '../../src/client/createLightClient.js'
import type { AddressUpdate } from '../../src/client/types.js'
import { LightClientError } from '../../src/verify/errors.js'
import { createFakeNetwork } from '../verify/fakeNetwork.js'
import { ALICE, BOB, FAUCET, NOW, TestChain } from '../verify/testChain.js'

let main: TestChain
let toAlice: Transaction
const alice = encodeAddress({ network: 'devnet', lock: ALICE.lock })

beforeAll(async () => {
  main = await TestChain.create()
  await main.mine(10)
  toAlice = main.pay(ALICE.lock, 5n * COIN, FAUCET)
  await main.mine(3, { transactions: [toAlice] })
})

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const s of stops.splice(0)) await s()
})

function client(o: { indexedDB?: IDBFactory; chain?: TestChain } = {}) {
  const fake = createFakeNetwork()
  fake.add('p', o.chain ?? main)
  const c = createLightClient(
    {
      network: 'devnet',
      bootstrap: [],
      now: () => NOW,
      indexedDB: o.indexedDB ?? new IDBFactory(),
      sync: { pollIntervalMs: 3_600_000 },
    },
    { network: fake.network },
  )
  stops.push(() => c.stop())
  return { c, fake }
}

async function failure(p: Promise<unknown>): Promise<LightClientError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(LightClientError)
  return e as LightClientError
}

describe('createLightClient', () => {
  it('refuses calls before start (NOT_STARTED)', async () => {
    const { c } = client()
    expect((await failure(c.getChainInfo())).code).toBe('NOT_STARTED')
    expect((await failure(c.getBalance({ address: alice }))).code).toBe('NOT_STARTED')
  })

  it('a start whose store cannot be opened stops the network it started, and can be retried', async () => {
    const fake = createFakeNetwork()
    fake.add('p', main)
    const calls: string[] = []
    const { start, stop } = fake.network
    fake.network.start = () => {
      calls.push('start')
      return start()
    }
    fake.network.stop = () => {
      calls.push('stop')
      return stop()
    }
    let broken = true
    const factory = new IDBFactory()
    const indexedDB = {
      open: (name: string, version?: number) => {
        if (broken) throw new DOMException('disk gone', 'UnknownError')
        return factory.open(name, version)
      },
    } as unknown as IDBFactory
    const c = createLightClient(
      { network: 'devnet', bootstrap: [], now: () => NOW, indexedDB },
      { network: fake.network },
    )
    stops.push(() => c.stop())
    await expect(c.start()).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' })
    expect(calls).toEqual(['start', 'stop'])
    expect((await failure(c.getChainInfo())).code).toBe('NOT_STARTED')
    broken = false
    await c.start()
    expect((await c.waitForSync()).tip.height).toBe(main.height)
  })

  it('syncs, reports chain info, and answers every SDK call with its verification', async () => {
    const { c } = client()
    await c.start()
    const info = await c.waitForSync()
    expect(info).toMatchObject({
      network: 'devnet',
      tip: { height: 13, hash: main.mc.tip.hash },
      finalizedHeight: 0,
      sync: { state: 'synced' },
      storage: 'indexeddb',
    })
    expect(info.peers.map((p) => p.id)).toEqual(['p'])
    const balance = await c.getBalance({ address: alice })
    expect(balance.total).toBe(1_000_000n * COIN + 5n * COIN)
    expect(balance.complete).toBe(true)
    expect(balance.verification).toMatchObject({ status: 'verified', depth: 0 })
    const tx = await c.getTransaction({ txid: toHex(computeTxid(toAlice)) })
    expect(tx.height).toBe(11)
    const byHeight = await c.getBlock({ height: 11 })
    const byHash = await c.getBlock({ hash: hashHeader(main.headers[11]!) })
    expect(byHeight.hash).toEqual(byHash.hash)
    expect((await failure(c.getBlock({ height: 99 }))).code).toBe('UNKNOWN_BLOCK')
    const history = await c.getAddressHistory({ address: ALICE.lock, fromHeight: 1 })
    expect(history.entries.map((e) => e.height)).toEqual([11])
    expect((await failure(c.getBalance({ address: 'nova1notanaddress' }))).code).toBe(
      'INVALID_ADDRESS',
    )
    const sent = await c.sendTransaction({ tx: main.pay(BOB.lock, COIN, FAUCET) })
    expect(sent.txid).toHaveLength(32)
  })

  it('resumes from IndexedDB after a reload: same store, new client, no header refetched', async () => {
    const indexedDB = new IDBFactory()
    const first = client({ indexedDB })
    await first.c.start()
    await first.c.waitForSync()
    await first.c.stop()
    const second = client({ indexedDB })
    const restores: unknown[] = []
    second.c.on('restore', (e) => restores.push(e))
    await second.c.start()
    expect(restores).toEqual([{ resumed: true, height: 13 }])
    expect((await second.c.getChainInfo()).tip.height).toBe(13)
  })

  it('watchHeads hands over the tip it began at: nothing before start, nothing after its end', async () => {
    const grow = await main.copy()
    const { c, fake } = client({ chain: grow })
    const early: number[] = []
    c.watchHeads({ onHead: (h) => early.push(h.tip.height) })
    await c.start()
    await c.waitForSync()
    // Subscribed before start: every head the sync verified, as it verified them, ending at 13.
    expect(early.at(-1)).toBe(13)
    const flushed = () => new Promise<void>((r) => setTimeout(r, 0))
    const late: { height: number; hash: Uint8Array }[] = []
    c.watchHeads({ onHead: (h) => late.push({ height: h.tip.height, hash: h.tip.hash }) })
    const gone: number[] = []
    c.watchHeads({ onHead: (h) => gone.push(h.tip.height) })() // ended at once
    await flushed()
    expect(late).toEqual([{ height: 13, hash: hashHeader(grow.headers[13]!) }])
    expect(gone).toEqual([])
    // A head that arrives before the hand-over replaces it: no stale tip after a newer one.
    await grow.mine(1)
    const raced: number[] = []
    c.watchHeads({ onHead: (h) => raced.push(h.tip.height) })
    const newer = new Promise<void>((r) =>
      c.watchHeads({ onHead: (h) => h.tip.height === 14 && r() }),
    )
    fake.announce('p')
    await newer
    await flushed()
    expect(raced.at(-1)).toBe(14)
    expect(raced.filter((h) => h === 14)).toHaveLength(1)
    expect(late.map((h) => h.height)).toEqual([13, 14])
  })

  it('watchHeads and watchAddress follow new verified heads with verified data', async () => {
    const grow = await main.copy()
    const { c, fake } = client({ chain: grow })
    await c.start()
    await c.waitForSync()
    const heads: number[] = []
    c.watchHeads({ onHead: (h) => heads.push(h.tip.height) })
    const updates: AddressUpdate[] = []
    let seen: () => void = () => {}
    c.watchAddress({
      address: BOB.lock,
      fromHeight: 1,
      onUpdate: (u) => {
        updates.push(u)
        seen()
      },
    })
    await new Promise<void>((r) => {
      seen = r
    })
    expect(updates[0]?.history).toEqual([])
    const toBob = grow.pay(BOB.lock, 3n * COIN, FAUCET)
    await grow.mine(1, { transactions: [toBob] })
    const next = new Promise<void>((r) => {
      seen = r
    })
    fake.announce('p')
    await next
    expect(heads).toEqual([13, 14]) // the tip when the watch began, then the new one
    const last = updates.at(-1)!
    expect(last.tip.height).toBe(14)
    expect(last.newEntries.map((e) => [e.height, e.received])).toEqual([[14, 3n * COIN]])
    expect(last.balance.total).toBe(1_000_000n * COIN + 3n * COIN)
  })
})
