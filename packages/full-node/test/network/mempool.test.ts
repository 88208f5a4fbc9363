import { rmSync } from 'node:fs'
import type { Libp2p } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import {
  COIN,
  computeTxid,
  devnetAccount,
  encodeTransaction,
  feeRateBucket,
  MAX_MEMPOOL_SUMMARY_ENTRIES,
  MEMPOOL_FEE_RATE_EDGES,
  type Transaction,
  toHex,
} from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RequestContext, requestRaw } from '../../src/network/client.js'
import { NetworkError } from '../../src/network/errors.js'
import { requestMempoolSummary, requestMempoolTx } from '../../src/network/mempoolRequests.js'
import { mempoolSummaryOf } from '../../src/network/mempoolViews.js'
import { carol, mineBlock, pay } from '../helpers/chain.js'
import {
  type Clock,
  createClient,
  createClock,
  startTestNode,
  type TestNode,
  tcpAddr,
} from './helpers.js'

let clock: Clock
let node: TestNode
let client: Libp2p
let ctx: RequestContext
let target: ReturnType<typeof multiaddr>
const txs: Transaction[] = []

beforeAll(async () => {
  clock = createClock()
  node = await startTestNode({ clock, tuning: { statusIntervalMs: 600_000 } })
  for (let i = 0; i < 11; i++) await mineBlock(node.chain, clock)
  client = await createClient()
  ctx = { libp2p: client, network: 'devnet' }
  target = multiaddr(tcpAddr(node))
}, 60_000)

afterAll(async () => {
  await client?.stop()
  await node?.stop()
  if (node) rmSync(node.dir, { recursive: true, force: true })
})

async function failure(p: Promise<unknown>): Promise<NetworkError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(NetworkError)
  return err as NetworkError
}

const clientScore = () =>
  node.network.getPeers().find((p) => p.peerId === client.peerId.toString())?.score ?? 0

describe('mempool-summary and mempool-tx against a real node', () => {
  it('an empty pool: zero counts, 18 empty buckets, an empty projected block', async () => {
    const s = await requestMempoolSummary(ctx, target)
    expect(s.tipHeight).toBe(11)
    expect(Math.abs(s.time - Date.now())).toBeLessThan(60_000) // the network's wall clock
    expect(s.txCount).toBe(0)
    expect(s.totalBytes).toBe(0)
    expect(s.minFeeRate).toBe(1)
    expect(s.histogram.map((b) => b.from)).toEqual(MEMPOOL_FEE_RATE_EDGES)
    expect(s.histogram.every((b) => b.count === 0)).toBe(true)
    expect(s.projected).toEqual({ txCount: 0, bytes: 0, fees: 0n, minFeeRate: 0, maxFeeRate: 0 })
    expect(s.recent).toEqual([])
  })

  it('after payments: counts, bytes, buckets, the template and the newest first', async () => {
    const fees = [10_000n, 50_000n, 200_000n, 1_000n]
    for (const [i, fee] of fees.entries()) {
      const tx = await pay(node.chain, devnetAccount(i), carol.lock, COIN, fee)
      clock.tick(1_000) // distinct first-seen times
      await node.mempool.add(tx)
      txs.push(tx)
    }
    const s = await requestMempoolSummary(ctx, target)
    const sizes = txs.map((tx) => encodeTransaction(tx).length)
    expect(s.txCount).toBe(4)
    expect(s.totalBytes).toBe(sizes.reduce((a, b) => a + b, 0))
    for (const [i, fee] of fees.entries()) {
      const b = s.histogram[feeRateBucket(Number(fee) / sizes[i]!)]!
      expect(b.count).toBeGreaterThan(0)
    }
    // Newest first, with the node's entry times, sizes and fees.
    expect(s.recent.map((e) => toHex(e.txid))).toEqual(
      [...txs].reverse().map((tx) => toHex(computeTxid(tx))),
    )
    expect(s.recent[0]).toMatchObject({ size: sizes[3], fee: 1_000n })
    expect(s.recent[0]!.firstSeen).toBe(node.mempool.get(computeTxid(txs[3]!))!.time)
    // Everything fits one block: the template takes all four.
    expect(s.projected.txCount).toBe(4)
    expect(s.projected.fees).toBe(261_000n)
    expect(s.projected.bytes).toBe(s.totalBytes)
    expect(s.projected.minFeeRate).toBeLessThanOrEqual(1_000 / sizes[3]!)
    expect(s.projected.maxFeeRate).toBeGreaterThanOrEqual(200_000 / sizes[2]!)
    expect(clientScore()).toBe(0)
  })

  it('mempool-tx: the pool’s transaction and its first-seen time, NOT_FOUND otherwise', async () => {
    const tx = txs[1]!
    const m = await requestMempoolTx(ctx, target, computeTxid(tx))
    expect(m?.tx).toEqual(tx)
    expect(m?.bytes).toEqual(encodeTransaction(tx))
    expect(m?.firstSeen).toBe(node.mempool.get(computeTxid(tx))!.time)
    expect(await requestMempoolTx(ctx, target, new Uint8Array(32).fill(7))).toBeUndefined()
  })

  it('a mined transaction leaves both views', async () => {
    await mineBlock(node.chain, clock, { txs: [txs[0]!] })
    await node.mempool.settled()
    clock.tick(1_000)
    expect(await requestMempoolTx(ctx, target, computeTxid(txs[0]!))).toBeUndefined()
    const s = await requestMempoolSummary(ctx, target)
    expect(s.tipHeight).toBe(12)
    expect(s.txCount).toBe(3)
  })

  it('bad requests → BAD_REQUEST / TOO_LARGE, and cost points', async () => {
    const before = clientScore()
    expect((await failure(requestRaw(ctx, target, 'mempool-tx', new Uint8Array(31)))).code).toBe(
      'BAD_REQUEST',
    )
    expect((await failure(requestRaw(ctx, target, 'mempool-tx', new Uint8Array(33)))).code).toBe(
      'TOO_LARGE',
    )
    expect((await failure(requestRaw(ctx, target, 'mempool-summary', Uint8Array.of(0)))).code).toBe(
      'TOO_LARGE',
    )
    expect(clientScore()).toBeGreaterThan(before + 29)
  })
})

describe('mempoolSummaryOf', () => {
  it('lists at most 50 entries, newest first with ties by txid, and rounds rates outward', () => {
    const entries = Array.from({ length: 60 }, (_, i) => ({
      tx: undefined as unknown as Transaction,
      txid: new Uint8Array(32).fill(i),
      id: toHex(new Uint8Array(32).fill(i)),
      size: 300,
      fee: BigInt(1000 + i),
      feeRate: (1000 + i) / 300,
      time: Math.floor(i / 2),
    }))
    const s = mempoolSummaryOf({
      mempool: {
        get: () => undefined,
        entries: () => entries,
        projectBlock: () => ({ entries: entries.slice(0, 2), fees: 2001n, bytes: 600 }),
        minFeeRate: () => 1,
        stats: () => ({ count: 60, bytes: 18_000 }),
      },
      chain: { tip: () => ({ ...node.chain.tip(), height: 3 }) },
      now: () => 99,
    })
    expect(s.recent.length).toBe(MAX_MEMPOOL_SUMMARY_ENTRIES)
    expect(s.recent[0]!.firstSeen).toBe(29)
    expect(toHex(s.recent[0]!.txid)).toBe(entries[58]!.id) // time 29: ids 58 and 59, 58 first
    expect(s.projected.minFeeRate).toBe(3.333)
    expect(s.projected.maxFeeRate).toBe(3.337)
    expect(s.txCount).toBe(60)
    expect(s.histogram[feeRateBucket(3.4)]!.count).toBe(60)
  })
})
