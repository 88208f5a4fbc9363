import { createPublicKey, type KeyObject, verify } from 'node:crypto'
import { createEd25519Noble, type SignatureScheme } from '@supernova/protocol'

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32-byte key follows. */
const SPKI_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
])

export type NodeEd25519Options = {
  /** Imported public keys to keep (oldest dropped first). Default 4096. */
  cacheSize?: number
}

/**
 * ed25519 verification on node:crypto (OpenSSL, synchronous): the full node's fast backend behind
 * the protocol's `SignatureScheme`. OpenSSL's "valid" is trusted (it is stricter than ZIP215);
 * its "invalid" — and any key it refuses to import — is re-checked with noble, so every answer
 * equals the consensus (ZIP215) answer the browser computes.
 */
export function createNodeEd25519({ cacheSize = 4096 }: NodeEd25519Options = {}): SignatureScheme {
  if (!Number.isInteger(cacheSize) || cacheSize < 1)
    throw new RangeError(`cacheSize must be a positive integer: ${cacheSize}`)
  const noble = createEd25519Noble()
  const keys = new Map<string, KeyObject | null>()

  function keyObject(publicKey: Uint8Array): KeyObject | null {
    const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString(
      'hex',
    )
    let k = keys.get(id)
    if (k !== undefined) return k
    const der = new Uint8Array(SPKI_PREFIX.length + 32)
    der.set(SPKI_PREFIX)
    der.set(publicKey, SPKI_PREFIX.length)
    try {
      k = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' })
    } catch {
      k = null // OpenSSL refuses some encodings ZIP215 accepts: noble decides those.
    }
    if (keys.size >= cacheSize) keys.delete(keys.keys().next().value!)
    keys.set(id, k)
    return k
  }

  function verifyOne(item: {
    publicKey: Uint8Array
    message: Uint8Array
    signature: Uint8Array
  }): Promise<boolean> {
    const { publicKey, message, signature } = item
    if (
      !(publicKey instanceof Uint8Array) ||
      publicKey.length !== 32 ||
      !(signature instanceof Uint8Array) ||
      signature.length !== 64 ||
      !(message instanceof Uint8Array)
    ) {
      return Promise.resolve(false)
    }
    const k = keyObject(publicKey)
    if (k !== null) {
      try {
        if (verify(null, message, k, signature)) return Promise.resolve(true)
      } catch {
        // Fall through to the reference check.
      }
    }
    return noble.verify(item)
  }

  return {
    ...noble,
    verify: verifyOne,
    async batchVerify(items) {
      for (const item of items) if (!(await verifyOne(item))) return false
      return true
    },
  }
}
