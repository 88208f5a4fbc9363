import { COIN, equalBytes, hashHeader, type Transaction } from '@supernova/protocol'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { scanAddressHistory } from '../../src/verify/addressHistory.js'
import { createRequestPacer } from '../../src/verify/requestPacer.js'
import type { FakePeerOptions, Tamper } from './fakeNetwork.js'
import { setupVerify } from './setup.js'
import { ALICE, FAUCET, TestChain } from './testChain.js'

let main: TestChain
let other: TestChain
let toAlice: Transaction

beforeAll(async () => {
  main = await TestChain.create()
  await main.mine(10)
  toAlice = main.pay(ALICE.lock, 5n * COIN, FAUCET)
  await main.mine(2, { transactions: [toAlice] })
  await main.mine(30)
  // A lighter branch from height 20: same blocks below, others above.
  other = await main.copy(20)
  await other.mine(5, { rewardLock: ALICE.lock })
})

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const s of stops.splice(0)) await s()
})

async function withPeers(peers: [string, TestChain, Tamper?, FakePeerOptions?][]) {
  const s = await setupVerify()
  stops.push(() => s.sync.stop())
  for (const [id, chain, tamper, options] of peers) s.fake.add(id, chain, tamper, options)
  await s.sync.sync()
  return s
}

const heights = (entries: { height: number }[]) => entries.map((e) => e.height)

describe('address scans fetch filters in ranges', () => {
  it('one `filters` request for the whole range, no `filter` request', async () => {
    const { ctx, cache, fake } = await withPeers([['p', main]])
    const h = await scanAddressHistory(ctx, cache, { lock: ALICE.lock })
    expect(heights(h.entries)).toEqual([0, 11])
    expect(h.blocksScanned).toBe(43)
    const asked = fake.peer('p')!.asked
    expect(asked.get('filters')).toBe(1)
    expect(asked.get('filter')).toBeUndefined()
    expect(cache.size).toBe(43)
  })

  it('a short answer (the node’s byte budget) is continued from where it stopped', async () => {
    const firstFive = (items: { blockHash: Uint8Array; filter: Uint8Array }[]) => items.slice(0, 5)
    const { ctx, cache, fake } = await withPeers([['p', main, { filters: firstFive }]])
    const h = await scanAddressHistory(ctx, cache, { lock: ALICE.lock })
    expect(heights(h.entries)).toEqual([0, 11])
    // 43 filters, 5 an answer.
    expect(fake.peer('p')!.asked.get('filters')).toBe(9)
  })

  it('a node that alters one filter in a range is caught: evidence, ban, the rest from another', async () => {
    // The liar swaps the filter of block 11 (alice's payment) for block 12's: a valid filter,
    // but not the one block 11's header commits to.
    const swap = (items: { blockHash: Uint8Array; filter: Uint8Array }[], req: unknown) => {
      const from = (req as { fromHeight: number }).fromHeight
      return items.map((item, i) =>
        from + i === 11 ? { ...item, filter: items[i + 1]?.filter ?? item.filter } : item,
      )
    }
    const { ctx, cache, evidence, fake } = await withPeers([
      ['a-liar', main, { filters: swap }],
      ['b-honest', main],
    ])
    const h = await scanAddressHistory(ctx, cache, { lock: ALICE.lock })
    expect(heights(h.entries)).toEqual([0, 11])
    const [e] = evidence.list()
    expect(e).toMatchObject({
      peer: 'a-liar',
      code: 'FILTER_HASH_MISMATCH',
      severity: 'lie',
      outcome: 'disconnected',
      request: { protocol: 'filters', fromHeight: 0, count: 43 },
    })
    expect((e!.answer as { height: number }).height).toBe(11)
    expect(fake.banned.has('a-liar')).toBe(true)
    // The 11 filters before the lie were kept; one request to the honest node did the rest.
    expect(fake.peer('b-honest')!.asked.get('filters')).toBe(1)
    expect(cache.size).toBe(43)
  })

  it('a node on a lighter branch is a conflict (penalized, not banned); another node is asked', async () => {
    const { ctx, cache, evidence, fake } = await withPeers([
      ['a-main', main],
      ['b-other', other],
    ])
    // Make the node of the lighter branch the one asked first (both reach height 24).
    fake.peer('a-main')!.score = -1
    const h = await scanAddressHistory(ctx, cache, { lock: ALICE.lock, toHeight: 24 })
    expect(heights(h.entries)).toEqual([0, 11])
    const [e] = evidence.list()
    expect(e).toMatchObject({ peer: 'b-other', code: 'NOT_ON_CHAIN', severity: 'conflict' })
    expect((e!.answer as { height: number }).height).toBe(21)
    expect(
      equalBytes(
        (e!.conflictsWith!.answer as { hash: Uint8Array }).hash,
        hashHeader(main.headers[21]!),
      ),
    ).toBe(true)
    expect(fake.banned.has('b-other')).toBe(false)
    expect(fake.peer('b-other')!.score).toBe(-25)
  })
})

describe('nodes without `filters`', () => {
  it('are asked one filter per block, and `filters` only once per scan', async () => {
    const { ctx, cache, fake } = await withPeers([['old', main, {}, { noFilters: true }]])
    const pacer = createRequestPacer({ ratePerSecond: 500 })
    const h = await scanAddressHistory({ ...ctx, pacer }, cache, {
      lock: ALICE.lock,
      concurrency: 2,
    })
    expect(heights(h.entries)).toEqual([0, 11])
    const asked = fake.peer('old')!.asked
    expect(asked.get('filters')).toBe(1)
    expect(asked.get('filter')).toBe(43)
    expect(fake.peer('old')!.score).toBe(0)
  })

  it('one-by-one requests are paced under the node’s rate: not one RATE_LIMITED', async () => {
    const rateLimit = { burst: 8, ratePerSecond: 100 }
    const { ctx, cache, fake } = await withPeers([
      ['old', main, {}, { noFilters: true, rateLimit }],
    ])
    const pacer = createRequestPacer({ ratePerSecond: 80, burst: 4 })
    const h = await scanAddressHistory({ ...ctx, pacer }, cache, { lock: ALICE.lock })
    expect(heights(h.entries)).toEqual([0, 11])
    expect(fake.peer('old')!.rateLimited).toBe(0)
  })

  it('a RATE_LIMITED answer slows the scan down and is no lie: no evidence, no penalty', async () => {
    const rateLimit = { burst: 3, ratePerSecond: 60 }
    const { ctx, cache, fake, evidence } = await withPeers([
      ['old', main, {}, { noFilters: true, rateLimit }],
    ])
    // A pacer far faster than the node: the node says so, and the scan backs off.
    const pacer = createRequestPacer({ ratePerSecond: 10_000, burst: 100, pauseMs: 50 })
    const h = await scanAddressHistory({ ...ctx, pacer, rateLimitDelayMs: 50 }, cache, {
      lock: ALICE.lock,
      concurrency: 1,
    })
    expect(heights(h.entries)).toEqual([0, 11])
    expect(fake.peer('old')!.rateLimited).toBeGreaterThan(0)
    expect(evidence.list()).toEqual([])
    expect(fake.peer('old')!.score).toBe(0)
  })
})
