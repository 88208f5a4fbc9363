import 'fake-indexeddb/auto'
import {
  type Block,
  blockFilterItems,
  buildBlockFilter,
  COIN,
  computeTxid,
  decodeBlockResponse,
  decodeFiltersResponse,
  decodeTxProofResponse,
  decodeUtxosResponse,
  encodeAddress,
  encodeFiltersResponse,
  encodeLock,
  encodeTxProofResponse,
  encodeUtxosResponse,
  equalBytes,
  hashHeader,
  mineHeader,
  type Transaction,
} from '@supernova/protocol'
import { IDBFactory } from 'fake-indexeddb'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createLightClient } from '../../src/client/createLightClient.js'
import type { LightClient } from '../../src/client/types.js'
import { createLightClientNetwork } from '../../src/network/createLightClientNetwork.js'
import type { LightClientNetwork } from '../../src/network/network.js'
import type { Evidence } from '../../src/verify/evidence.js'
import {
  type Clock,
  createClock,
  mineBlocks,
  miner,
  startFullNode,
  stopFullNode,
  type TestNode,
  waitUntil,
} from '../network/fullNode.js'
import { ALICE, FAUCET, TestChain } from '../verify/testChain.js'
import { type Corrupt, startLyingProxy } from './lyingProxy.js'

const alice = encodeAddress({ network: 'devnet', lock: ALICE.lock })
const ALLOCATION = 1_000_000n * COIN
let clock: Clock
let full: TestNode
let payment: Transaction

/** Mines one block with `transactions` on the node's tip. */
async function mineWith(t: TestNode, c: Clock, transactions: Transaction[]): Promise<Block> {
  c.tick()
  const { block } = await t.node.chain.createBlockTemplate({
    rewardLock: miner.lock,
    transactions,
    now: c.now(),
  })
  const mined = mineHeader({ header: block.header, maxAttempts: 1_000_000 })
  if (!mined) throw new Error('could not mine')
  const b = { header: mined.header, transactions: block.transactions }
  const r = await t.node.chain.processBlock(b)
  if (r.status !== 'connected') throw new Error(`block not connected: ${r.status}`)
  return b
}

beforeAll(async () => {
  clock = createClock()
  full = await startFullNode({ clock })
  await mineBlocks(full, clock, 10)
  // The faucet's payment: account 8's genesis coin (mature after 10 blocks) to alice.
  const signer = await TestChain.create()
  await signer.mine(0)
  payment = signer.pay(ALICE.lock, 5n * COIN, FAUCET)
  await full.node.mempool.add(payment)
  await mineWith(full, clock, [payment])
  await mineBlocks(full, clock, 2)
}, 60_000)

afterAll(async () => {
  if (full) await stopFullNode(full)
})

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s()
})

async function startClient(
  bootstrap: string[],
  o: { indexedDB?: IDBFactory; now?: () => number } = {},
): Promise<{ c: LightClient; net: LightClientNetwork }> {
  const now = o.now ?? clock.now
  // The peer book runs on real time: a dial the node refuses (libp2p's inbound rate limit per
  // host) is retried after its back-off, which a test clock standing still would never reach.
  const net = createLightClientNetwork({
    network: 'devnet',
    bootstrap,
    reconnect: { minMs: 50, maxMs: 200 },
    statusIntervalMs: 200,
  })
  const c = createLightClient(
    { network: 'devnet', bootstrap, now, indexedDB: o.indexedDB ?? new IDBFactory() },
    { network: net },
  )
  stops.push(() => c.stop())
  await c.start()
  await net.waitForPeers({ count: bootstrap.length, timeoutMs: 15_000 }).catch((e) => {
    throw new Error(
      `${e.message}: ${JSON.stringify(net.peers().map((p) => [p.id, p.status?.tipHeight]))} of ${bootstrap.join(' ')}`,
    )
  })
  await c.waitForSync()
  return { c, net }
}

/** A fresh client asked for alice's balance the moment it has started: verified at the tip. */
async function expectBalanceRightAfterStart(bootstrap: string[]): Promise<void> {
  const net = createLightClientNetwork({
    network: 'devnet',
    bootstrap,
    reconnect: { minMs: 50, maxMs: 200 },
  })
  const c = createLightClient(
    { network: 'devnet', bootstrap, now: clock.now, indexedDB: new IDBFactory() },
    { network: net },
  )
  stops.push(() => c.stop())
  await c.start()
  const balance = await c.getBalance({ address: alice })
  expect(balance.total).toBe(ALLOCATION + 5n * COIN)
  expect(balance.verification).toMatchObject({ status: 'verified', header: { height: 13 } })
  expect(c.evidence()).toEqual([])
}

describe('against a real full node', () => {
  it('syncs from genesis, verifies a balance after a faucet payment, its inclusion and history', async () => {
    const { c } = await startClient([full.ws])
    const info = await c.getChainInfo()
    expect(info.tip.height).toBe(13)
    expect(info.tip.hash).toEqual(full.node.chain.tip().hash)
    const balance = await c.getBalance({ address: alice })
    expect(balance.total).toBe(ALLOCATION + 5n * COIN)
    expect(balance.verification).toMatchObject({
      status: 'verified',
      depth: 0,
      header: { height: 13 },
    })
    const tx = await c.getTransaction({ txid: computeTxid(payment) })
    expect(tx.height).toBe(11)
    expect(tx.verification.depth).toBe(2)
    const history = await c.getAddressHistory({ address: alice })
    expect(history.entries.map((e) => [e.height, e.received])).toEqual([
      [0, ALLOCATION],
      [11, 5n * COIN],
    ])
    expect(history).toMatchObject({ blocksScanned: 14, blocksFetched: 2 })
    expect(c.evidence()).toEqual([])
  })

  it('answers a balance asked right after start, before any sync or status: it catches up first', async () => {
    // The utxos answer names the node's tip, which a fresh client has not verified yet, and it
    // may come before the node's status: the client syncs to that tip, then verifies the answer.
    for (let i = 0; i < 3; i++) await expectBalanceRightAfterStart([full.ws])
  })

  it('answers a balance whose tip it learns of only from the answer (the status comes later)', async () => {
    // An honest peer slow to give its status: the utxos answer names a tip the fresh client has
    // no claim for yet, so the client asks the peer's status, syncs to that tip, then verifies.
    const slowStatus = await startLyingProxy(full.ws, {
      status: async (body) => {
        await new Promise((r) => setTimeout(r, 300))
        return body
      },
    })
    stops.push(async () => {
      await slowStatus.libp2p.stop()
    })
    await expectBalanceRightAfterStart([slowStatus.address])
  })

  it('reads verified headers: the newest N, a range from a height, refusals of bad ranges', async () => {
    const { c } = await startClient([full.ws])
    await c.waitForSync()
    const newest = await c.getHeaders({ count: 3 })
    expect(newest.headers.map((h) => h.height)).toEqual([11, 12, 13])
    expect(newest.headers[2]!.hash).toEqual(full.node.chain.tip().hash)
    expect(newest.headers.map((h) => h.verification.depth)).toEqual([2, 1, 0])
    expect(newest.headers[1]!.header.prevHash).toEqual(newest.headers[0]!.hash)
    const fromGenesis = await c.getHeaders({ fromHeight: 0, count: 2 })
    expect(fromGenesis.headers.map((h) => [h.height, h.verification.status])).toEqual([
      [0, 'final'],
      [1, 'verified'],
    ])
    expect((await c.getHeaders({ fromHeight: 12, count: 10 })).headers).toHaveLength(2)
    expect((await c.getHeaders({ fromHeight: 50, count: 10 })).headers).toEqual([])
    await expect(c.getHeaders({ count: 0 })).rejects.toThrow(RangeError)
    await expect(c.getHeaders({ fromHeight: -1, count: 1 })).rejects.toThrow(RangeError)
  })

  it('resumes from IndexedDB after a reload (a new client on the same store)', async () => {
    const indexedDB = new IDBFactory()
    const first = await startClient([full.ws], { indexedDB })
    await first.c.stop()
    const reloaded = createLightClient({
      network: 'devnet',
      bootstrap: [full.ws],
      now: clock.now,
      indexedDB,
    })
    stops.push(() => reloaded.stop())
    const restores: unknown[] = []
    reloaded.on('restore', (e) => restores.push(e))
    await reloaded.start()
    expect(restores).toEqual([{ resumed: true, height: 13 }])
    expect((await reloaded.getChainInfo()).tip.hash).toEqual(full.node.chain.tip().hash)
  })
})

/** The peer ids of the proxy and of the honest node, the honest one scored a point lower. */
async function liarFirst(
  corrupt: Partial<Record<'tx-proof' | 'utxos' | 'filter' | 'filters', Corrupt>>,
) {
  const proxy = await startLyingProxy(full.ws, corrupt)
  stops.push(async () => {
    await proxy.libp2p.stop()
  })
  const { c, net } = await startClient([proxy.address, full.ws])
  const honest = net.peers().find((p) => p.id !== proxy.id)!.id
  // Ties are broken by score: make the liar the first one asked.
  net.penalize({ peer: honest, points: 1, reason: 'test: ask the lying proxy first' })
  const events: Evidence[] = []
  c.on('evidence', (e) => events.push(e))
  return { c, net, proxy, events }
}

async function expectDropped(net: LightClientNetwork, id: string, e: Evidence | undefined) {
  expect(e?.peer).toBe(id)
  expect(e?.outcome).toBe('disconnected')
  await waitUntil(() => !net.peers().some((p) => p.id === id), 'the liar to be dropped', 5_000)
}

describe('lying peers in front of a real node', () => {
  it('a flipped Merkle proof byte: evidence with the answer, the liar dropped, the honest answer used', async () => {
    const flip: Corrupt = (body) => {
      const m = decodeTxProofResponse(body)
      const siblings = m.proof.siblings.map((s) => s.slice())
      siblings[0]![0]! ^= 1
      return encodeTxProofResponse({ ...m, proof: { ...m.proof, siblings } })
    }
    const { c, net, proxy, events } = await liarFirst({ 'tx-proof': flip })
    const tx = await c.getTransaction({ txid: computeTxid(payment) })
    expect(tx.height).toBe(11)
    expect(events.map((e) => e.code)).toEqual(['MERKLE_PROOF_INVALID'])
    expect(c.evidence()).toEqual(events)
    const answer = events[0]?.answer as { proof: { siblings: Uint8Array[] } }
    expect(answer.proof.siblings[0]).toHaveLength(32)
    await expectDropped(net, proxy.id, events[0])
  })

  it('a wrong UTXO amount: SMT proof refused, the verified balance comes from the honest node', async () => {
    const inflate: Corrupt = (body) => {
      const m = decodeUtxosResponse(body)
      const utxos = m.utxos.map((u) => ({
        ...u,
        entry: { ...u.entry, amount: u.entry.amount * 2n },
      }))
      return encodeUtxosResponse({ ...m, utxos })
    }
    const { c, net, proxy, events } = await liarFirst({ utxos: inflate })
    expect((await c.getBalance({ address: alice })).total).toBe(ALLOCATION + 5n * COIN)
    expect(events.map((e) => e.code)).toEqual(['SMT_PROOF_INVALID'])
    await expectDropped(net, proxy.id, events[0])
  })

  it('a filter that omits the address: filterHash refused, the history is still complete', async () => {
    const omit: Corrupt = async (body, request, ask) => {
      const block = decodeBlockResponse(await ask('block', request))
      const mine = encodeLock(ALICE.lock)
      const items = blockFilterItems(block.transactions)
      const kept = items.filter((i) => !equalBytes(i, mine))
      if (kept.length === items.length) return body
      return buildBlockFilter({ key: block.header.prevHash, items: kept })
    }
    // The same lie in a range: every filter of `filters` rebuilt without the address.
    // One block at a time: a node serves at most 8 streams of a protocol per connection at once.
    const omitInRange: Corrupt = async (body, _request, ask) => {
      const items = decodeFiltersResponse(body)
      for (const item of items) item.filter = await omit(item.filter, item.blockHash, ask)
      return encodeFiltersResponse(items)
    }
    const { c, net, proxy, events } = await liarFirst({ filter: omit, filters: omitInRange })
    const history = await c.getAddressHistory({ address: alice, concurrency: 1 })
    expect(history.entries.map((e) => e.height)).toEqual([0, 11])
    expect(events.map((e) => e.code)).toEqual(['FILTER_HASH_MISMATCH'])
    await expectDropped(net, proxy.id, events[0])
  })
})

describe('a reorganisation between two real nodes', () => {
  it('follows the heavier chain when the other node overtakes', async () => {
    const clockA = createClock()
    const clockB = createClock()
    clockB.tick() // B's blocks get other timestamps, so other hashes: two branches from genesis
    const a = await startFullNode({ clock: clockA })
    const b = await startFullNode({ clock: clockB })
    stops.push(() => stopFullNode(b))
    stops.push(() => stopFullNode(a))
    await mineBlocks(a, clockA, 6)
    await mineBlocks(b, clockB, 3)
    const now = () => Math.max(clockA.now(), clockB.now())
    const { c } = await startClient([a.ws, b.ws], { now })
    expect((await c.getChainInfo()).tip.hash).toEqual(a.node.chain.tip().hash)
    const reorgs: unknown[] = []
    c.on('reorg', (e) => reorgs.push(e))
    await mineBlocks(b, clockB, 5)
    const target = b.node.chain.tip().hash
    const deadline = Date.now() + 15_000
    while (!equalBytes((await c.getChainInfo()).tip.hash, target)) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the heavier node’s tip')
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(reorgs).toMatchObject([{ forkHeight: 0, depth: 6, newTip: { height: 8 } }])
    const [third] = await b.node.chain.getHeaders(3, 1)
    expect((await c.getBlock({ height: 3 })).hash).toEqual(hashHeader(third!))
  }, 60_000)
})
