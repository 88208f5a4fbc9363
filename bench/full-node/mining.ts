// Mining: one worker thread's hashes/s vs raw hash-wasm BLAKE3 of a header-sized input in one
// thread, and 2 threads vs 1 thread. The template's target is 1 (nothing solves), so only the
// grinding loop is measured; rates come from the workers' shared hash counters over fixed windows.
import {
  type Block,
  createGenesis,
  DEVNET,
  domainKey,
  encodeHeader,
  HEADER_BYTES,
  targetToBits,
} from '@supernova/protocol'
import { createBLAKE3 } from 'hash-wasm'
import pino from 'pino'
import type { ChainTip } from '../../packages/full-node/src/chain/types.ts'
import { createMiner } from '../../packages/full-node/src/miner/createMiner.ts'
import type { MinerChain } from '../../packages/full-node/src/miner/types.ts'
import { measure, median, report } from '../lib.ts'

const ROUNDS = 10
const WARMUP_MS = 250
const WINDOW_MS = 700
/**
 * Each rate is the best of its windows (as `timeit` takes the minimum time): the machine is shared,
 * and a window in which another process took a core says nothing about this code's scaling.
 */
const best = (xs: readonly number[]) => Math.max(...xs)
const round3 = (x: number) => Math.round(x * 1000) / 1000

const genesis = createGenesis(DEVNET)
const tip: ChainTip = {
  header: genesis.block.header,
  hash: genesis.hash,
  height: 0,
  cumulativeWork: 0n,
  hasBlock: true,
  inMainChain: true,
  medianTimePast: DEVNET.genesis.timestamp,
}
const chain: MinerChain = {
  params: DEVNET,
  tip: () => tip,
  on: () => () => {},
  processBlock: () => Promise.reject(new Error('nothing can be solved')),
  createBlockTemplate: async ({ now }) => {
    const block: Block = {
      header: {
        ...genesis.block.header,
        height: 1,
        prevHash: genesis.hash,
        timestamp: now,
        bits: targetToBits(1n),
      },
      transactions: genesis.block.transactions,
    }
    return { block, fees: 0n, included: [] }
  },
}
const miner = createMiner(
  { rewardLock: DEVNET.treasuryLock },
  {
    chain,
    mempool: { select: () => ({ entries: [] }), on: () => () => {} },
    logger: pino({ level: 'silent' }),
    now: () => DEVNET.genesis.timestamp + 1_000,
  },
)
await miner.start()

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Hashes/s of `threads` workers over a fixed window, after a warm-up; workers exit after. */
async function minerRate(threads: number): Promise<number> {
  await miner.setMining(true, threads)
  await sleep(WARMUP_MS)
  const h0 = miner.stats().hashes
  const t0 = performance.now()
  await sleep(WINDOW_MS)
  const h1 = miner.stats().hashes
  const t1 = performance.now()
  await miner.setMining(false)
  return (Number(h1 - h0) / (t1 - t0)) * 1_000
}

const raw = await createBLAKE3(256, domainKey('header'))
const input = encodeHeader(genesis.block.header)
let sink = 0
const rawBatch = () => {
  for (let i = 0; i < 256; i++) {
    raw.init()
    raw.update(input)
    sink ^= raw.digest('binary')[0]!
  }
}

const raws: number[] = []
const ones: number[] = []
const twos: number[] = []
// Interleaved, the order reversed every other round, so drift in machine load hits all three alike.
const steps = [
  async () =>
    raws.push(
      (await measure(rawBatch, { opsPerCall: 256, minMs: WINDOW_MS, warmupMs: WARMUP_MS }))
        .opsPerSec,
    ),
  async () => ones.push(await minerRate(1)),
  async () => twos.push(await minerRate(2)),
]
for (let r = 0; r < ROUNDS; r++) {
  for (const step of r % 2 ? [...steps].reverse() : steps) await step()
}
await miner.stop()

report({
  bench: 'full-node',
  metric: 'mining_hashes_per_core',
  value: best(ones),
  unit: 'hashes/s',
  raw: best(raws),
  goal: 0.85,
  extra: {
    inputBytes: HEADER_BYTES,
    windows: ROUNDS,
    medianRatio: round3(median(ones) / median(raws)),
  },
})
report({
  bench: 'full-node',
  metric: 'mining_2_threads_scaling',
  value: best(twos),
  unit: 'hashes/s',
  raw: best(ones),
  goal: 1.5,
  extra: { windows: ROUNDS, medianRatio: round3(median(twos) / median(ones)) },
})
if (sink === 0.5) console.log(sink)
