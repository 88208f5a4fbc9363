import { COIN, computeTxid } from '@supernova/protocol'
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import type { ChainView } from '../../src/chain/types.js'
import type { MempoolChain, MempoolEntry } from '../../src/mempool/types.js'
import {
  alice,
  bob,
  type Coin,
  carol,
  createTestChain,
  fundCoins,
  outputsOf,
  payAtRate,
  sizeOf,
  spend,
  startMempool,
  type TestChain,
} from './helpers.js'

describe('queries and events', () => {
  let chain: TestChain
  let coins: Coin[]

  beforeAll(async () => {
    chain = await createTestChain()
    coins = await fundCoins(chain, alice, 4, 10n * COIN)
  })

  it('the node’s ChainView satisfies the mempool’s chain port', () => {
    expectTypeOf<ChainView>().toMatchTypeOf<MempoolChain>()
  })

  it('get/has/size/bytes, added events, balanceDelta and the fee histogram', async () => {
    const { mempool } = await startMempool(chain)
    const added: MempoolEntry[] = []
    mempool.on('added', ({ entry }) => added.push(entry))
    const toBob = spend(
      [coins[0]!],
      [
        { amount: 3n * COIN, lock: bob.lock },
        { amount: 7n * COIN - 5_000n, lock: alice.lock },
      ],
    )
    const r = await mempool.add(toBob)
    expect(r).toMatchObject({ fee: 5_000n, size: sizeOf(toBob), replaced: [] })
    expect(r.feeRate).toBeCloseTo(5_000 / sizeOf(toBob), 9)
    expect(added.map((e) => e.id)).toEqual([mempool.get(r.txid)!.id])
    expect(mempool.has(r.txid)).toBe(true)
    expect(mempool.has(computeTxid(payAtRate([coins[1]!], bob, 1n)))).toBe(false)

    expect(mempool.balanceDelta(bob.lock)).toEqual({
      received: 3n * COIN,
      spent: 0n,
      net: 3n * COIN,
    })
    expect(mempool.balanceDelta(alice.lock)).toEqual({
      received: 7n * COIN - 5_000n,
      spent: 10n * COIN,
      net: -3n * COIN - 5_000n,
    })
    // Bob spends his unconfirmed coin onwards.
    const onward = payAtRate(outputsOf(toBob, bob), carol, 40n)
    await mempool.add(onward)
    expect(mempool.balanceDelta(bob.lock)).toEqual({
      received: 3n * COIN,
      spent: 3n * COIN,
      net: 0n,
    })
    expect(mempool.balanceDelta(carol.lock).received).toBe(3n * COIN - 40n * BigInt(sizeOf(onward)))

    const cheap = payAtRate([coins[2]!], bob, 2n)
    await mempool.add(cheap)
    expect(mempool.size).toBe(3)
    expect(mempool.bytes).toBe(sizeOf(toBob) + sizeOf(onward) + sizeOf(cheap))
    const hist = mempool.histogram()
    expect(hist.reduce((s, b) => s + b.count, 0)).toBe(3)
    expect(hist.reduce((s, b) => s + b.bytes, 0)).toBe(mempool.bytes)
    expect(hist.find((b) => b.from === 2)).toEqual({
      from: 2,
      to: 3,
      count: 1,
      bytes: sizeOf(cheap),
    })
    await mempool.stop()
  })
})
