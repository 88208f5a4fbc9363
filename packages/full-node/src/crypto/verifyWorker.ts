/**
 * A signature-verification thread of the node's verifier pool. Uses only erasable TypeScript and
 * imports only node built-ins, @supernova/protocol and ./packing, so Node 24 runs this file as is
 * (tests) and tsc compiles it to dist. Messages: { id, scheme, packed (packItems) } in, { id, ok }
 * out — ok is true iff every item verifies under consensus rules.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto'
import { parentPort } from 'node:worker_threads'
import { createNobleSignatureSchemes, type SchemeId } from '@supernova/protocol'

import { unpackItems } from './packing.ts'

type Item = { publicKey: Uint8Array; message: Uint8Array; signature: Uint8Array }
type Request = { id: number; scheme: SchemeId; packed: ArrayBuffer }

const port = parentPort
if (!port) throw new Error('verify worker: must run in a worker thread')
const noble = createNobleSignatureSchemes()
const SPKI = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
])
const keyCache = new Map<string, KeyObject | null>()

function edKey(publicKey: Uint8Array): KeyObject | null {
  const id = Buffer.from(publicKey).toString('base64')
  let k = keyCache.get(id)
  if (k !== undefined) return k
  try {
    k = createPublicKey({ key: Buffer.concat([SPKI, publicKey]), format: 'der', type: 'spki' })
  } catch {
    k = null
  }
  if (keyCache.size > 4096) keyCache.clear()
  keyCache.set(id, k)
  return k
}

async function verifyEd25519(item: Item): Promise<boolean> {
  if (item.publicKey.length === 32 && item.signature.length === 64) {
    const k = edKey(item.publicKey)
    try {
      // OpenSSL's "valid" is consensus-valid; its "invalid" is re-checked with noble (ZIP215).
      if (k && verify(null, item.message, k, item.signature)) return true
    } catch {
      // Fall through to the reference.
    }
  }
  return noble.ed25519.verify(item)
}

port.on('message', async (req: Request) => {
  let ok = true
  try {
    for (const item of unpackItems(req.packed)) {
      const valid =
        req.scheme === 'ed25519' ? await verifyEd25519(item) : await noble[req.scheme].verify(item)
      if (!valid) {
        ok = false
        break
      }
    }
  } catch {
    ok = false
  }
  port.postMessage({ id: req.id, ok })
})
