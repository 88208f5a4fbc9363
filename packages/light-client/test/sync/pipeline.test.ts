import { DEVNET, hashHeader } from '@supernova/protocol'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryStorage } from '../../src/storage/createMemoryStorage.js'
import { createHeaderSync } from '../../src/sync/headerSync.js'
import { createEvidenceLog } from '../../src/verify/evidence.js'
import { createFakeNetwork } from '../verify/fakeNetwork.js'
import { NOW, TestChain } from '../verify/testChain.js'

let a: TestChain // 20 blocks

beforeAll(async () => {
  a = await TestChain.create()
  await a.mine(20)
})

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const s of stops.splice(0)) await s()
})

/** Only the first `n` headers of every answer: peers that make the sync go batch by batch. */
const inBatchesOf = (n: number) => (hs: ReturnType<TestChain['headers']['slice']>) => hs.slice(0, n)

/** A sync over a fake network whose header requests and store writes are logged in order. */
function loggedSync() {
  const storage = createMemoryStorage({ params: DEVNET })
  const fake = createFakeNetwork()
  const log: string[] = []
  const signals = new Map<string, AbortSignal | undefined>()
  const getHeaders = fake.network.getHeaders
  fake.network.getHeaders = (q) => {
    log.push(`ask ${q.peer} ${q.fromHeight}`)
    signals.set(`${q.peer} ${q.fromHeight}`, q.signal)
    return getHeaders(q)
  }
  const replaceHeaders = storage.replaceHeaders
  storage.replaceHeaders = (p) => {
    if (p.height > 0) log.push(`store ${p.height}..${p.height + p.headers.length - 1}`)
    return replaceHeaders(p)
  }
  const evidence = createEvidenceLog({ network: fake.network, now: () => NOW })
  const sync = createHeaderSync({
    network: fake.network,
    storage,
    params: DEVNET,
    evidence,
    now: () => NOW,
    pollIntervalMs: 3_600_000,
  })
  stops.push(() => sync.stop())
  return { storage, fake, evidence, sync, log, signals }
}

describe('pipelined header sync', () => {
  it('asks for the next batch before storing the current one, one request ahead, storing in order', async () => {
    const { fake, sync, storage, log } = loggedSync()
    await sync.start()
    fake.add('p', a, { headers: inBatchesOf(4) })
    await sync.sync()
    expect(sync.tip().hash).toEqual(a.mc.tip.hash)
    expect((await storage.getTip())?.hash).toEqual(a.mc.tip.hash)
    expect(log).toEqual([
      'ask p 0', // the fork-point request: 0..3, of which 1..3 extend our genesis
      'ask p 4',
      'store 1..3',
      'ask p 8',
      'store 4..7',
      'ask p 12',
      'store 8..11',
      'ask p 16',
      'store 12..15',
      'ask p 20',
      'store 16..19',
      'ask p 21', // the peer has no more: an empty answer ends the round
      'store 20..20',
    ])
  })

  it('drops (aborts) what was asked ahead of a batch that fails verification, and stores none of it', async () => {
    const { fake, sync, storage, log, signals, evidence } = loggedSync()
    await sync.start()
    fake.add('liar', a, {
      status: (s) => ({ ...s, cumulativeWork: s.cumulativeWork + 1_000n }),
      headers: (hs) =>
        inBatchesOf(4)(hs).map((h) =>
          h.height === 10 ? { ...h, utxoRoot: new Uint8Array(32).fill(7) } : h,
        ),
    })
    fake.add('honest', a)
    await sync.sync()
    expect(evidence.list()[0]).toMatchObject({ peer: 'liar', code: 'HEADER_INVALID' })
    const fromLiar = log.slice(0, log.indexOf('ask liar 12') + 1)
    expect(fromLiar).toEqual([
      'ask liar 0',
      'ask liar 4',
      'store 1..3',
      'ask liar 8',
      'store 4..7',
      'ask liar 12', // asked while 8..11 was verified: 10 fails, so 12.. is dropped
    ])
    expect(signals.get('liar 12')?.aborted).toBe(true)
    expect(signals.get('liar 8')?.aborted).toBe(false)
    expect(log.slice(fromLiar.length)).not.toContain('store 8..11')
    expect(log.filter((l) => l.startsWith('ask liar'))).toHaveLength(4)
    const stored = await storage.getHeaders({ from: 0, count: 21 })
    expect(stored.map((r) => r.hash)).toEqual(a.headers.map((h) => hashHeader(h)))
  })
})
