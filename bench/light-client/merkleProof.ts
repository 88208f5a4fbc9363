/**
 * merkle_proof_verify: Merkle inclusion proofs verified per second in headless Chromium, in the
 * light-client page's bundle (`isValidMerkleProof`, what getTransaction runs), on a 4,096-leaf
 * tree (depth 12), against the raw 64-byte node-hash rate ÷ depth measured in the same page in
 * interleaved rounds (the faster of the protocol's single-compression JS hash and hash-wasm).
 * Goal ≥ 0.8× (median of the per-round ratios).
 */
import { report } from '../lib.ts'
import { BENCH, deadline, startBenchEnv } from './support/setup.ts'

type Rates = {
  value: number
  raw: number
  ratio: number
  depth: number
  rawPrimitive: string
  jsRate: number
  wasmRate: number
}
type Bench = { merkleRates(): Promise<Rates> }

deadline(120_000, 'bench light-client merkleProof')
const env = await startBenchEnv()
let r: Rates
try {
  const page = await env.browser.newPage()
  await page.goto(env.served.url, { timeout: 10_000 })
  await page.waitForFunction(() => 'lightClientBench' in globalThis, undefined, { timeout: 10_000 })
  r = await page.evaluate(() =>
    (globalThis as unknown as { lightClientBench: Bench }).lightClientBench.merkleRates(),
  )
} finally {
  await env.close()
}

report({
  bench: BENCH,
  metric: 'merkle_proof_verify',
  value: r.value,
  unit: 'proofs/s',
  raw: r.raw,
  goal: 0.8,
  ratio: r.ratio,
  extra: {
    depth: r.depth,
    rawPrimitive: r.rawPrimitive,
    singleCompressionRate: Math.round(r.jsRate),
    hashWasmRate: Math.round(r.wasmRate),
  },
})
