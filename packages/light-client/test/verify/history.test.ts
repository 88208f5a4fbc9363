import {
  buildBlockFilter,
  COIN,
  computeTxid,
  encodeLock,
  equalBytes,
  hashHeader,
  type Transaction,
} from '@supernova/protocol'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { scanAddressHistory } from '../../src/verify/addressHistory.js'
import { FilterCache } from '../../src/verify/filterCache.js'
import { setupVerify } from './setup.js'
import { ALICE, BOB, FAUCET, TestChain } from './testChain.js'

let main: TestChain
let toAlice: Transaction
let toBob: Transaction

beforeAll(async () => {
  main = await TestChain.create()
  await main.mine(10)
  toAlice = main.pay(ALICE.lock, 5n * COIN, FAUCET)
  await main.mine(2, { transactions: [toAlice] })
  toBob = main.pay(BOB.lock, 2n * COIN, ALICE)
  await main.mine(3, { transactions: [toBob] })
})

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const s of stops.splice(0)) await s()
})

async function withPeers(
  peers: [
    string,
    TestChain,
    Parameters<Awaited<ReturnType<typeof setupVerify>>['fake']['add']>[2]?,
  ][],
) {
  const s = await setupVerify()
  stops.push(() => s.sync.stop())
  for (const [id, chain, tamper] of peers) s.fake.add(id, chain, tamper)
  await s.sync.sync()
  return s
}

describe('address history from committed filters', () => {
  it('finds every transaction paying or spending the lock, each block checked', async () => {
    const { ctx, cache } = await withPeers([['p', main]])
    const h = await scanAddressHistory(ctx, cache, { lock: ALICE.lock })
    expect(h.fromHeight).toBe(0)
    expect(h.toHeight).toBe(15)
    expect(h.blocksScanned).toBe(16)
    expect(h.blocksFetched).toBe(3)
    expect(h.verification).toMatchObject({ header: { height: 15 }, depth: 0, status: 'verified' })
    const entries = h.entries.map((e) => ({
      height: e.height,
      index: e.index,
      received: e.received,
      sent: e.sent,
      spends: e.spends.length,
    }))
    // Genesis allocation (final: the pinned genesis), the payment in, the payment out with change.
    const allocation = 1_000_000n * COIN
    expect(entries).toEqual([
      { height: 0, index: 0, received: allocation, sent: 0n, spends: 0 },
      { height: 11, index: 1, received: 5n * COIN, sent: 0n, spends: 0 },
      {
        height: 13,
        index: 1,
        received: toBob.outputs[1]!.amount,
        sent: allocation,
        spends: 1,
      },
    ])
    expect(h.entries[0]?.verification.status).toBe('final')
    expect(h.entries[2]?.txid).toEqual(computeTxid(toBob))
    expect(h.entries[2]?.blockHash).toEqual(hashHeader(main.headers[13]!))
    expect(h.entries[1]?.verification.depth).toBe(4)
  })

  it('from a birth height, the bob side sees only its payment', async () => {
    const { ctx, cache } = await withPeers([['p', main]])
    const h = await scanAddressHistory(ctx, cache, { lock: BOB.lock, fromHeight: 5 })
    expect(h.entries.map((e) => [e.height, e.received])).toEqual([[13, 2n * COIN]])
    expect(h.blocksScanned).toBe(11)
  })

  it('a filter that omits the address is refused (filterHash) and the honest peer’s used', async () => {
    const omit = (filter: Uint8Array, req: unknown) => {
      const blockHash = (req as { blockHash: Uint8Array }).blockHash
      const block = main.block(blockHash)!
      const alice = encodeLock(ALICE.lock)
      const items = block.transactions.flatMap((tx) => tx.outputs.map((o) => encodeLock(o.lock)))
      const kept = items.filter((i) => !equalBytes(i, alice))
      return kept.length === items.length
        ? filter
        : buildBlockFilter({ key: block.header.prevHash, items: kept })
    }
    const omitInRange = (items: { blockHash: Uint8Array; filter: Uint8Array }[]) =>
      items.map((i) => ({ ...i, filter: omit(i.filter, { blockHash: i.blockHash }) }))
    const { ctx, cache, evidence, fake } = await withPeers([
      ['a-liar', main, { filter: omit, filters: omitInRange }],
      ['b-honest', main],
    ])
    const h = await scanAddressHistory(ctx, cache, { lock: ALICE.lock, concurrency: 1 })
    expect(h.entries.map((e) => e.height)).toEqual([0, 11, 13])
    const [e] = evidence.list()
    expect(e).toMatchObject({
      peer: 'a-liar',
      code: 'FILTER_HASH_MISMATCH',
      outcome: 'disconnected',
    })
    expect(fake.banned.has('a-liar')).toBe(true)
  })

  it('verified filters are cached per block hash: a second scan asks for no filter', async () => {
    const { ctx, fake } = await withPeers([['p', main]])
    const cache = new FilterCache({ maxEntries: 100 })
    await scanAddressHistory(ctx, cache, { lock: ALICE.lock })
    expect(cache.size).toBe(16)
    const before = fake.peer('p')!.requests
    const bob = await scanAddressHistory(ctx, cache, { lock: BOB.lock })
    // Only the blocks matching bob are fetched: genesis (allocation) and 13.
    expect(fake.peer('p')!.requests - before).toBe(2)
    expect(bob.entries.map((e) => e.height)).toEqual([0, 13])
  })

  it('the filter cache is bounded in entries and bytes, least recently used dropped first', () => {
    const cache = new FilterCache({ maxEntries: 2, maxBytes: 10 })
    const k = (n: number) => new Uint8Array(32).fill(n)
    cache.set(k(1), new Uint8Array(4))
    cache.set(k(2), new Uint8Array(4))
    cache.get(k(1))
    cache.set(k(3), new Uint8Array(4))
    expect(cache.get(k(2))).toBeUndefined()
    expect(cache.get(k(1))).toBeDefined()
    expect(cache.size).toBe(2)
    cache.set(k(4), new Uint8Array(8))
    expect(cache.bytes).toBeLessThanOrEqual(10)
    expect(cache.size).toBe(1)
    cache.set(k(5), new Uint8Array(11))
    expect(cache.get(k(5))).toBeUndefined()
  })

  it('bounds: heights outside the verified chain and bad concurrency are RangeErrors', async () => {
    const { ctx, cache } = await withPeers([['p', main]])
    await expect(
      scanAddressHistory(ctx, cache, { lock: ALICE.lock, fromHeight: 16 }),
    ).rejects.toThrow(RangeError)
    await expect(
      scanAddressHistory(ctx, cache, { lock: ALICE.lock, toHeight: 99 }),
    ).rejects.toThrow(RangeError)
    await expect(
      scanAddressHistory(ctx, cache, { lock: ALICE.lock, concurrency: 0 }),
    ).rejects.toThrow(RangeError)
  })
})
