import 'fake-indexeddb/auto'
import {
  COIN,
  decodeFiltersRequest,
  decodeFiltersResponse,
  devnetAccount,
  encodeAddress,
  encodeFiltersResponse,
} from '@supernova/protocol'
import { IDBFactory } from 'fake-indexeddb'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createLightClient } from '../../src/client/createLightClient.js'
import type { LightClient } from '../../src/client/types.js'
import { createLightClientNetwork } from '../../src/network/createLightClientNetwork.js'
import type { LightClientNetwork } from '../../src/network/network.js'
import {
  type Clock,
  createClock,
  mineBlocks,
  mineWith,
  payFrom,
  startFullNode,
  stopFullNode,
  type TestNode,
  waitUntil,
} from '../network/fullNode.js'
import { ALICE } from '../verify/testChain.js'
import { type Corrupt, startLyingProxy } from './lyingProxy.js'

// A scan from genesis over a few thousand real blocks. The node's clock (its rate limiter's) stands
// still once they are mined, so its token bucket never refills: a peer has 40 requests in all.
// One `filter` request per block could not finish; ranges of 1,000 take four.
const alice = encodeAddress({ network: 'devnet', lock: ALICE.lock })
const ALLOCATION = 1_000_000n * COIN
const TIP = 3_000
let clock: Clock
let full: TestNode

beforeAll(async () => {
  clock = createClock()
  full = await startFullNode({ clock })
  await mineBlocks(full, clock, 10)
  const faucet = devnetAccount(8)
  const first = await payFrom(full, faucet, ALICE.lock, 5n * COIN)
  await full.node.mempool.add(first)
  await mineWith(full, clock, [first]) // 11
  await mineBlocks(full, clock, 2_500 - 11)
  const second = await payFrom(full, faucet, ALICE.lock, 7n * COIN)
  await full.node.mempool.add(second)
  await mineWith(full, clock, [second]) // 2,501
  await mineBlocks(full, clock, TIP - 2_501)
}, 240_000)

afterAll(async () => {
  if (full) await stopFullNode(full)
})

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s()
})

type Counted = { net: LightClientNetwork; asked: { filter: number; filters: number } }

/** The client's network with its `filter` and `filters` requests counted. */
function countedNetwork(bootstrap: string[]): Counted {
  const net = createLightClientNetwork({
    network: 'devnet',
    bootstrap,
    reconnect: { minMs: 50, maxMs: 200 },
  })
  const asked = { filter: 0, filters: 0 }
  const counted: LightClientNetwork = {
    ...net,
    getFilter: (q) => {
      asked.filter++
      return net.getFilter(q)
    },
    getFilters: (q) => {
      asked.filters++
      return net.getFilters(q)
    },
  }
  return { net: counted, asked }
}

async function startClient(bootstrap: string[]): Promise<Counted & { c: LightClient }> {
  const counted = countedNetwork(bootstrap)
  const c = createLightClient(
    { network: 'devnet', bootstrap, now: clock.now, indexedDB: new IDBFactory() },
    { network: counted.net },
  )
  stops.push(() => c.stop())
  await c.start()
  await counted.net.waitForPeers({ count: bootstrap.length, timeoutMs: 15_000 })
  await c.waitForSync()
  return { ...counted, c }
}

const historyOf = (entries: { height: number; received: bigint }[]) =>
  entries.map((e) => [e.height, e.received])

describe('an address history from genesis against a real node', () => {
  it('scans 3,001 blocks in four `filters` requests: no RATE_LIMITED, the node’s score of us clean', async () => {
    const { c, asked } = await startClient([full.ws])
    expect((await c.getChainInfo()).tip.height).toBe(TIP)
    const history = await c.getAddressHistory({ address: alice })
    expect(historyOf(history.entries)).toEqual([
      [0, ALLOCATION],
      [11, 5n * COIN],
      [2_501, 7n * COIN],
    ])
    expect(history).toMatchObject({ blocksScanned: TIP + 1, blocksFetched: 3 })
    expect(history.verification).toMatchObject({ header: { height: TIP }, depth: 0 })
    expect(asked).toEqual({ filter: 0, filters: 4 })
    expect(c.evidence()).toEqual([])
    // The node saw no request over the rate (2 points each) and nothing else to hold against us.
    const peers = full.node.network.getPeers()
    expect(peers).toHaveLength(1)
    expect(peers[0]?.score).toBe(0)
    // A second scan (another address) reads every filter from the cache.
    await c.getAddressHistory({
      address: encodeAddress({ network: 'devnet', lock: devnetAccount(4).lock }),
    })
    expect(asked.filters).toBe(4)
  }, 120_000)

  it('a node that alters one filter in a range is caught with evidence; the history stays complete', async () => {
    // The liar hands block 2,501's filter over from block 2,502: valid, but not the committed one
    // (and without alice's payment in it).
    const swap: Corrupt = (body, request) => {
      const { fromHeight } = decodeFiltersRequest(request)
      const items = decodeFiltersResponse(body)
      const i = 2_501 - fromHeight
      const next = items[i + 1]
      if (i < 0 || next === undefined) return body
      return encodeFiltersResponse(
        items.map((x, k) => (k === i ? { ...x, filter: next.filter } : x)),
      )
    }
    const proxy = await startLyingProxy(full.ws, { filters: swap })
    stops.push(async () => {
      await proxy.libp2p.stop()
    })
    const { c, net } = await startClient([proxy.address, full.ws])
    const honest = net.peers().find((p) => p.id !== proxy.id)!.id
    net.penalize({ peer: honest, points: 1, reason: 'test: ask the lying proxy first' })
    const history = await c.getAddressHistory({ address: alice })
    expect(history.entries.map((e) => e.height)).toEqual([0, 11, 2_501])
    const [e, ...more] = c.evidence()
    expect(more).toEqual([])
    expect(e).toMatchObject({
      peer: proxy.id,
      code: 'FILTER_HASH_MISMATCH',
      severity: 'lie',
      outcome: 'disconnected',
      request: { protocol: 'filters', fromHeight: 2_000, count: 1_000 },
    })
    expect((e!.answer as { height: number }).height).toBe(2_501)
    await waitUntil(() => !net.peers().some((p) => p.id === proxy.id), 'the liar to be dropped')
  }, 120_000)

  it('a node without `filters` is asked one filter per block', async () => {
    const proxy = await startLyingProxy(full.ws, {}, ['filters'])
    stops.push(async () => {
      await proxy.libp2p.stop()
    })
    const { c, asked } = await startClient([proxy.address])
    const history = await c.getAddressHistory({ address: alice, fromHeight: TIP - 15 })
    expect(history.entries).toEqual([])
    expect(history.blocksScanned).toBe(16)
    expect(asked).toEqual({ filter: 16, filters: 1 })
    expect(proxy.requests.get('filter')).toBe(16)
    expect(c.evidence()).toEqual([])
  }, 60_000)
})
