/**
 * The benchmark page: the Chromium tests' light-client page (it runs the client at once from the
 * URL fragment, timed from the page's first script) plus the raw primitives, measured in the same
 * page afterwards on the client's own connection and on the headers it synced.
 */

import { multiaddr } from '@multiformats/multiaddr'
import {
  checkProofOfWork,
  computeMerkleRoot,
  createMerkleProof,
  decodeAddress,
  encodeHeader,
  type Header,
  hashHeader,
  isValidMerkleProof,
  isValidSmtMembershipProof,
  MAX_HEADERS_PER_REQUEST,
  utxoKey,
  utxoValueHash,
} from '@supernova/protocol'
import { createBLAKE3 } from 'hash-wasm'
import { createClientLibp2p } from '../../../packages/light-client/src/network/libp2p.ts'
import type { LightClientNetwork } from '../../../packages/light-client/src/network/network.ts'
import {
  pageScriptStart,
  runFromFragment,
} from '../../../packages/light-client/test/browser/clientPage.ts'
import { domainKey } from '../../../packages/protocol/src/hash/blake3.ts'
import { createKeyedHash64 } from '../../../packages/protocol/src/hash/hash64.ts'

type PageGlobals = {
  lightClientPage?: { net: LightClientNetwork; config: { address: string; bootstrap: string[] } }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** Median time (ms) of `runs` sequential calls of `f`. */
async function timeIt(runs: number, f: () => unknown): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await f()
    times.push(performance.now() - t)
  }
  return median(times)
}

/** Calls of `f` per second, run for at least `minMs` after a short warm-up. */
function rate(f: () => void, opsPerCall: number, minMs = 300): number {
  const run = (budget: number) => {
    let ops = 0
    const start = performance.now()
    let now = start
    while (now - start < budget) {
      f()
      ops += opsPerCall
      now = performance.now()
    }
    return (ops / (now - start)) * 1000
  }
  run(50)
  return run(minMs)
}

function started(): { net: LightClientNetwork; address: string; bootstrap: string[] } {
  const page = (globalThis as PageGlobals).lightClientPage
  if (page === undefined) throw new Error('the light-client page has not run')
  return { net: page.net, address: page.config.address, bootstrap: page.config.bootstrap }
}

/** Every header 1..tip from the client's peer, in requests of the protocol's maximum. */
async function fetchAll(net: LightClientNetwork, tip: number): Promise<Header[]> {
  const out: Header[] = []
  for (let from = 1; from <= tip; from += MAX_HEADERS_PER_REQUEST) {
    const { headers } = await net.getHeaders({
      fromHeight: from,
      count: Math.min(MAX_HEADERS_PER_REQUEST, tip - from + 1),
    })
    out.push(...headers)
  }
  return out
}

/**
 * The raw parts of a cold start, each the median of a few runs in this page: a bare libp2p dial
 * of the same node (same transports, noise, yamux), and on the client's open connection a bare
 * status, the header requests it synced with and the utxos request; then bare PoW checks of the
 * synced headers and bare SMT-proof checks of the UTXOs (hashing only).
 */
async function coldStartParts(tip: number) {
  const { net, address, bootstrap } = started()
  const { lock } = decodeAddress({ address, network: 'devnet' })
  const host = await createClientLibp2p({ maxConnections: 4, isBanned: () => false })
  await host.start()
  const dialMs = await timeIt(3, async () => {
    const c = await host.dial(multiaddr(bootstrap[0]!))
    await c.close()
  })
  await host.stop()
  const statusMs = await timeIt(5, () => net.getStatus())
  const headersMs = await timeIt(3, () => fetchAll(net, tip))
  const utxosMs = await timeIt(5, () => net.getUtxos({ lock, limit: 1000 }))
  const encoded = (await fetchAll(net, tip)).map(encodeHeader)
  const powMs = await timeIt(5, () => {
    for (const h of encoded) if (!checkProofOfWork(h).valid) throw new Error('bad PoW')
  })
  const answer = await net.getUtxos({ lock, limit: 1000 })
  const { headers } = await net.getHeaders({ fromHeight: tip, count: 1 })
  const root = headers[0]!.utxoRoot
  const proofMs = await timeIt(5, () => {
    for (const u of answer.utxos) {
      const ok = isValidSmtMembershipProof({
        root,
        key: utxoKey(u.outpoint),
        valueHash: utxoValueHash(u.entry),
        proof: u.proof,
      })
      if (!ok) throw new Error('bad SMT proof')
    }
  })
  return { dialMs, statusMs, headersMs, utxosMs, powMs, proofMs, headers: encoded.length }
}

/**
 * checkProofOfWork rate (headers/s) on the headers 1..tip of the client's peer, and the rate of
 * the bare header requests themselves on the client's connection (fetched and decoded, nothing
 * verified or stored; the median of three): the ceiling the network puts on any header sync.
 */
async function powRate(tip: number): Promise<{ rate: number; headers: number; fetchRate: number }> {
  const net = started().net
  const fetchMs = await timeIt(3, () => fetchAll(net, tip))
  const encoded = (await fetchAll(net, tip)).map(encodeHeader)
  const r = rate(() => {
    for (const h of encoded) checkProofOfWork(h)
  }, encoded.length)
  return { rate: r, headers: encoded.length, fetchRate: (encoded.length / fetchMs) * 1000 }
}

function randomHashes(n: number): Uint8Array[] {
  return Array.from({ length: n }, () => crypto.getRandomValues(new Uint8Array(32)))
}

/**
 * Merkle inclusion proofs verified per second (`isValidMerkleProof`, what getTransaction runs)
 * on a 4,096-leaf tree (depth 12), interleaved with the raw 64-byte node hash — the faster of the
 * protocol's single-compression JS hash and hash-wasm — in rounds; returns medians and the
 * median per-round ratio of proofs/s to (hashes/s ÷ depth).
 */
async function merkleRates(rounds = 5) {
  const LEAVES = 4096
  const DEPTH = 12
  const leaves = randomHashes(LEAVES)
  const root = computeMerkleRoot(leaves)
  const proofs = Array.from({ length: 256 }, (_, k) => {
    const index = (k * 997) % LEAVES
    return { leaf: leaves[index]!, proof: createMerkleProof({ leaves, index }) }
  })
  const verify = () => {
    for (const p of proofs)
      if (!isValidMerkleProof({ leaf: p.leaf, proof: p.proof, root })) throw new Error('bad proof')
  }
  const [left, right] = randomHashes(2) as [Uint8Array, Uint8Array]
  const input = new Uint8Array(64)
  input.set(left)
  input.set(right, 32)
  const node64 = createKeyedHash64(domainKey('merkle'))
  const wasm = await createBLAKE3(256, domainKey('merkle'))
  const BATCH = 256
  const js = () => {
    for (let i = 0; i < BATCH; i++) node64(left, right)
  }
  const wasmHash = () => {
    for (let i = 0; i < BATCH; i++) {
      wasm.init()
      wasm.update(input)
      wasm.digest('binary')
    }
  }
  const jsRate = rate(js, BATCH)
  const wasmRate = rate(wasmHash, BATCH)
  const raw = jsRate >= wasmRate ? js : wasmHash
  const values: number[] = []
  const raws: number[] = []
  for (let r = 0; r < rounds; r++) {
    values.push(rate(verify, proofs.length))
    raws.push(rate(raw, BATCH) / DEPTH)
  }
  return {
    value: median(values),
    raw: median(raws),
    ratio: median(values.map((v, i) => v / raws[i]!)),
    depth: DEPTH,
    rawPrimitive: jsRate >= wasmRate ? 'js-single-compression' : 'hash-wasm',
    jsRate,
    wasmRate,
  }
}

/** Sanity: the headers the raw parts use hash to what the client verified. */
async function tipHash(tip: number): Promise<string> {
  const { headers } = await started().net.getHeaders({ fromHeight: tip, count: 1 })
  return Array.from(hashHeader(headers[0]!), (x) => x.toString(16).padStart(2, '0')).join('')
}

;(globalThis as { lightClientBench?: unknown }).lightClientBench = {
  coldStartParts,
  powRate,
  merkleRates,
  tipHash,
}

runFromFragment(pageScriptStart())
