// Block validation (decode, UTXO lookup from LevelDB, policy checks, commitments, signatures on a
// 2-thread verifier pool) vs bare node:crypto ed25519 verification of the same signatures on the
// same 2 worker threads, in the same run.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { Chain } from '../../packages/full-node/src/chain/Chain.ts'
import { createVerifierPool } from '../../packages/full-node/src/crypto/verifierPool.ts'
import { keys } from '../../packages/full-node/src/storage/layout.ts'
import { openLevelStore } from '../../packages/full-node/src/storage/levelStore.ts'
import {
  computeTransactionIds,
  connectTransactions,
  DEVNET,
  decodeBlock,
  decodeBlockWithIds,
  decodeUtxoEntry,
  genesisHashBytes,
  initHashing,
  outpointKey,
} from '../../packages/protocol/src/index.ts'
import { measurePair, report } from '../lib.ts'
import { benchChain } from './fixtures.ts'

const TXS = 2_000
await initHashing()
const { blocks } = await benchChain(1, TXS)
const dir = mkdtempSync(join(tmpdir(), 'sn-bench-'))
const store = await openLevelStore(join(dir, 'db'))
const pool = createVerifierPool({ threads: 2, cacheSize: 0 })
const chain = await Chain.open(
  { params: DEVNET },
  {
    store,
    schemes: pool.schemes,
    logger: pino({ level: 'silent' }),
    now: () => Date.now() + 86_400_000 * 365,
  },
)
for (const b of blocks.slice(0, -1)) await chain.processBlock(decodeBlock(b))
const target = blocks[blocks.length - 1]!
const tip = chain.tip()
const genesisHash = genesisHashBytes(DEVNET)

// Full validation of the block on the tip (header, decode, UTXO lookup from LevelDB, policies,
// commitments, signatures pipelined to the workers), nothing stored: Chain.checkBlock, given the
// block as the node's network layer hands it over (decodeBlockWithIds: ids hashed from the bytes).
async function validate(bytes: Uint8Array): Promise<void> {
  await chain.checkBlock(decodeBlockWithIds(bytes))
}

// The same signatures, bare.
const items: { publicKey: Uint8Array; message: Uint8Array; signature: Uint8Array }[] = []
{
  const block = decodeBlock(target)
  const outpoints = block.transactions.flatMap((t) => t.inputs.map((i) => i.prevout))
  const values = await store.getMany(outpoints.map((o) => keys.utxo(o)))
  const found = new Map(outpoints.map((o, i) => [outpointKey(o), decodeUtxoEntry(values[i]!)]))
  const txids = block.transactions.map((t) => computeTransactionIds(t).txid)
  const r = connectTransactions({
    transactions: block.transactions,
    txids,
    height: tip.height + 1,
    medianTimePast: tip.medianTimePast,
    params: DEVNET,
    genesisHash,
    utxos: { get: (o) => found.get(outpointKey(o)) },
  })
  for (const s of r.signatures)
    items.push({ publicKey: s.key.publicKey, message: s.message, signature: s.signature })
}
if (items.length !== TXS) throw new Error('bench: unexpected signature count')
await validate(target)

const { value, raw, ratio } = await measurePair(
  () => validate(target),
  () => pool.schemes.ed25519.batchVerify(items),
  { metricOps: TXS, rawOps: TXS, rounds: 5, minMs: 1500 },
)
report({
  bench: 'full-node',
  metric: 'block_tx_validation',
  value,
  unit: 'tx/s',
  raw,
  ratio,
  goal: 0.8,
  extra: { txs: TXS, threads: 2, rawIs: 'node:crypto ed25519 verify on the same 2 workers' },
})
await pool.close()
await store.close()
rmSync(dir, { recursive: true, force: true })
