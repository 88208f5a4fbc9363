import { availableParallelism } from 'node:os'
import {
  bitsToTarget,
  checkProofOfWork,
  createGenesis,
  DEVNET,
  domainKey,
  encodeHeader,
  HEADER_LAYOUT,
  initHashing,
  mineHeader,
  type Transaction,
  targetToBits,
  targetToBytes,
} from '@supernova/protocol'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createMiner } from '../../src/miner/createMiner.js'
import { MinerError } from '../../src/miner/errors.js'
import type { Miner, MinerMempool } from '../../src/miner/types.js'
import { createWorkerPool, type WorkerReply } from '../../src/miner/workerPool.js'
import { carol, logger } from '../helpers/chain.js'
import { createHardChain, type TemplateCall, withTimeout } from './helpers.js'

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})
beforeAll(() => initHashing())

/** About one hash in 256 meets this target. */
const EASY_BITS = targetToBits(1n << 248n)
const header = { ...createGenesis(DEVNET).block.header, height: 1, bits: EASY_BITS }

/** Polls `cond` every 5 ms, for at most `ms`. */
async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

function solve(threads: number, nonceSpan: bigint, expected: number) {
  const replies: WorkerReply[] = []
  let done = () => {}
  const all = new Promise<void>((r) => {
    done = r
  })
  const pool = createWorkerPool({
    threads,
    key: domainKey('header'),
    onReply: (r) => {
      replies.push(r)
      if (replies.length === expected) done()
    },
    onError: (e) => {
      throw e
    },
  })
  cleanups.push(() => pool.close())
  pool.run({
    jobId: 7,
    header: encodeHeader(header),
    target: targetToBytes(bitsToTarget(EASY_BITS)),
    nonceSpan,
  })
  return { pool, replies, all: withTimeout(all, 10_000, 'worker replies') }
}

describe('mining workers', () => {
  it('find the same first nonce as the protocol reference, and count their hashes', async () => {
    const { pool, replies, all } = solve(1, 1n << 64n, 1)
    await all
    const ref = mineHeader({ header, maxAttempts: 1_000_000 })!
    expect(replies).toEqual([{ type: 'solved', jobId: 7, nonce: ref.header.nonce }])
    expect(pool.hashes()).toBe(ref.header.nonce + 1n)
  })

  it('split the range: each slice solves from its own start, across the 2^32 nonce boundary', async () => {
    // Slices of 2^32 - 8: the second starts 8 below 2^32, so its low word wraps almost at once.
    const slice = (1n << 32n) - 8n
    const { replies, all } = solve(2, 2n * slice, 2)
    await all
    const expected = [0n, slice].map(
      (startNonce) => mineHeader({ header, startNonce, maxAttempts: 1_000_000 })!.header.nonce,
    )
    const got = replies
      .map((r) => (r.type === 'solved' ? r.nonce : -1n))
      .sort((a, b) => (a < b ? -1 : 1))
    expect(got).toEqual(expected)
    for (const nonce of got) {
      const bytes = encodeHeader(header)
      new DataView(bytes.buffer).setBigUint64(HEADER_LAYOUT.nonce, nonce, true)
      expect(checkProofOfWork(bytes).valid).toBe(true)
    }
  })

  it('report an exhausted range', async () => {
    const hard = { ...header, bits: targetToBits(1n) }
    const replies: WorkerReply[] = []
    const pool = createWorkerPool({
      threads: 1,
      key: domainKey('header'),
      onReply: (r) => replies.push(r),
      onError: () => {},
    })
    cleanups.push(() => pool.close())
    pool.run({
      jobId: 3,
      header: encodeHeader(hard),
      target: targetToBytes(1n),
      nonceSpan: 10_000n,
    })
    await until(() => replies.length > 0, 10_000, 'exhausted')
    expect(replies).toEqual([{ type: 'exhausted', jobId: 3 }])
    expect(pool.hashes()).toBe(10_000n)
  })
})

function mempoolWith(): MinerMempool & { add(tx: Transaction): void } {
  const txs: Transaction[] = []
  const listeners = new Set<() => void>()
  return {
    add(tx) {
      txs.push(tx)
      for (const l of listeners) l()
    },
    select: () => ({ entries: txs.map((tx) => ({ tx })) }),
    on: (_e, l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
  }
}

function hardMiner(o: {
  params?: typeof DEVNET
  now?: () => number
  noncesPerTemplate?: bigint
  threads?: number
}) {
  const chain = createHardChain(o.params ?? DEVNET)
  const mempool = mempoolWith()
  const now = o.now ?? (() => DEVNET.genesis.timestamp + 1_000)
  const m: Miner = createMiner(
    {
      enabled: true,
      rewardLock: carol.lock,
      templateRefreshMs: 20,
      ...(o.threads ? { threads: o.threads } : {}),
      ...(o.noncesPerTemplate ? { noncesPerTemplate: o.noncesPerTemplate } : {}),
    },
    { chain, mempool, logger, now },
  )
  cleanups.push(() => m.stop())
  return { chain, mempool, m }
}

function nextCall(
  chain: ReturnType<typeof createHardChain>,
  pred: (c: TemplateCall) => boolean,
): Promise<TemplateCall> {
  return withTimeout(
    new Promise((resolve) => {
      chain.onCall = (c) => {
        if (pred(c)) resolve(c)
      }
    }),
    10_000,
    'template call',
  )
}

describe('miner scheduling (a chain whose target nobody meets)', () => {
  it('rebuilds the template with transactions that arrive while it mines', async () => {
    const { chain, mempool, m } = hardMiner({})
    await m.start()
    await until(() => chain.calls.length === 1, 5_000, 'first template')
    expect(chain.calls[0]!.transactions).toEqual([])
    const tx = createGenesis(DEVNET).block.transactions[0]!
    const rebuilt = nextCall(chain, (c) => c.transactions.length === 1)
    mempool.add(tx)
    expect((await rebuilt).transactions[0]).toBe(tx)
  })

  it('after an exhausted range bumps the timestamp, and at the drift limit the coinbase extra data', async () => {
    const now = () => DEVNET.genesis.timestamp + 1_000
    const { chain, m } = hardMiner({ now, noncesPerTemplate: 5_000n, threads: 1 })
    await m.start()
    await until(() => m.stats().rangesExhausted >= 3, 10_000, 'exhaustions')
    // Variants with later timestamps need no new template from the chain.
    expect(m.stats().templates).toBeGreaterThan(chain.calls.length)
    await m.stop()

    const strict = hardMiner({
      params: { ...DEVNET, maxFutureDriftMs: 0 },
      now,
      noncesPerTemplate: 5_000n,
      threads: 1,
    })
    const withExtra = nextCall(strict.chain, (c) => c.extraData !== undefined)
    await strict.m.start()
    expect((await withExtra).extraData).toEqual(Uint8Array.of(1, 0, 0, 0))
  })

  it('setMining(false) halts busy workers within a bound; hashrate is reported while mining', async () => {
    const { m } = hardMiner({ threads: 2 })
    await m.start()
    await until(() => m.stats().hashes > 10_000n, 10_000, 'hashing')
    await until(() => m.hashrate() > 0, 5_000, 'hashrate')
    await withTimeout(m.setMining(false), 2_000, 'setMining(false)')
    const hashes = m.stats().hashes
    expect(m.stats().liveWorkers).toBe(0)
    await new Promise((r) => setTimeout(r, 20))
    expect(m.stats().hashes).toBe(hashes)
    expect(m.hashrate()).toBe(0)
  })

  it('refuses bad options with INVALID_OPTION', async () => {
    const chain = createHardChain(DEVNET)
    const c = { chain, mempool: mempoolWith(), logger, now: () => 0 }
    for (const threads of [0, 1.5, availableParallelism() + 1]) {
      expect(() => createMiner({ threads, rewardLock: carol.lock }, c)).toThrow(MinerError)
    }
    expect(() => createMiner({ templateRefreshMs: 0, rewardLock: carol.lock }, c)).toThrow(
      /INVALID_OPTION/,
    )
    expect(() => createMiner({ noncesPerTemplate: 0n, rewardLock: carol.lock }, c)).toThrow(
      /INVALID_OPTION/,
    )
    const m = createMiner({ rewardLock: carol.lock }, c)
    await expect(m.setMining(true, 0)).rejects.toThrow(MinerError)
  })
})
