/**
 * Ed25519 (RFC 8032 signing, ZIP215 verification) on @noble/curves — the reference
 * implementation every other ed25519 backend must agree with bit for bit (SPEC §2).
 *
 * Verification follows ZIP215: the cofactored equation [8][S]B = [8]R + [8][k]A, A and R may be
 * non-canonical encodings (y ≥ p, "negative zero"), small-order and mixed-order points are
 * accepted, S must be canonical (S < L), and k = SHA-512(R ‖ A ‖ M) over the bytes as given.
 * noble's `ed25519.verify` implements exactly this by default (`zip215: true`); we pass the
 * option explicitly so a change of library default cannot silently change consensus.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { assertMessage, assertSecretKey, hasShape, type SchemeItem } from './internal.js'
import { SCHEME_CODES, type SignatureScheme } from './types.js'

export const ED25519_PUBLIC_KEY_LENGTH = 32
export const ED25519_SECRET_KEY_LENGTH = 32
export const ED25519_SIGNATURE_LENGTH = 64

const ZIP215 = { zip215: true } as const

/**
 * ZIP215 verification of one signature, synchronously. Never throws: inputs of the wrong type or
 * length, and undecodable points, give false.
 */
export function isValidEd25519Signature(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (
    !hasShape(
      { publicKey, message, signature },
      ED25519_PUBLIC_KEY_LENGTH,
      ED25519_SIGNATURE_LENGTH,
    )
  )
    return false
  try {
    return ed25519.verify(signature, message, publicKey, ZIP215)
  } catch {
    return false
  }
}

/**
 * The public key (32 bytes) of a 32-byte secret seed.
 * @throws {SignatureError} `INVALID_SECRET_KEY` when the seed is not 32 bytes.
 */
export function getEd25519PublicKey(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(assertSecretKey('ed25519', secretKey, ED25519_SECRET_KEY_LENGTH))
}

/**
 * Deterministic RFC 8032 (PureEdDSA) signature of `message` under a 32-byte secret seed.
 * @throws {SignatureError} `INVALID_SECRET_KEY` / `INVALID_MESSAGE` on bad input.
 */
export function signEd25519(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  assertMessage('ed25519', message)
  return ed25519.sign(message, assertSecretKey('ed25519', secretKey, ED25519_SECRET_KEY_LENGTH))
}

/** A fresh 32-byte secret seed from `crypto.getRandomValues`. */
export function generateEd25519SecretKey(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(ED25519_SECRET_KEY_LENGTH))
}

function verifyItem(item: SchemeItem): boolean {
  if (typeof item !== 'object' || item === null) return false
  return isValidEd25519Signature(item.publicKey, item.message, item.signature)
}

/**
 * The pure-JS ed25519 scheme: 32-byte secret seed, 32-byte public key, 64-byte signature.
 * Batches are checked one by one (noble has no ed25519 batch equation; one would also have to be
 * proven to agree with single ZIP215 verification).
 *
 * @example
 * const ed = createEd25519Noble()
 * const sk = ed.generateSecretKey()
 * const sig = ed.sign(msg, sk)
 * await ed.verify({ publicKey: ed.getPublicKey(sk), message: msg, signature: sig }) // true
 */
export function createEd25519Noble(): SignatureScheme {
  return {
    id: 'ed25519',
    code: SCHEME_CODES.ed25519,
    publicKeyLength: ED25519_PUBLIC_KEY_LENGTH,
    secretKeyLength: ED25519_SECRET_KEY_LENGTH,
    signatureLength: ED25519_SIGNATURE_LENGTH,
    generateSecretKey: generateEd25519SecretKey,
    getPublicKey: getEd25519PublicKey,
    sign: signEd25519,
    verify: async (item) => verifyItem(item),
    batchVerify: async (items) => {
      if (!Array.isArray(items)) return false
      for (const item of items) if (!verifyItem(item)) return false
      return true
    },
  }
}
