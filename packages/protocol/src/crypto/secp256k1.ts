/**
 * secp256k1 Schnorr signatures per BIP340 on @noble/curves: 32-byte secret keys (scalars in
 * [1, n-1]), 32-byte x-only public keys, 64-byte signatures. Messages of any length are accepted
 * (BIP340 as amended in 2022 allows them); our chain signs 32-byte sighashes.
 */
import { schnorr } from '@noble/curves/secp256k1.js'
import { SignatureError } from './errors.js'
import { assertMessage, assertSecretKey, hasShape, isBytes, type SchemeItem } from './internal.js'
import { SCHEME_CODES, type SignatureScheme } from './types.js'

export const SECP256K1_PUBLIC_KEY_LENGTH = 32
export const SECP256K1_SECRET_KEY_LENGTH = 32
export const SECP256K1_SIGNATURE_LENGTH = 64
/** BIP340 auxiliary randomness length. */
export const BIP340_AUX_LENGTH = 32

/**
 * The scheme, whose `sign` also takes BIP340's optional `auxRand` (32 bytes; default fresh bytes
 * from `crypto.getRandomValues`, as BIP340 recommends). Assignable to `SignatureScheme`.
 */
export type Secp256k1SchnorrScheme = Omit<SignatureScheme, 'sign'> & {
  sign(message: Uint8Array, secretKey: Uint8Array, auxRand?: Uint8Array): Uint8Array
}

function invalidSecretKey(cause: unknown): SignatureError {
  return new SignatureError({
    code: 'INVALID_SECRET_KEY',
    message: 'secp256k1 secret key must be a scalar in [1, n-1]',
    details: { scheme: 'secp256k1' },
    cause,
  })
}

/**
 * The x-only public key of a secret key.
 * @throws {SignatureError} `INVALID_SECRET_KEY` for a key that is not 32 bytes or not in [1, n-1].
 */
export function getSecp256k1PublicKey(secretKey: Uint8Array): Uint8Array {
  assertSecretKey('secp256k1', secretKey, SECP256K1_SECRET_KEY_LENGTH)
  try {
    return schnorr.getPublicKey(secretKey)
  } catch (cause) {
    throw invalidSecretKey(cause)
  }
}

/**
 * BIP340 signature of `message`.
 * @throws {SignatureError} `INVALID_SECRET_KEY`, `INVALID_MESSAGE` or `INVALID_AUX` on bad input.
 */
export function signSecp256k1Schnorr(
  message: Uint8Array,
  secretKey: Uint8Array,
  auxRand?: Uint8Array,
): Uint8Array {
  assertMessage('secp256k1', message)
  // Validate the key first so a bad key is reported as such, not as a signing failure.
  getSecp256k1PublicKey(secretKey)
  if (auxRand !== undefined && (!isBytes(auxRand) || auxRand.length !== BIP340_AUX_LENGTH)) {
    throw new SignatureError({
      code: 'INVALID_AUX',
      message: `BIP340 aux_rand must be ${BIP340_AUX_LENGTH} bytes`,
      details: { scheme: 'secp256k1' },
    })
  }
  try {
    return auxRand === undefined
      ? schnorr.sign(message, secretKey)
      : schnorr.sign(message, secretKey, auxRand)
  } catch (cause) {
    // BIP340 signing fails only with negligible probability (k' = 0) or on a faulty self-check.
    throw new SignatureError({
      code: 'SIGNING_FAILED',
      message: 'BIP340 signing failed',
      details: { scheme: 'secp256k1' },
      cause,
    })
  }
}

/** BIP340 verification of one signature; false (never an exception) on malformed input. */
export function isValidSecp256k1Signature(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const item = { publicKey, message, signature }
  if (!hasShape(item, SECP256K1_PUBLIC_KEY_LENGTH, SECP256K1_SIGNATURE_LENGTH)) return false
  try {
    return schnorr.verify(signature, message, publicKey)
  } catch {
    return false
  }
}

function verifyItem(item: SchemeItem): boolean {
  if (typeof item !== 'object' || item === null) return false
  return isValidSecp256k1Signature(item.publicKey, item.message, item.signature)
}

/**
 * The BIP340 Schnorr scheme. Batches are checked one by one.
 *
 * @example
 * const k1 = createSecp256k1Schnorr()
 * const sk = k1.generateSecretKey()
 * const sig = k1.sign(sighash, sk)
 * await k1.verify({ publicKey: k1.getPublicKey(sk), message: sighash, signature: sig }) // true
 */
export function createSecp256k1Schnorr(): Secp256k1SchnorrScheme {
  return {
    id: 'secp256k1',
    code: SCHEME_CODES.secp256k1,
    publicKeyLength: SECP256K1_PUBLIC_KEY_LENGTH,
    secretKeyLength: SECP256K1_SECRET_KEY_LENGTH,
    signatureLength: SECP256K1_SIGNATURE_LENGTH,
    // noble draws from crypto.getRandomValues and maps into [1, n-1] without bias.
    generateSecretKey: () => schnorr.utils.randomSecretKey(),
    getPublicKey: getSecp256k1PublicKey,
    sign: signSecp256k1Schnorr,
    verify: async (item) => verifyItem(item),
    batchVerify: async (items) => {
      if (!Array.isArray(items)) return false
      for (const item of items) if (!verifyItem(item)) return false
      return true
    },
  }
}
