/**
 * ML-DSA-65 (FIPS 204, security category 3) on @noble/post-quantum.
 *
 * Secret key choice: the "secret key" of this scheme is the 32-byte seed ξ of FIPS 204
 * Algorithm 6 (ML-DSA.KeyGen_internal), not the 4032-byte expanded key. FIPS 204 §3.6.3 allows
 * storing the seed in place of the expanded key; it is 126× smaller to encrypt and back up, and
 * cannot be inconsistent with its public key. The expanded key is re-derived for each signature
 * (about a millisecond) and wiped right after use.
 *
 * Signing is the FIPS 204 default *hedged* variant (Algorithm 2 with a fresh 32-byte `rnd` from
 * `crypto.getRandomValues`): signatures are randomized, which hardens signing against fault and
 * side-channel attacks; verification does not depend on the variant. Pure ML-DSA with the empty
 * context string: our messages are already domain-separated sighashes.
 */
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js'
import { wipe } from '../bytes.js'
import { assertMessage, assertSecretKey, hasShape, type SchemeItem } from './internal.js'
import { SCHEME_CODES, type SignatureScheme } from './types.js'

export const MLDSA65_PUBLIC_KEY_LENGTH = 1952
/** The seed ξ, see the module comment. */
export const MLDSA65_SECRET_KEY_LENGTH = 32
export const MLDSA65_SIGNATURE_LENGTH = 3309

/**
 * The 1952-byte public key of a 32-byte seed (FIPS 204 ML-DSA.KeyGen_internal(ξ)).
 * @throws {SignatureError} `INVALID_SECRET_KEY` when the seed is not 32 bytes.
 */
export function getMlDsa65PublicKey(seed: Uint8Array): Uint8Array {
  assertSecretKey('mldsa65', seed, MLDSA65_SECRET_KEY_LENGTH)
  const { publicKey, secretKey } = ml_dsa65.keygen(seed)
  wipe(secretKey)
  return publicKey
}

/**
 * Hedged ML-DSA-65 signature (3309 bytes) of `message` under a 32-byte seed.
 * @throws {SignatureError} `INVALID_SECRET_KEY` / `INVALID_MESSAGE` on bad input.
 */
export function signMlDsa65(message: Uint8Array, seed: Uint8Array): Uint8Array {
  assertMessage('mldsa65', message)
  assertSecretKey('mldsa65', seed, MLDSA65_SECRET_KEY_LENGTH)
  const { secretKey } = ml_dsa65.keygen(seed)
  try {
    return ml_dsa65.sign(message, secretKey)
  } finally {
    wipe(secretKey)
  }
}

/** ML-DSA-65 verification of one signature; false (never an exception) on malformed input. */
export function isValidMlDsa65Signature(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const item = { publicKey, message, signature }
  if (!hasShape(item, MLDSA65_PUBLIC_KEY_LENGTH, MLDSA65_SIGNATURE_LENGTH)) return false
  try {
    return ml_dsa65.verify(signature, message, publicKey)
  } catch {
    return false
  }
}

function verifyItem(item: SchemeItem): boolean {
  if (typeof item !== 'object' || item === null) return false
  return isValidMlDsa65Signature(item.publicKey, item.message, item.signature)
}

/**
 * The ML-DSA-65 scheme: 32-byte seed as secret key, 1952-byte public key, 3309-byte signature.
 *
 * @example
 * const pq = createMlDsa65()
 * const seed = pq.generateSecretKey()
 * const sig = pq.sign(sighash, seed)
 * await pq.verify({ publicKey: pq.getPublicKey(seed), message: sighash, signature: sig }) // true
 */
export function createMlDsa65(): SignatureScheme {
  return {
    id: 'mldsa65',
    code: SCHEME_CODES.mldsa65,
    publicKeyLength: MLDSA65_PUBLIC_KEY_LENGTH,
    secretKeyLength: MLDSA65_SECRET_KEY_LENGTH,
    signatureLength: MLDSA65_SIGNATURE_LENGTH,
    generateSecretKey: () =>
      globalThis.crypto.getRandomValues(new Uint8Array(MLDSA65_SECRET_KEY_LENGTH)),
    getPublicKey: getMlDsa65PublicKey,
    sign: signMlDsa65,
    verify: async (item) => verifyItem(item),
    batchVerify: async (items) => {
      if (!Array.isArray(items)) return false
      for (const item of items) if (!verifyItem(item)) return false
      return true
    },
  }
}
