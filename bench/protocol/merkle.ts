/**
 * Merkle and sparse-Merkle benchmarks against the raw 64-byte hash measured alone in the same run.
 * Node hashing does not go through hash-wasm: a 64-byte keyed hash is one BLAKE3 compression, done
 * in plain JS (packages/protocol/src/hash/hash64.ts) because that is faster than a WASM call.
 * The raw primitive is therefore the faster of that single-compression hash and hash-wasm's
 * reused hasher on 64 bytes (both are printed), so the ratio measures only tree overhead.
 *
 * - merkle_root_4096: internal-node hashes/s while computing the root of 4,096 txids
 *   (4,095 node hashes per root); goal ≥ 0.7 of the raw 64-byte hash rate.
 * - smt_proof_verify: membership proofs/s in a 100,000-key tree; raw = raw hash rate ÷
 *   (mean depth + 1), since a proof costs one leaf hash plus one node hash per level; goal ≥ 0.8.
 */
import { createBLAKE3 } from 'hash-wasm'
import { domainKey, initHashing } from '../../packages/protocol/src/hash/blake3.js'
import { createKeyedHash64 } from '../../packages/protocol/src/hash/hash64.js'
import { computeMerkleRoot } from '../../packages/protocol/src/merkle/computeMerkleRoot.js'
import { SparseMerkleTree } from '../../packages/protocol/src/smt/SparseMerkleTree.js'
import { isValidSmtMembershipProof } from '../../packages/protocol/src/smt/verifySmtProof.js'
import { measure, measurePair, report } from '../lib.js'

const BENCH = 'protocol'

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)))
  return out
}

await initHashing()
const raw = await createBLAKE3()
const rawInput = randomBytes(64)
// The raw primitive runs RAW_BATCH hashes per call so the harness's per-call overhead (a clock
// read per call) is amortized as it is for the metrics; one hash per call would understate it.
const RAW_BATCH = 256
const wasmHash = () => {
  for (let i = 0; i < RAW_BATCH; i++) {
    raw.init()
    raw.update(rawInput)
    raw.digest('binary')
  }
}
const node64 = createKeyedHash64(domainKey('merkle'))
const left = rawInput.subarray(0, 32)
const right = rawInput.subarray(32)
const jsHash = () => {
  for (let i = 0; i < RAW_BATCH; i++) node64(left, right)
}
const wasmRate = (await measure(wasmHash, { opsPerCall: RAW_BATCH, minMs: 500 })).opsPerSec
const jsRate = (await measure(jsHash, { opsPerCall: RAW_BATCH, minMs: 500 })).opsPerSec
const rawHash = jsRate >= wasmRate ? jsHash : wasmHash
const rawKind = jsRate >= wasmRate ? 'js-single-compression' : 'hash-wasm'
const extra = {
  rawPrimitive: rawKind,
  hashWasmRate: Math.round(wasmRate),
  singleCompressionRate: Math.round(jsRate),
}

// --- merkle_root_4096 --------------------------------------------------------------------------
const txids = Array.from({ length: 4096 }, () => randomBytes(32))
const merkle = await measurePair(() => computeMerkleRoot(txids), rawHash, {
  metricOps: 4095,
  rawOps: RAW_BATCH,
})
report({
  bench: BENCH,
  metric: 'merkle_root_4096',
  value: merkle.value,
  unit: 'hashes/s',
  raw: merkle.raw,
  goal: 0.7,
  extra,
})

// --- smt_proof_verify --------------------------------------------------------------------------
const KEYS = 100_000
const PROOFS = 1000
const keys = Array.from({ length: KEYS }, () => randomBytes(32))
const values = Array.from({ length: KEYS }, () => randomBytes(32))
const tree = SparseMerkleTree.EMPTY.update(keys.map((key, i) => ({ key, valueHash: values[i]! })))
const root = tree.root
const sample = Array.from({ length: PROOFS }, (_, i) => {
  const j = Math.floor((i * KEYS) / PROOFS)
  return { root, key: keys[j]!, valueHash: values[j]!, proof: tree.createProof(keys[j]!) }
})
const meanDepth = sample.reduce((s, p) => s + p.proof.siblings.length, 0) / PROOFS
for (const p of sample)
  if (!isValidSmtMembershipProof(p)) throw new Error('bench: a proof failed to verify')
const smt = await measurePair(
  () => {
    let ok = 0
    for (const p of sample) if (isValidSmtMembershipProof(p)) ok++
    return ok
  },
  rawHash,
  { metricOps: PROOFS, rawOps: RAW_BATCH },
)
report({
  bench: BENCH,
  metric: 'smt_proof_verify',
  value: smt.value,
  unit: 'proofs/s',
  raw: smt.raw / (meanDepth + 1),
  goal: 0.8,
  extra: { depth: Math.round(meanDepth * 100) / 100, keys: KEYS, ...extra },
})
