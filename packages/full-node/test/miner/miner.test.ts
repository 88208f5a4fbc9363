import {
  type ChainParams,
  COIN,
  checkProofOfWork,
  computeTxid,
  DEVNET,
  encodeHeader,
  equalBytes,
  toHex,
} from '@supernova/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import type { Chain } from '../../src/chain/Chain.js'
import { createMiner } from '../../src/miner/createMiner.js'
import type { Miner } from '../../src/miner/types.js'
import {
  alice,
  carol,
  createClock,
  logger,
  mineBlock,
  miner as minerAccount,
  openTestChain,
  pay,
  tempDir,
} from '../helpers/chain.js'
import { createTestMempool, waitForHeight, withTimeout } from './helpers.js'

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(
  params: ChainParams = DEVNET,
  clock: { now: () => number; tick?: (ms?: number) => number } = createClock(params),
) {
  const dir = tempDir()
  const t = await openTestChain(dir.path, clock as ReturnType<typeof createClock>, params)
  cleanups.push(dir.cleanup, () => t.store.close())
  const mempool = createTestMempool(t.chain)
  return { ...t, mempool }
}

function track(m: Miner): Miner {
  cleanups.push(() => m.stop())
  return m
}

/** Every main-chain block from 1 to the tip: its PoW holds, it links to its parent, it pays `lock`. */
async function expectMinedChain(chain: Chain, from: number) {
  const tip = chain.tip().height
  for (let h = from; h <= tip; h++) {
    const entry = await chain.getHeaderByHeight(h)
    const block = entry && (await chain.getBlock(entry.hash))
    expect(block, `block ${h}`).toBeDefined()
    expect(checkProofOfWork(encodeHeader(block!.header)).valid).toBe(true)
    const parent = await chain.getHeaderByHeight(h - 1)
    expect(equalBytes(block!.header.prevHash, parent!.hash)).toBe(true)
    expect(block!.transactions[0]!.outputs[0]!.lock).toEqual(carol.lock)
  }
}

describe('miner on a real chain (LevelDB)', () => {
  for (const threads of [1, 2]) {
    it(`mines valid, connected blocks with ${threads} thread(s)`, async () => {
      const { chain, mempool, clock } = await setup()
      const m = track(
        createMiner(
          { enabled: true, threads, rewardLock: carol.lock },
          { chain, mempool, logger, now: clock.now },
        ),
      )
      await m.start()
      expect(m.isMining()).toBe(true)
      expect(m.threads()).toBe(threads)
      expect(m.stats().liveWorkers).toBe(threads)
      await waitForHeight(chain, 6)
      await m.stop()
      await expectMinedChain(chain, 1)
      const s = m.stats()
      expect(s.blocksMined).toBeGreaterThanOrEqual(6)
      expect(s.blocksRejected).toBe(0)
      expect(s.hashes).toBeGreaterThanOrEqual(BigInt(s.blocksMined))
      expect(s.liveWorkers).toBe(0)
      expect(m.isMining()).toBe(false)
    })
  }

  it('puts mempool transactions into its templates and pays the reward lock with their fees', async () => {
    const { chain, mempool, clock } = await setup()
    for (let i = 0; i < DEVNET.coinbaseMaturity; i++) await mineBlock(chain, clock)
    const tx = await pay(chain, alice, carol.lock, 3n * COIN, 50_000n)
    mempool.add(tx)
    const m = track(
      createMiner(
        { enabled: true, rewardLock: minerAccount.lock },
        { chain, mempool, logger, now: clock.now },
      ),
    )
    const start = chain.tip().height
    await m.start()
    await waitForHeight(chain, start + 1)
    await m.stop()
    const block = (await chain.getBlock((await chain.getHeaderByHeight(start + 1))!.hash))!
    expect(block.transactions.map((t) => toHex(computeTxid(t)))).toContain(toHex(computeTxid(tx)))
    const coinbase = block.transactions[0]!
    expect(coinbase.outputs[0]!.lock).toEqual(minerAccount.lock)
    const paid = coinbase.outputs.reduce((s, o) => s + o.amount, 0n)
    expect(paid).toBe(DEVNET.initialSubsidy + 50_000n)
    expect(mempool.size()).toBe(0)
  })

  it('setMining(false) stops every thread promptly; setMining(true, 2) resumes', async () => {
    const { chain, mempool, clock } = await setup()
    const m = track(
      createMiner(
        { enabled: true, rewardLock: carol.lock },
        { chain, mempool, logger, now: clock.now },
      ),
    )
    await m.start()
    await waitForHeight(chain, 2)
    await withTimeout(m.setMining(false), 2_000, 'setMining(false)')
    expect(m.isMining()).toBe(false)
    expect(m.stats().liveWorkers).toBe(0)
    expect(m.hashrate()).toBe(0)
    const height = chain.tip().height
    const hashes = m.stats().hashes
    // Workers have exited: nothing can hash or submit any more.
    await new Promise((r) => setImmediate(r))
    expect(chain.tip().height).toBe(height)
    expect(m.stats().hashes).toBe(hashes)
    await m.setMining(true, 2)
    expect(m.threads()).toBe(2)
    expect(m.stats().liveWorkers).toBe(2)
    await waitForHeight(chain, height + 3)
    await m.stop()
    await expectMinedChain(chain, 1)
  })

  it('paces blocks to the target block time by the injected clock', async () => {
    const params: ChainParams = { ...DEVNET, targetBlockTimeMs: 150 }
    // A clock that runs with real time from just after genesis.
    const origin = performance.now()
    const now = () => params.genesis.timestamp + 1_000 + Math.floor(performance.now() - origin)
    const { chain, mempool } = await setup(params, { now })
    const connectedAt: number[] = []
    chain.on('tip', () => connectedAt.push(now()))
    const m = track(
      createMiner(
        { enabled: true, paceToBlockTime: true, rewardLock: carol.lock },
        { chain, mempool, logger, now },
      ),
    )
    const startedAt = now()
    await m.start()
    await waitForHeight(chain, 5)
    await m.stop()
    const elapsed = now() - startedAt
    const headers = await chain.getHeaders(0, 6)
    for (let h = 2; h <= 5; h++) {
      const parent = headers[h - 1]!
      expect(headers[h]!.timestamp).toBeGreaterThanOrEqual(
        parent.timestamp + params.targetBlockTimeMs,
      )
      // Submitted no earlier than a target time after its parent, by the miner's clock.
      expect(connectedAt[h - 1]!).toBeGreaterThanOrEqual(
        parent.timestamp + params.targetBlockTimeMs,
      )
    }
    // Block 1 may come at once (genesis is old); each later one takes a full target time.
    expect(elapsed).toBeGreaterThanOrEqual(4 * params.targetBlockTimeMs)
  })

  it('mines valid blocks when tiny nonce ranges force new timestamps', async () => {
    const { chain, mempool, clock } = await setup()
    const m = track(
      createMiner(
        { enabled: true, threads: 2, noncesPerTemplate: 2n, rewardLock: carol.lock },
        { chain, mempool, logger, now: clock.now },
      ),
    )
    await m.start()
    await waitForHeight(chain, 8)
    await m.stop()
    await expectMinedChain(chain, 1)
    expect(m.stats().blocksRejected).toBe(0)
  })

  it('stop() leaves no worker threads or message ports behind', async () => {
    const count = () =>
      process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length
    const before = count()
    const { chain, mempool, clock } = await setup()
    const m = createMiner(
      { enabled: true, threads: 2, rewardLock: carol.lock },
      { chain, mempool, logger, now: clock.now },
    )
    await m.start()
    await waitForHeight(chain, 1)
    expect(count()).toBeGreaterThan(before)
    await withTimeout(m.stop(), 5_000, 'stop()')
    expect(m.stats().liveWorkers).toBe(0)
    expect(count()).toBe(before)
    await m.stop() // idempotent
  })
})
