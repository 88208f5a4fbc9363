import { computeTxid, toHex } from '@supernova/protocol'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  alice,
  bob,
  type Coin,
  createTestChain,
  fundCoins,
  outputsOf,
  payAtRate,
  sizeOf,
  startMempool,
  type TestChain,
} from './helpers.js'

const id = (tx: Parameters<typeof computeTxid>[0]) => toHex(computeTxid(tx))

describe('unconfirmed chains and block selection', () => {
  let chain: TestChain
  let coins: Coin[]

  beforeAll(async () => {
    chain = await createTestChain()
    coins = await fundCoins(chain, alice, 4)
  })

  it('a 3-tx chain whose child pays for its parents is selected as a package, parents first', async () => {
    const { mempool } = await startMempool(chain)
    const a = payAtRate([coins[0]!], alice, 1n)
    const b = payAtRate(outputsOf(a, alice), alice, 2n)
    const c = payAtRate(outputsOf(b, alice), bob, 50n)
    const d = payAtRate([coins[1]!], bob, 10n)
    for (const tx of [a, b, c, d]) await mempool.add(tx)

    const entryC = mempool.get(computeTxid(c))!
    expect(entryC.ancestors.count).toBe(3)
    expect(mempool.get(computeTxid(a))!.descendants.count).toBe(3)
    expect(mempool.get(computeTxid(b))!.ancestors.fees).toBe(
      mempool.get(computeTxid(a))!.fee + mempool.get(computeTxid(b))!.fee,
    )

    // Own-rate order would be c, d, b, a; c's package (a+b+c ≈ 17.7/byte) beats d (10/byte).
    const all = mempool.select({ maxBytes: 1_000_000, maxSigChecks: 100 })
    expect(all.entries.map((e) => e.id)).toEqual([a, b, c, d].map(id))
    expect(all.fees).toBe([a, b, c, d].reduce((s, t) => s + mempool.get(computeTxid(t))!.fee, 0n))
    expect(all.sigChecks).toBe(4)

    const pkgBytes = sizeOf(a) + sizeOf(b) + sizeOf(c)
    expect(
      mempool.select({ maxBytes: pkgBytes, maxSigChecks: 100 }).entries.map((e) => e.id),
    ).toEqual([a, b, c].map(id))
    // The package does not fit: the best single transaction that does is d.
    expect(
      mempool.select({ maxBytes: sizeOf(d), maxSigChecks: 100 }).entries.map((e) => e.id),
    ).toEqual([id(d)])
    expect(
      mempool.select({ maxBytes: 1_000_000, maxSigChecks: 1 }).entries.map((e) => e.id),
    ).toEqual([id(d)])
    expect(
      mempool.select({ maxBytes: 1_000_000, maxSigChecks: 2 }).entries.map((e) => e.id),
    ).toEqual([d, a].map(id))

    // Display order is by mining score min(own, ancestor package): c, d, b, a.
    expect(mempool.list().map((e) => e.id)).toEqual([c, d, b, a].map(id))
    expect(mempool.list(2)).toHaveLength(2)

    // a confirms: b and c stay, their package stats shrink.
    await chain.mine([a])
    await mempool.settled()
    expect(mempool.has(computeTxid(a))).toBe(false)
    expect(mempool.get(computeTxid(c))!.ancestors.count).toBe(2)
    expect(mempool.get(computeTxid(b))!.ancestors.count).toBe(1)
    expect(
      mempool.select({ maxBytes: 1_000_000, maxSigChecks: 100 }).entries.map((e) => e.id),
    ).toEqual([b, c, d].map(id))
    await mempool.stop()
  })
})
