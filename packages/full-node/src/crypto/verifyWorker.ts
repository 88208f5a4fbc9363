/**
 * A signature-verification thread of the node's verifier pool. Uses only erasable TypeScript and
 * imports only node built-ins, @supernova/protocol and ./packing, so Node 24 runs this file as is
 * (tests) and tsc compiles it to dist.
 *
 * Every batch is posted to every worker: { id, scheme, packed (packItems, shared), control }.
 * `control` is a shared Int32Array [next, failed]: workers claim CLAIM items at a time with
 * Atomics.add on `next`, so whichever thread is free takes the next signatures and all finish a
 * batch together; an invalid signature sets `failed`, and every worker stops claiming. Each
 * answers { id, ok, verified } — ok is false iff it found an item invalid under consensus rules,
 * verified the number of items it checked.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto'
import { parentPort } from 'node:worker_threads'
import { createNobleSignatureSchemes, type SchemeId } from '@supernova/protocol'

import { unpackItems } from './packing.ts'

type Item = { publicKey: Uint8Array; message: Uint8Array; signature: Uint8Array }
type Request = {
  id: number
  scheme: SchemeId
  packed: SharedArrayBuffer
  control: SharedArrayBuffer
}

/** Items claimed at once: small enough that threads finish a batch within one claim of each other. */
const CLAIM = 8
const NEXT = 0
const FAILED = 1

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
  const control = new Int32Array(req.control)
  let ok = true
  let verified = 0
  try {
    const items = unpackItems(req.packed)
    for (;;) {
      const start = Atomics.add(control, NEXT, CLAIM)
      if (start >= items.length) break
      const end = Math.min(start + CLAIM, items.length)
      for (let k = start; k < end; k++) {
        if (Atomics.load(control, FAILED) !== 0) break
        const item = items[k]!
        const valid =
          req.scheme === 'ed25519'
            ? await verifyEd25519(item)
            : await noble[req.scheme].verify(item)
        verified++
        if (!valid) {
          ok = false
          Atomics.store(control, FAILED, 1)
          break
        }
      }
      if (Atomics.load(control, FAILED) !== 0) break
    }
  } catch {
    ok = false
    Atomics.store(control, FAILED, 1)
  }
  port.postMessage({ id: req.id, ok, verified })
})
