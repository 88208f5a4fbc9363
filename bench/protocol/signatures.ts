/**
 * ed25519 verification throughput: the WebCrypto backend's `batchVerify` (which must answer
 * exactly like noble/ZIP215) against noble's own `ed25519.verify`, the raw primitive, in the
 * same run. 256 distinct keys, messages and signatures; the key cache holds them all (the
 * steady state of a node re-verifying a validator set).
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { createWebCryptoEd25519 } from '../../packages/protocol/src/crypto/webcryptoEd25519.js'
import { measurePair, report } from '../lib.js'

const COUNT = 256

const items = Array.from({ length: COUNT }, (_, i) => {
  const seed = globalThis.crypto.getRandomValues(new Uint8Array(32))
  const message = globalThis.crypto.getRandomValues(new Uint8Array(32))
  message[0] = i & 0xff
  return { publicKey: ed25519.getPublicKey(seed), message, signature: ed25519.sign(message, seed) }
})

const fast = createWebCryptoEd25519()
if ((await fast.backend()) !== 'webcrypto') throw new Error('WebCrypto Ed25519 is not available')
if (!(await fast.batchVerify(items))) throw new Error('batchVerify rejected valid signatures')

let next = 0
const { value, raw } = await measurePair(
  async () => {
    if (!(await fast.batchVerify(items))) throw new Error('batch failed')
  },
  () => {
    const it = items[next++ % COUNT]!
    if (!ed25519.verify(it.signature, it.message, it.publicKey)) throw new Error('verify failed')
  },
  { metricOps: COUNT, rawOps: 1 },
)

report({
  bench: 'protocol',
  metric: 'ed25519_fast_verify',
  value,
  unit: 'verifications/s',
  raw,
  goal: 10,
  extra: { batch: COUNT },
})
