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
import { DEVNET, decodeBlock, initHashing } from '../../packages/protocol/src/index.ts'
import { measure, report } from '../lib.ts'
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
const rawRate = (
  await measure(() => pool.schemes.ed25519.batchVerify(items), {
    opsPerCall: items.length,
    minMs: 3_000,
  })
).opsPerSec

const start = performance.now()
for (const b of blocks) {
  const r = await chain.processBlock(decodeBlock(b))
  if (r.status !== 'connected') throw new Error(`bench: block not connected: ${r.status}`)
}
const seconds = (performance.now() - start) / 1000
report({
  bench: 'full-node',
  metric: 'chain_import',
  value: txCount / seconds,
  unit: 'tx/s',
  raw: rawRate,
  goal: 0.5,
  extra: {
    blocks: blocks.length,
    txs: txCount,
    seconds: Math.round(seconds * 10) / 10,
    rawIs: 'node:crypto ed25519 verify on the same 2 workers',
  },
})
await pool.close()
await store.close()
rmSync(dir, { recursive: true, force: true })
