import { computeTxid, type Transaction, toHex } from '@supernova/protocol'
import { beforeAll, describe, expect, it } from 'vitest'
import type { MempoolEntry, RemovalReason } from '../../src/mempool/types.js'
import {
  alice,
  bob,
  type Coin,
  carol,
  createTestChain,
  fundCoins,
  outputsOf,
  pay,
  payAtRate,
  startMempool,
  type TestChain,
} from './helpers.js'

const id = (tx: Transaction) => toHex(computeTxid(tx))

function record(mempool: {
  on: (e: 'removed', l: (x: { entry: MempoolEntry; reason: RemovalReason }) => void) => void
}) {
  const removed: [string, RemovalReason][] = []
  mempool.on('removed', ({ entry, reason }) => removed.push([entry.id, reason]))
  return removed
}

describe('chain events', () => {
  let chain: TestChain
  let coins: Coin[]
  const next = () => coins.shift()!

  beforeAll(async () => {
    chain = await createTestChain()
    coins = await fundCoins(chain, alice, 20)
  })

  it('a block confirming a double spend removes the conflict and its descendants', async () => {
    const { mempool } = await startMempool(chain)
    const removed = record(mempool)
    const x = next()
    const t = payAtRate([x], bob, 2n)
    const tc = payAtRate(outputsOf(t, bob), carol, 2n)
    const confirmedHere = payAtRate([next()], bob, 2n)
    const unrelated = payAtRate([next()], bob, 2n)
    for (const tx of [t, tc, confirmedHere, unrelated]) await mempool.add(tx)
    const rival = pay([x], carol, 20_000n) // never seen by the pool
    await chain.mine([rival, confirmedHere])
    await mempool.settled()
    expect(removed.sort()).toEqual(
      [
        [id(confirmedHere), 'confirmed'],
        [id(t), 'conflict'],
        [id(tc), 'conflict'],
      ].sort(),
    )
    expect(mempool.size).toBe(1)
    expect(mempool.has(computeTxid(unrelated))).toBe(true)
    await mempool.stop()
  })

  it('re-adds the transactions of disconnected blocks, relinking pool children, parents first', async () => {
    const { mempool } = await startMempool(chain)
    const added: string[] = []
    mempool.on('added', ({ entry }) => added.push(entry.id))
    const a = payAtRate([next()], alice, 2n)
    const b = payAtRate(outputsOf(a, alice), alice, 2n)
    const c = payAtRate(outputsOf(b, alice), bob, 2n)
    for (const tx of [a, b, c]) await mempool.add(tx)
    await chain.mine([a])
    await chain.mine([b])
    await mempool.settled()
    expect(mempool.size).toBe(1)
    expect(mempool.get(computeTxid(c))!.ancestors.count).toBe(1)
    added.length = 0
    const removed = record(mempool)

    // Both blocks leave for a heavier branch of three empty blocks.
    await chain.reorg(2, [[], [], []])
    await mempool.settled()
    expect(mempool.size).toBe(3)
    expect(added).toEqual([id(a), id(b)]) // c never left, as far as listeners are concerned
    expect(removed).toEqual([])
    expect(mempool.get(computeTxid(c))!.ancestors.count).toBe(3)
    expect(mempool.get(computeTxid(a))!.descendants.count).toBe(3)
    expect(
      mempool.select({ maxBytes: 1_000_000, maxSigChecks: 100 }).entries.map((e) => e.id),
    ).toEqual([a, b, c].map(id))
    await mempool.stop()
  })

  it('drops disconnected transactions the new branch double-spent, and their children with reorg-invalid', async () => {
    const { mempool } = await startMempool(chain)
    const x = next()
    const t = payAtRate([x], bob, 2n)
    await mempool.add(t)
    await chain.mine([t])
    await mempool.settled()
    const child = payAtRate(outputsOf(t, bob), carol, 2n)
    await mempool.add(child)
    expect(mempool.get(computeTxid(child))!.ancestors.count).toBe(1)
    const removed = record(mempool)

    await chain.reorg(1, [[pay([x], carol, 30_000n)], []])
    await mempool.settled()
    expect(mempool.has(computeTxid(t))).toBe(false)
    expect(mempool.has(computeTxid(child))).toBe(false)
    expect(removed).toEqual([[id(child), 'reorg-invalid']])
    await mempool.stop()
  })

  it('a re-added transaction leaves as a conflict when a later block double-spends it', async () => {
    const { mempool } = await startMempool(chain)
    const x = next()
    const t = payAtRate([x], bob, 2n)
    await mempool.add(t)
    await chain.mine([t])
    await chain.reorg(1, [[], []])
    await mempool.settled()
    expect(mempool.has(computeTxid(t))).toBe(true)
    const removed = record(mempool)
    await chain.mine([pay([x], carol, 30_000n)])
    await mempool.settled()
    expect(removed).toEqual([[id(t), 'conflict']])
    expect(mempool.size).toBe(0)
    await mempool.stop()
  })

  it('after a deep reorg, what the new branch confirmed stays out and the rest returns', async () => {
    const { mempool } = await startMempool(chain)
    const txs = [next(), next(), next()].map((c) => payAtRate([c], bob, 3n))
    await chain.mine(txs.slice(0, 2))
    await chain.mine(txs.slice(2))
    await mempool.settled()
    await chain.reorg(2, [[txs[1]!], [], []])
    await mempool.settled()
    expect(mempool.has(computeTxid(txs[0]!))).toBe(true)
    expect(mempool.has(computeTxid(txs[1]!))).toBe(false)
    expect(mempool.has(computeTxid(txs[2]!))).toBe(true)
    await mempool.stop()
  })
})
