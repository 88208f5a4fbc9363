import { COIN, encodeAddress } from '@supernova/protocol'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AddressUpdate, LightClientEvents } from '../../src/client/types.js'
import { LightClientError } from '../../src/verify/errors.js'
import type { Evidence } from '../../src/verify/evidence.js'
import { LightClientWorkerError } from '../../src/worker/errors.js'
import { BOB, FAUCET, TestChain } from '../verify/testChain.js'
import { hosted, next, sessionClosed } from './harness.js'

let main: TestChain
const bob = encodeAddress({ network: 'devnet', lock: BOB.lock })

beforeAll(async () => {
  main = await TestChain.create()
  await main.mine(10)
})

let setup: ReturnType<typeof hosted> | undefined
afterEach(async () => {
  await setup?.close()
  setup = undefined
})

/** A growing copy of the main chain behind a started, synced host. */
async function synced() {
  const chain = await main.copy()
  setup = hosted({ chain })
  const a = setup.connect()
  await a.start()
  await a.waitForSync()
  // The host's own listener: evidence, pushed to every page.
  expect(setup.watchers()).toBe(1)
  return { chain, setup, a, watchers: () => (setup?.watchers() ?? 1) - 1 }
}

const ALLOCATION = 1_000_000n * COIN

const updates = (page: ReturnType<ReturnType<typeof hosted>['connect']>, fromHeight = 1) =>
  next<AddressUpdate>((onUpdate) => page.watchAddress({ address: bob, fromHeight, onUpdate }))

describe('worker subscriptions', () => {
  it('delivers watchHeads, on(state) and watchAddress over the port on a new verified head', async () => {
    const { chain, setup: s, a } = await synced()
    const first = await updates(a)
    expect(first.history).toEqual([])
    expect(first.balance.total).toBe(ALLOCATION)
    const heads: number[] = []
    a.watchHeads({ onHead: (h) => heads.push(h.tip.height) })
    // Every watcher starts from the tip: the stream's first (the worker's client hands it over),
    // and a second page joining the running stream (the worker replays its last head).
    const b = s.connect()
    expect(
      (await next<LightClientEvents['heads']>((onHead) => b.watchHeads({ onHead }))).tip.height,
    ).toBe(10)
    const states: LightClientEvents['state'][] = []
    a.on('state', (e) => states.push(e))
    const got: AddressUpdate[] = []
    const offAddress = a.watchAddress({ address: bob, fromHeight: 1, onUpdate: (u) => got.push(u) })
    await chain.mine(1, { transactions: [chain.pay(BOB.lock, 3n * COIN, FAUCET)] })
    const head = next<LightClientEvents['heads']>((onHead) =>
      a.watchHeads({ onHead: (h) => h.tip.height === 11 && onHead(h) }),
    )
    const update = next<AddressUpdate>((onUpdate) =>
      a.watchAddress({
        address: bob,
        fromHeight: 1,
        onUpdate: (u) => u.tip.height === 11 && onUpdate(u),
      }),
    )
    s.fake.announce('p')
    expect((await head).tip.height).toBe(11)
    const u = await update
    expect(u.newEntries.map((e) => [e.height, e.received])).toEqual([[11, 3n * COIN]])
    expect(u.balance.total).toBe(ALLOCATION + 3n * COIN)
    expect(u.balance.verification.header.height).toBe(11)
    expect(heads).toEqual([10, 11])
    expect(states.map((e) => e.state)).toContain('synced')
    expect(got.at(-1)?.tip.height).toBe(11)
    offAddress()
  })

  it('shares one stream per address across pages, replays the last update to a late page, and tears it down on the last unsubscribe', async () => {
    const { setup: s, a, watchers } = await synced()
    const b = s.connect()
    const firstA = updates(a)
    const offA = a.watchAddress({ address: bob, fromHeight: 1, onUpdate: () => {} })
    await firstA
    // The late page is handed the stream's last update without waiting for a new head.
    const late = await updates(b)
    expect(late.tip.height).toBe(10)
    const offB = b.watchAddress({ address: bob, fromHeight: 1, onUpdate: () => {} })
    await b.hostInfo()
    expect(s.host.info().streams).toBe(1)
    expect(watchers()).toBe(1)
    offA()
    await a.hostInfo()
    expect(watchers()).toBe(1)
    offB()
    await b.hostInfo()
    expect(s.host.info()).toMatchObject({ streams: 0, listeners: 0 })
    expect(watchers()).toBe(0)
  })

  it('drops every watcher of a page whose port closes', async () => {
    const { setup: s, a, watchers } = await synced()
    const b = s.connect()
    b.watchHeads({ onHead: () => {} })
    b.on('reorg', () => {})
    await updates(b)
    b.watchAddress({ address: bob, fromHeight: 1, onUpdate: () => {} })
    a.watchHeads({ onHead: () => {} })
    await Promise.all([a.hostInfo(), b.hostInfo()])
    expect(watchers()).toBe(3)
    const closed = sessionClosed(s.host)
    b.port.close()
    expect(await closed).toMatchObject({ reason: 'port-closed' })
    expect(watchers()).toBe(1)
    expect(s.host.info()).toMatchObject({ sessions: 1, streams: 1 })
  })

  it('drops every watcher of a page that says bye (close), and fails its later calls with CLOSED', async () => {
    const { setup: s, a, watchers } = await synced()
    a.watchHeads({ onHead: () => {} })
    await a.hostInfo()
    expect(watchers()).toBe(1)
    const closed = sessionClosed(s.host)
    a.close()
    expect(await closed).toMatchObject({ reason: 'bye' })
    expect(watchers()).toBe(0)
    const e = await a.getChainInfo().catch((err: unknown) => err)
    expect(e).toBeInstanceOf(LightClientWorkerError)
    expect(e).toMatchObject({ code: 'CLOSED' })
  })

  it('reports a watch the client refuses (NOT_STARTED before start) through onError', async () => {
    setup = hosted({ chain: main })
    const page = setup.connect()
    const e = await next<unknown>((onError) =>
      page.watchAddress({ address: bob, onUpdate: () => {}, onError }),
    )
    expect(e).toBeInstanceOf(LightClientError)
    expect(e).toMatchObject({ code: 'NOT_STARTED' })
    expect(setup.host.info().streams).toBe(0)
  })

  it('mirrors evidence: the welcome carries the log, and new records reach evidence() and on(evidence)', async () => {
    const chain = await main.copy()
    setup = hosted({
      chain,
      tamper: {
        utxos: (a) => ({
          ...a,
          utxos: a.utxos.map((u) => ({ ...u, entry: { ...u.entry, amount: u.entry.amount + 1n } })),
        }),
      },
    })
    const a = setup.connect()
    await a.start()
    await a.waitForSync()
    const seen = next<Evidence>((cb) => a.on('evidence', cb))
    await a.getBalance({ address: FAUCET.lock }).catch(() => undefined)
    const e = await seen
    expect(e).toMatchObject({ peer: 'p', code: 'SMT_PROOF_INVALID', severity: 'lie' })
    expect(a.evidence()).toEqual([e])
    const b = setup.connect()
    await b.ready
    expect(b.evidence()).toEqual([e])
  })
})
