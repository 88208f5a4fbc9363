// Import of a generated chain (10,000 blocks, 200,000 transactions) from a file into a fresh node
// chain over LevelDB — full validation, UTXO set, indexes, undo data, one batch per block — vs bare
// node:crypto ed25519 verification of as many signatures on the same 2 worker threads, in tx/s.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { Chain } from '../../packages/full-node/src/chain/Chain.ts'
import { createVerifierPool } from '../../packages/full-node/src/crypto/verifierPool.ts'
import { openLevelStore } from '../../packages/full-node/src/storage/levelStore.ts'
import { DEVNET, decodeBlockWithIds, initHashing } from '../../packages/protocol/src/index.ts'
import { measure, median, report } from '../lib.ts'
import { benchChain } from './fixtures.ts'
import { sigItems } from './sigItems.ts'

const BLOCKS = 10_000
const TXS_PER_BLOCK = 20
await initHashing()
const t0 = performance.now()
const { blocks, txCount } = await benchChain(BLOCKS, TXS_PER_BLOCK)
process.stderr.write(
  `bench chain ready (${blocks.length} blocks, ${txCount} txs) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
)

const pool = createVerifierPool({ threads: 2, cacheSize: 0 })
const dir = mkdtempSync(join(tmpdir(), 'sn-import-'))
const store = await openLevelStore(join(dir, 'db'))
const chain = await Chain.open(
  { params: DEVNET },
  {
    store,
    schemes: pool.schemes,
    logger: pino({ level: 'silent' }),
    now: () => Date.now() + 365 * 86_400_000,
  },
)

// Raw: signatures of the chain's own transactions, verified bare on the same pool.
const items = await sigItems(blocks.slice(-20))
const rawRate = () =>
  measure(() => pool.schemes.ed25519.batchVerify(items), {
    opsPerCall: items.length,
    minMs: 400,
    warmupMs: 50,
  }).then((m) => m.opsPerSec)

// The node's import path: blocks handed over in runs (as sync and file import do), so each one is
// validated while the previous one's signatures verify and its batch is written. The import runs
// in ten segments, each right after a raw window, so machine-load drift hits both alike: the
// ratio judged is the median of the segments' ratios (the overall one is printed too).
const RUN = 128
const SEGMENTS = 10
const perSegment = Math.ceil(blocks.length / SEGMENTS)
const raws: number[] = []
const ratios: number[] = []
let importMs = 0
for (let s = 0; s < blocks.length; s += perSegment) {
  const raw = await rawRate()
  const started = performance.now()
  let txs = 0
  for (let i = s; i < Math.min(s + perSegment, blocks.length); i += RUN) {
    const run = blocks.slice(i, Math.min(i + RUN, s + perSegment)).map((b) => decodeBlockWithIds(b))
    const results = await chain.processBlocks(run)
    for (const r of results)
      if (r.status !== 'connected') throw new Error(`bench: block not connected: ${r.status}`)
    for (const b of run) txs += b.block.transactions.length - 1
  }
  const ms = performance.now() - started
  importMs += ms
  raws.push(raw)
  ratios.push(((txs / ms) * 1000) / raw)
}
const seconds = importMs / 1000
report({
  bench: 'full-node',
  metric: 'chain_import',
  value: txCount / seconds,
  unit: 'tx/s',
  raw: median(raws),
  ratio: median(ratios),
  goal: 0.5,
  extra: {
    blocks: blocks.length,
    txs: txCount,
    seconds: Math.round(seconds * 10) / 10,
    overallRatio: Math.round((txCount / seconds / median(raws)) * 1000) / 1000,
    pipelined: chain.importStats().staged,
    rawIs: 'node:crypto ed25519 verify on the same 2 workers',
  },
})
await pool.close()
await store.close()
rmSync(dir, { recursive: true, force: true })
