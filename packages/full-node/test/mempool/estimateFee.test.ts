import { beforeAll, describe, expect, it } from 'vitest'
import {
  alice,
  bob,
  type Coin,
  createTestChain,
  fundCoins,
  payAtRate,
  sizeOf,
  startMempool,
  type TestChain,
} from './helpers.js'

describe('estimateFee', () => {
  let chain: TestChain
  let coins: Coin[]

  beforeAll(async () => {
    chain = await createTestChain()
    coins = await fundCoins(chain, alice, 60)
  })

  it('falls back to minFeeRate without data, and rejects a bad target', async () => {
    const { mempool } = await startMempool(chain, { minFeeRate: 3n })
    expect(mempool.estimateFee(1)).toEqual({ feeRate: 3n, targetBlocks: 1, samples: 0 })
    expect(() => mempool.estimateFee(0)).toThrow(RangeError)
    expect(() => mempool.estimateFee(1.5)).toThrow(RangeError)
    await mempool.stop()
  })

  it('is high for the next block, lower for later ones, monotonic, never below the floor', async () => {
    const { mempool } = await startMempool(chain)
    // 60 transactions paying 1..60/byte; congested blocks take the best ten each.
    const txs = coins.map((c, i) => payAtRate([c], bob, BigInt(i + 1)))
    for (const tx of txs) await mempool.add(tx)
    const tenTxs = 10 * sizeOf(txs[0]!)
    for (let b = 0; b < 6; b++) {
      const { entries } = mempool.select({ maxBytes: tenTxs, maxSigChecks: 100 })
      expect(entries).toHaveLength(10)
      await chain.mine(entries.map((e) => e.tx))
      await mempool.settled()
    }
    expect(mempool.size).toBe(0)

    const estimates = Array.from({ length: 12 }, (_, i) => mempool.estimateFee(i + 1))
    for (const e of estimates) expect(e.samples).toBe(60)
    const rates = estimates.map((e) => e.feeRate)
    for (let i = 1; i < rates.length; i++) expect(rates[i]!).toBeLessThanOrEqual(rates[i - 1]!)
    // 51..60 all made the next block and 50 joins at 10/11 ≥ 85%; 49 would drop it to 10/12.
    expect(rates[0]).toBe(50n)
    expect(rates[1]!).toBeLessThan(50n)
    expect(rates[5]).toBe(1n) // everything confirmed within six blocks
    expect(rates[11]).toBe(1n)
    await mempool.stop()
  })
})
