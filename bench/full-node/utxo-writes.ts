// UTXO writes through the node's store layer (keys from layout.ts, entries encoded, the `u` entry
// and the `l` address index per output, one atomic batch) vs the same bytes written with raw
// classic-level batch puts, in the same run, in UTXOs/s.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { keys } from '../../packages/full-node/src/storage/layout.ts'
import { openLevelStore } from '../../packages/full-node/src/storage/levelStore.ts'
import type { BatchOp } from '../../packages/full-node/src/storage/store.ts'
import {
  devnetAccount,
  encodeUtxoEntry,
  type OutPoint,
  type UtxoEntry,
} from '../../packages/protocol/src/index.ts'
import { measurePair, report } from '../lib.ts'

const PER_BATCH = 2_000
const lock = devnetAccount(1).lock
const dir = mkdtempSync(join(tmpdir(), 'sn-utxo-'))
const store = await openLevelStore(join(dir, 'ours'))
const raw = new ClassicLevel<Uint8Array, Uint8Array>(join(dir, 'raw'), {
  keyEncoding: 'view',
  valueEncoding: 'view',
})
await raw.open()

let counter = 0
function nextUtxos(): { outpoint: OutPoint; entry: UtxoEntry }[] {
  return Array.from({ length: PER_BATCH }, () => {
    const txid = new Uint8Array(32)
    new DataView(txid.buffer).setUint32(0, counter++)
    crypto.getRandomValues(txid.subarray(4, 12))
    return {
      outpoint: { txid, vout: counter & 3 },
      entry: { amount: 123_456n, lock, height: counter, coinbase: false },
    }
  })
}

const EMPTY = new Uint8Array(0)
/** What the chain writes for created outputs (writes.ts connectOps). */
function ops(utxos: { outpoint: OutPoint; entry: UtxoEntry }[]): BatchOp[] {
  const out: BatchOp[] = []
  for (const u of utxos)
    out.push(
      { type: 'put', key: keys.utxo(u.outpoint), value: encodeUtxoEntry(u.entry) },
      { type: 'put', key: keys.lockUtxo(u.entry.lock, u.outpoint), value: EMPTY },
    )
  return out
}

// The raw side writes pre-built byte pairs of the same sizes (built outside the timed region).
const rawBatches = Array.from({ length: 64 }, () =>
  ops(nextUtxos()).map((o) => ({
    type: 'put' as const,
    key: o.key,
    value: (o as { value: Uint8Array }).value,
  })),
)
let rawIndex = 0

const { value, raw: rawRate } = await measurePair(
  () => store.batch(ops(nextUtxos())),
  () => {
    const batch = rawBatches[rawIndex++ % rawBatches.length]!.map((o) => ({
      ...o,
      key: o.key.slice(),
    }))
    for (const o of batch) crypto.getRandomValues(o.key.subarray(1, 9))
    return raw.batch(batch)
  },
  { metricOps: PER_BATCH, rawOps: PER_BATCH, rounds: 5, minMs: 800 },
)
report({
  bench: 'full-node',
  metric: 'utxo_writes',
  value,
  unit: 'utxos/s',
  raw: rawRate,
  goal: 0.6,
  extra: { perBatch: PER_BATCH, rawIs: 'classic-level batch of the same key/value bytes' },
})
await store.close()
await raw.close()
rmSync(dir, { recursive: true, force: true })
