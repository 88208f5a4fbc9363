import { DEVNET, devnetAccount, encodeHeader, equalBytes, hashHeader } from '@supernova/protocol'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryStorage } from '../../src/storage/createMemoryStorage.js'
import type { LightClientStorage } from '../../src/storage/types.js'
import { createHeaderSync, type HeaderSyncEvents } from '../../src/sync/headerSync.js'
import { createEvidenceLog } from '../../src/verify/evidence.js'
import { createFakeNetwork } from '../verify/fakeNetwork.js'
import { NOW, TestChain } from '../verify/testChain.js'

let a: TestChain // 20 blocks
let heavier: TestChain // shares 1..12 with a, then its own blocks up to 25
let lighter: TestChain // shares 1..12 with a, then its own blocks up to 18
let unrelated: TestChain // its own blocks from 1 up to 24

beforeAll(async () => {
  a = await TestChain.create()
  await a.mine(20)
  heavier = await a.copy(12)
  await heavier.mine(13, { rewardLock: devnetAccount(1).lock })
  lighter = await a.copy(12)
  await lighter.mine(6, { rewardLock: devnetAccount(2).lock })
  unrelated = await TestChain.create()
  await unrelated.mine(24, { rewardLock: devnetAccount(5).lock })
})

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const s of stops.splice(0)) await s()
})

function setup(o: { storage?: LightClientStorage; maxReorgDepth?: number } = {}) {
  const storage = o.storage ?? createMemoryStorage({ params: DEVNET })
  const fake = createFakeNetwork()
  const evidence = createEvidenceLog({ network: fake.network, now: () => NOW })
  const sync = createHeaderSync({
    network: fake.network,
    storage,
    params: DEVNET,
    evidence,
    now: () => NOW,
    pollIntervalMs: 3_600_000,
    ...(o.maxReorgDepth === undefined ? {} : { maxReorgDepth: o.maxReorgDepth }),
  })
  const events: { [K in keyof HeaderSyncEvents]: HeaderSyncEvents[K][] } = {
    heads: [],
    progress: [],
    reorg: [],
    restore: [],
    state: [],
  }
  for (const k of Object.keys(events) as (keyof HeaderSyncEvents)[])
    sync.on(k, (e) => (events[k] as unknown[]).push(e))
  stops.push(() => sync.stop())
  return { storage, fake, evidence, sync, events }
}

async function storedHashes(storage: LightClientStorage): Promise<string[]> {
  const tip = await storage.getTip()
  const recs = await storage.getHeaders({ from: 0, count: (tip?.height ?? -1) + 1 })
  return recs.map((r) => Buffer.from(r.hash).toString('hex'))
}
const hashesOf = (c: TestChain) => c.headers.map((h) => Buffer.from(hashHeader(h)).toString('hex'))

describe('header sync from the pinned genesis', () => {
  it('follows a peer to its tip, stores every verified header, reports heads and progress', async () => {
    const { fake, sync, storage, events } = setup()
    await sync.start()
    expect(events.restore).toEqual([{ resumed: false, height: 0, reason: 'EMPTY' }])
    fake.add('honest', a)
    await sync.sync()
    expect(sync.tip().height).toBe(20)
    expect(sync.tip().hash).toEqual(a.mc.tip.hash)
    expect(await storedHashes(storage)).toEqual(hashesOf(a))
    expect(events.heads.at(-1)?.tip.height).toBe(20)
    expect(events.progress.at(-1)).toEqual({ height: 20, target: 20, peer: 'honest' })
    expect(sync.state()).toBe('synced')
    expect(await sync.headerAt(7)).toMatchObject({ height: 7, hash: hashHeader(a.headers[7]!) })
    expect(await sync.headerByHash(a.mc.tip.hash)).toMatchObject({ height: 20 })
    expect((await sync.headersInRange(18, 10)).map((h) => h.height)).toEqual([18, 19, 20])
    expect(sync.sourceOf(a.mc.tip.hash)).toBe('honest')
  })

  it('follows new tips as peers announce them', async () => {
    const grow = await a.copy(15)
    const { fake, sync, events } = setup()
    await sync.start()
    fake.add('p', grow)
    await sync.sync()
    expect(sync.tip().height).toBe(15)
    await grow.mine(2)
    fake.announce('p')
    await sync.sync()
    expect(sync.tip().height).toBe(17)
    expect(events.heads.map((h) => h.tip.height)).toEqual([15, 17])
  })

  it('resumes from its store after a restart, and re-syncs cleanly from a corrupted one', async () => {
    const first = setup()
    await first.sync.start()
    first.fake.add('p', a)
    await first.sync.sync()
    await first.sync.stop()
    const again = setup({ storage: first.storage })
    await again.sync.start()
    expect(again.events.restore).toEqual([{ resumed: true, height: 20 }])
    expect(again.sync.tip().hash).toEqual(a.mc.tip.hash)
    await again.sync.stop()
    // Flip a byte of a stored header: restore notices and starts over from genesis.
    const rec = (await first.storage.getHeader(9))!
    const bad = { ...rec, header: rec.header.slice() }
    bad.header[100]! ^= 1
    await first.storage.replaceHeaders({
      height: 9,
      parentHash: (await first.storage.getHeader(8))!.hash,
      headers: [bad],
    })
    const third = setup({ storage: first.storage })
    await third.sync.start()
    expect(third.events.restore).toEqual([
      { resumed: false, height: 0, reason: 'HASH_MISMATCH', at: 9 },
    ])
    third.fake.add('p', a)
    await third.sync.sync()
    expect(third.sync.tip().hash).toEqual(a.mc.tip.hash)
    expect(await storedHashes(first.storage)).toEqual(hashesOf(a))
  })
  it('a record damaged while running is reported, never returned, and leads to a clean re-sync', async () => {
    const { fake, sync, storage, events } = setup()
    await sync.start()
    fake.add('p', a)
    await sync.sync()
    const rec = (await storage.getHeader(5))!
    const bad = { ...rec, header: rec.header.slice() }
    bad.header[150]! ^= 1
    await storage.replaceHeaders({
      height: 5,
      parentHash: (await storage.getHeader(4))!.hash,
      headers: [bad, ...(await storage.getHeaders({ from: 6, count: 15 }))],
    })
    await expect(sync.headersInRange(0, 21)).rejects.toMatchObject({ code: 'CORRUPT' })
    await sync.sync()
    expect(events.restore.at(-1)).toEqual({
      resumed: false,
      height: 0,
      reason: 'HASH_MISMATCH',
      at: 5,
    })
    expect(sync.tip().hash).toEqual(a.mc.tip.hash)
    expect((await sync.headersInRange(0, 21)).map((h) => h.hash)).toEqual(
      a.headers.map((h) => hashHeader(h)),
    )
  })
})

describe('lying peers during sync', () => {
  it('a peer serving a tampered header is banned with evidence; the honest one is followed', async () => {
    const { fake, sync, evidence, storage } = setup()
    await sync.start()
    fake.add('liar', a, {
      // Claims more work so it is asked first; header 10's utxoRoot is rewritten (its PoW breaks).
      status: (s) => ({ ...s, cumulativeWork: s.cumulativeWork + 1_000n }),
      headers: (hs) =>
        hs.map((h) => (h.height === 10 ? { ...h, utxoRoot: new Uint8Array(32).fill(7) } : h)),
    })
    fake.add('honest', a)
    await sync.sync()
    expect(sync.tip().hash).toEqual(a.mc.tip.hash)
    expect(await storedHashes(storage)).toEqual(hashesOf(a))
    const [e] = evidence.list()
    expect(e).toMatchObject({
      peer: 'liar',
      code: 'HEADER_INVALID',
      severity: 'lie',
      outcome: 'disconnected',
      request: { protocol: 'headers', fromHeight: 1 },
      answer: { index: 9 },
    })
    expect((e!.answer as { header: { height: number } }).header.height).toBe(10)
    expect(fake.banned.has('liar')).toBe(true)
  })

  it('a heavier branch is verified from the fork point and adopted atomically (reorg)', async () => {
    const { fake, sync, storage, events } = setup()
    await sync.start()
    fake.add('a', a)
    await sync.sync()
    fake.add('b', heavier)
    await sync.sync()
    expect(sync.tip().hash).toEqual(heavier.mc.tip.hash)
    expect(events.reorg).toEqual([
      {
        forkHeight: 12,
        depth: 8,
        oldTip: { hash: a.mc.tip.hash, height: 20 },
        newTip: { hash: heavier.mc.tip.hash, height: 25 },
        peer: 'b',
      },
    ])
    expect(await storedHashes(storage)).toEqual(hashesOf(heavier))
    expect((await sync.headerAt(15))?.hash).toEqual(hashHeader(heavier.headers[15]!))
    expect(await sync.headerByHash(hashHeader(a.headers[15]!))).toBeUndefined()
  })

  it('a branch that claims more work than it has is refused, with both answers as evidence', async () => {
    const { fake, sync, evidence, storage } = setup()
    await sync.start()
    fake.add('a', a)
    await sync.sync()
    fake.add('c', lighter, { status: (s) => ({ ...s, cumulativeWork: s.cumulativeWork * 10n }) })
    await sync.sync()
    expect(sync.tip().hash).toEqual(a.mc.tip.hash)
    expect(await storedHashes(storage)).toEqual(hashesOf(a))
    const [e] = evidence.list()
    expect(e).toMatchObject({ peer: 'c', code: 'CLAIM_UNREACHABLE', severity: 'conflict' })
    expect(e?.outcome).toBe('penalized')
    const theirs = (e!.answer as { branchTip: { hash: Uint8Array } }).branchTip.hash
    expect(theirs).toEqual(lighter.mc.tip.hash)
    expect(e?.conflictsWith).toMatchObject({ peer: 'a', answer: { hash: a.mc.tip.hash } })
    // Skipped until its claim changes: another round does not ask it again.
    const asked = fake.peer('c')!.requests
    await sync.sync()
    expect(fake.peer('c')!.requests).toBe(asked)
  })

  it('a fork deeper than maxReorgDepth is not followed (and the peer is not blamed)', async () => {
    const { fake, sync, evidence } = setup({ maxReorgDepth: 5 })
    await sync.start()
    fake.add('a', a)
    await sync.sync()
    fake.add('d', unrelated)
    await sync.sync()
    expect(sync.tip().hash).toEqual(a.mc.tip.hash)
    expect(evidence.list()).toEqual([])
    expect(fake.peer('d')?.score).toBe(0)
  })

  it('a peer serving another genesis is banned', async () => {
    const { fake, sync, evidence } = setup()
    await sync.start()
    fake.add('other', a, {
      headers: (hs) => hs.map((h) => (h.height === 0 ? { ...h, timestamp: h.timestamp + 1 } : h)),
    })
    await sync.sync()
    expect(sync.tip().height).toBe(0)
    expect(evidence.list()[0]).toMatchObject({ peer: 'other', code: 'HEADER_INVALID' })
    expect(equalBytes(encodeHeader(sync.tip().header), encodeHeader(a.headers[0]!))).toBe(true)
  })
})
