import { computeTxid } from '@supernova/protocol'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RemovalReason } from '../../src/mempool/types.js'
import {
  alice,
  bob,
  type Coin,
  createTestChain,
  fundCoins,
  outputsOf,
  payAtRate,
  startMempool,
  type TestChain,
} from './helpers.js'

const MINUTE = 60_000

describe('expiry on an injected clock and timer', () => {
  let chain: TestChain
  let coins: Coin[]

  beforeAll(async () => {
    chain = await createTestChain()
    coins = await fundCoins(chain, alice, 4)
  })

  it('drops transactions older than expiryMs (1 hour on devnet) with their descendants', async () => {
    const { mempool, clock, scheduler } = await startMempool(chain)
    const removed: RemovalReason[] = []
    mempool.on('removed', (e) => removed.push(e.reason))
    const parent = payAtRate([coins[0]!], alice, 2n)
    await mempool.add(parent)
    clock.t += 30 * MINUTE
    const child = payAtRate(outputsOf(parent, alice), bob, 2n)
    const other = payAtRate([coins[1]!], bob, 2n)
    await mempool.add(child)
    await mempool.add(other)

    clock.t += 29 * MINUTE
    scheduler.runAll() // the expiry timer fires: nothing is an hour old yet
    await mempool.settled()
    expect(mempool.size).toBe(3)

    clock.t += 2 * MINUTE
    scheduler.runAll()
    await mempool.settled()
    // The parent is 61 minutes old; its 31-minute-old child cannot stay without it.
    expect(mempool.has(computeTxid(parent))).toBe(false)
    expect(mempool.has(computeTxid(child))).toBe(false)
    expect(mempool.has(computeTxid(other))).toBe(true)
    expect(removed).toEqual(['expired', 'expired'])

    clock.t += 30 * MINUTE
    expect(await mempool.expire()).toBe(1)
    expect(mempool.size).toBe(0)
    await mempool.stop()
  })

  it('honours a configured expiryMs', async () => {
    const { mempool, clock } = await startMempool(chain, { expiryMs: 5 * MINUTE })
    await mempool.add(payAtRate([coins[2]!], bob, 2n))
    clock.t += 4 * MINUTE
    expect(await mempool.expire()).toBe(0)
    clock.t += 2 * MINUTE
    expect(await mempool.expire()).toBe(1)
    await mempool.stop()
  })
})
