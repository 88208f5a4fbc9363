import { computeTxid, type Transaction, toHex } from '@supernova/protocol'
import { beforeAll, describe, expect, it } from 'vitest'
import type { MempoolError } from '../../src/mempool/errors.js'
import type { RemovalReason } from '../../src/mempool/types.js'
import {
  alice,
  bob,
  type Coin,
  codeOf,
  createTestChain,
  fundCoins,
  outputsOf,
  pay,
  payAtRate,
  sizeOf,
  startMempool,
  type TestChain,
} from './helpers.js'

const id = (tx: Transaction) => toHex(computeTxid(tx))
const HOUR = 3_600_000

describe('caps, eviction by fee rate and the rolling minimum fee', () => {
  let chain: TestChain
  let coins: Coin[]
  const next = () => coins.shift()!

  beforeAll(async () => {
    chain = await createTestChain()
    coins = await fundCoins(chain, alice, 60)
  })

  it('at the count cap the lowest fee rate is evicted; the rolling minimum then decays', async () => {
    const { mempool, clock } = await startMempool(chain, {
      maxTransactions: 5,
      expiryMs: 1_000 * HOUR,
    })
    const evicted: [string, RemovalReason][] = []
    mempool.on('removed', ({ entry, reason }) => evicted.push([entry.id, reason]))
    const txs = [2n, 3n, 4n, 5n, 6n].map((r) => payAtRate([next()], bob, r))
    for (const tx of txs) await mempool.add(tx)
    await mempool.add(payAtRate([next()], bob, 10n))
    expect(mempool.size).toBe(5)
    expect(evicted).toEqual([[id(txs[0]!), 'evicted']])
    expect(mempool.minFeeRate()).toBeCloseTo(3, 6) // evicted 2/byte + the 1/byte increment

    // Room again (two confirm), yet 2/byte stays refused until the rolling minimum decays.
    await chain.mine([txs[1]!, txs[2]!])
    await mempool.settled()
    expect(mempool.size).toBe(3)
    const low = payAtRate([next()], bob, 2n)
    const err = (await mempool.add(low).catch((e: unknown) => e)) as MempoolError
    expect(err.code).toBe('POOL_FULL')
    expect(err.details.minFeeRate).toBeCloseTo(3, 6)
    clock.t += 24 * HOUR
    expect(mempool.minFeeRate()).toBe(1)
    await mempool.add(low)
    await mempool.stop()
  })

  it('evicts a package with its descendants, and a child paying for its parent protects it', async () => {
    const { mempool } = await startMempool(chain, { maxTransactions: 4 })
    const p = payAtRate([next()], alice, 2n)
    const pc = payAtRate(outputsOf(p, alice), bob, 3n)
    const q = payAtRate([next()], bob, 5n)
    const r = payAtRate([next()], bob, 6n)
    for (const tx of [p, pc, q, r]) await mempool.add(tx)
    await mempool.add(payAtRate([next()], bob, 10n))
    expect(mempool.size).toBe(3)
    expect(mempool.has(computeTxid(p))).toBe(false)
    expect(mempool.has(computeTxid(pc))).toBe(false)
    await mempool.stop()

    const h = await startMempool(chain, { maxTransactions: 4 })
    const cheapParent = payAtRate([next()], alice, 1n)
    const richChild = payAtRate(outputsOf(cheapParent, alice), bob, 40n)
    const mid = payAtRate([next()], bob, 5n)
    const high = payAtRate([next()], bob, 6n)
    for (const tx of [cheapParent, richChild, mid, high]) await h.mempool.add(tx)
    await h.mempool.add(payAtRate([next()], bob, 10n))
    expect(h.mempool.has(computeTxid(cheapParent))).toBe(true)
    expect(h.mempool.has(computeTxid(mid))).toBe(false)
    await h.mempool.stop()
  })

  it('refuses a newcomer whose unconfirmed parent is the cheapest package', async () => {
    const { mempool } = await startMempool(chain, { maxTransactions: 3 })
    const parent = payAtRate([next()], alice, 1n)
    await mempool.add(parent)
    await mempool.add(payAtRate([next()], bob, 5n))
    await mempool.add(payAtRate([next()], bob, 6n))
    const err = (await mempool
      .add(payAtRate(outputsOf(parent, alice), bob, 2n))
      .catch((e: unknown) => e)) as MempoolError
    expect(err.code).toBe('POOL_FULL')
    expect(err.details.ancestor).toBe(id(parent))
    expect(mempool.size).toBe(3)
    await mempool.stop()
  })

  it('keeps the byte cap, evicting as many cheap transactions as a big one needs', async () => {
    const small = [4n, 5n, 6n].map((r) => payAtRate([next()], bob, r))
    const bytes = small.reduce((s, t) => s + sizeOf(t), 0)
    const { mempool } = await startMempool(chain, { maxBytes: bytes + 10 })
    for (const tx of small) await mempool.add(tx)
    expect(mempool.bytes).toBe(bytes)
    // Four outputs: bigger than one small tx, smaller than two.
    const big = payAtRate([next()], bob, 8n, 4)
    expect(sizeOf(big)).toBeGreaterThan(sizeOf(small[0]!))
    await mempool.add(big)
    expect(mempool.bytes).toBeLessThanOrEqual(bytes + 10)
    expect(mempool.has(computeTxid(small[0]!))).toBe(false)
    expect(mempool.has(computeTxid(big))).toBe(true)
    expect(await codeOf(mempool.add(payAtRate([next()], bob, 3n)))).toBe('POOL_FULL')
    // A transaction larger than the whole cap can never fit.
    expect(await codeOf(mempool.add(pay([next()], bob, 1_000_000n, 40)))).toBe('POOL_FULL')
    await mempool.stop()
  })
})

describe('the real 10,000-transaction cap', () => {
  it('holds 10,000 transactions and evicts the cheapest for a better one', async () => {
    const chain = await createTestChain()
    const coins = await fundCoins(chain, alice, 10_002, 1_000_000n)
    const { mempool } = await startMempool(chain)
    const rate = (i: number) => (i === 0 ? 1n : 2n + BigInt(i % 50))
    const txs = coins.slice(0, 10_000).map((c, i) => payAtRate([c], bob, rate(i)))
    for (const tx of txs) await mempool.add(tx)
    expect(mempool.size).toBe(10_000)
    expect(await codeOf(mempool.add(payAtRate([coins[10_000]!], bob, 1n)))).toBe('POOL_FULL')
    const cheapest = id(txs[0]!)
    await mempool.add(payAtRate([coins[10_001]!], bob, 100n))
    expect(mempool.size).toBe(10_000)
    expect(mempool.list(10_000).some((e) => e.id === cheapest)).toBe(false)
    await mempool.stop()
  }, 120_000)
})
