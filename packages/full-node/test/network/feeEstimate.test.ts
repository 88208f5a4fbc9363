import { rmSync } from 'node:fs'
import type { Libp2p } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import { COIN, computeTxid, devnetAccount, type Transaction } from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RequestContext, requestFeeEstimate, requestRaw } from '../../src/network/client.js'
import { NetworkError } from '../../src/network/errors.js'
import { feeEstimateFor } from '../../src/network/feeEstimate.js'
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

describe('fee-estimate against a real node', () => {
  it('with no observations: the relay floor, 0 samples, the tip height', async () => {
    const answer = await requestFeeEstimate(ctx, target, 2)
    expect(answer).toEqual({ feeRate: 1n, minFeeRate: 1n, tipHeight: 11, samples: 0 })
    expect(answer.feeRate).toBe(node.mempool.estimateFee(2).feeRate)
    expect(BigInt(node.mempool.minFeeRate())).toBe(node.chain.params.mempool.minFeeRate)
  })

  it('after a block of observed payments: the mempool’s estimate, in its units', async () => {
    // Six payments from six genesis allocations at 100,000 units each (~ 400 units/byte).
    const txs: Transaction[] = []
    for (let i = 0; i < 6; i++)
      txs.push(await pay(node.chain, devnetAccount(i), carol.lock, COIN, 100_000n))
    for (const tx of txs) await node.mempool.add(tx)
    const sizes = txs.map((tx) => node.mempool.get(computeTxid(tx))!.size)
    await mineBlock(node.chain, clock, { txs })
    await node.mempool.settled()
    for (const t of [1, 2, 100, 1008]) {
      const answer = await requestFeeEstimate(ctx, target, t)
      const local = node.mempool.estimateFee(t)
      expect(answer, `target ${t}`).toEqual({
        feeRate: local.feeRate,
        minFeeRate: 1n,
        tipHeight: 12,
        samples: 6,
      })
      // The lowest of the six rates (fee ÷ full encoded size), rounded up.
      const lowest = Math.min(...sizes.map((s) => 100_000 / s))
      expect(answer.feeRate).toBe(BigInt(Math.ceil(lowest)))
    }
    expect(clientScore()).toBe(0)
  })

  it('a target outside 1..1008 or trailing bytes → BAD_REQUEST, and costs points', async () => {
    const before = clientScore()
    for (const bytes of [Uint8Array.of(0, 0), Uint8Array.of(0xf1, 0x03), Uint8Array.of(1)]) {
      const err = await failure(requestRaw(ctx, target, 'fee-estimate', bytes))
      expect(err.code).toBe('BAD_REQUEST')
    }
    const err = await failure(requestRaw(ctx, target, 'fee-estimate', Uint8Array.of(1, 0, 0)))
    expect(err.code).toBe('TOO_LARGE')
    expect(clientScore()).toBeGreaterThan(before + 39)
    await expect(requestFeeEstimate(ctx, target, 0)).rejects.toThrow(RangeError)
  })

  it('the answer is consistent even when the rolling floor is fractional', () => {
    const answer = feeEstimateFor(
      {
        mempool: { estimateFee: () => ({ feeRate: 2n, samples: 3 }), minFeeRate: () => 2.5 },
        chain: { tip: () => ({ ...node.chain.tip(), height: 7 }) },
      },
      6,
    )
    expect(answer).toEqual({ feeRate: 3n, minFeeRate: 3n, tipHeight: 7, samples: 3 })
  })
})

describe('fee-estimate rate limit', () => {
  it('over the request rate → RATE_LIMITED (a frame that fits the cap)', async () => {
    const limitedClock = createClock()
    const limited = await startTestNode({
      clock: limitedClock,
      tuning: { rateBurst: 1, ratePerSecond: 0.001 },
    })
    try {
      const addr = multiaddr(tcpAddr(limited))
      expect((await requestFeeEstimate(ctx, addr, 1)).tipHeight).toBe(0)
      const err = await failure(requestFeeEstimate(ctx, addr, 1))
      expect(err.code).toBe('RATE_LIMITED')
    } finally {
      await limited.stop()
      rmSync(limited.dir, { recursive: true, force: true })
    }
  })
})
