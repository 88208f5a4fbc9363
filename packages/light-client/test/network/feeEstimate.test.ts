import {
  COIN,
  computeTxid,
  devnetAccount,
  encodeFeeEstimateResponse,
  type Transaction,
} from '@supernova/protocol'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  createLightClientNetwork,
  type LightClientNetwork,
} from '../../src/network/createLightClientNetwork.js'
import { NetworkError } from '../../src/network/errors.js'
import { BAD_RESPONSE_POINTS } from '../../src/network/requests.js'
import {
  type Clock,
  createClock,
  mineBlocks,
  mineWith,
  payFrom,
  startFullNode,
  stopFullNode,
  type TestNode,
} from './fullNode.js'
import { ok, startRawNode } from './rawNode.js'

const carol = devnetAccount(2)
let clock: Clock
let a: TestNode
let net: LightClientNetwork

beforeAll(async () => {
  clock = createClock()
  a = await startFullNode({ clock })
  await mineBlocks(a, clock, 11) // genesis allocations mature after 10 blocks
  net = createLightClientNetwork({ network: 'devnet', bootstrap: [a.ws], now: clock.now })
  await net.start()
  await net.waitForPeers({ count: 1, timeoutMs: 10_000 })
}, 60_000)

afterAll(async () => {
  await net?.stop()
  if (a) await stopFullNode(a)
})

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

describe('getFeeEstimate against a real full node', () => {
  it('with no observations: the relay floor and 0 samples, from the node asked', async () => {
    const r = await net.getFeeEstimate({ targetBlocks: 6 })
    expect(r).toEqual({
      peer: a.node.network.peerId(),
      targetBlocks: 6,
      feeRate: 1n,
      minFeeRate: a.node.params.mempool.minFeeRate,
      tipHeight: 11,
      samples: 0,
    })
  })

  it('after a block of payments the mempool saw: its estimate, per byte of the full encoding', async () => {
    const txs: Transaction[] = []
    for (let i = 3; i < 9; i++)
      txs.push(await payFrom(a, devnetAccount(i), carol.lock, COIN, 50_000n))
    for (const tx of txs) await a.node.mempool.add(tx)
    const lowest = Math.min(...txs.map((tx) => 50_000 / a.node.mempool.get(computeTxid(tx))!.size))
    await mineWith(a, clock, txs)
    for (const targetBlocks of [1, 3, 1008]) {
      const r = await net.getFeeEstimate({ targetBlocks })
      expect(r.feeRate, `target ${targetBlocks}`).toBe(
        a.node.mempool.estimateFee(targetBlocks).feeRate,
      )
      expect(r.feeRate).toBe(BigInt(Math.ceil(lowest)))
      expect(r).toMatchObject({ minFeeRate: 1n, tipHeight: 12, samples: 6 })
    }
  })

  it('a target outside 1..1008 is refused before anything is sent', async () => {
    for (const targetBlocks of [0, 1009, 2.5])
      await expect(net.getFeeEstimate({ targetBlocks })).rejects.toThrow(RangeError)
  })
})

describe('getFeeEstimate against a lying node', () => {
  it('an estimate below its own floor or a short answer is BAD_RESPONSE, and costs points', async () => {
    const bad = encodeFeeEstimateResponse({
      feeRate: 5n,
      minFeeRate: 5n,
      tipHeight: 5,
      samples: 1,
    })
    bad[0] = 4 // feeRate 4 under minFeeRate 5
    const raw = await startRawNode({ 'fee-estimate': ok(bad) })
    cleanups.push(async () => {
      await raw.libp2p.stop()
    })
    const liar = createLightClientNetwork({
      network: 'devnet',
      bootstrap: [raw.address],
      now: () => 1_000_000,
    })
    cleanups.push(() => liar.stop())
    await liar.start()
    await liar.waitForPeers({ count: 1, timeoutMs: 10_000 })
    const err = await liar.getFeeEstimate({ targetBlocks: 2 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NetworkError)
    expect((err as NetworkError).code).toBe('BAD_RESPONSE')
    expect((err as NetworkError).peerAction).toBe('penalize')
    expect(liar.peers()[0]?.score).toBe(-BAD_RESPONSE_POINTS)
  })
})
