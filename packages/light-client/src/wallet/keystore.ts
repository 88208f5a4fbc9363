/**
 * Password encryption of one secret with WebCrypto (browsers and Node alike):
 * PBKDF2-HMAC-SHA256 (≥ 600,000 iterations, fresh 16-byte salt) derives a non-extractable
 * AES-256-GCM key inside WebCrypto — the key bytes never reach JavaScript. Two GCM operations
 * use it, each with its own fresh 12-byte IV:
 *  1. a key check: GCM over an empty plaintext with the KDF header as additional data (a GMAC).
 *     It tells a wrong password (`WRONG_PASSWORD`) from a damaged payload; it lets a password be
 *     tested no faster than decrypting the payload would, so it gives an attacker nothing.
 *  2. the payload: the secret, with the whole header and the key-check tag as additional data,
 *     so no byte of the envelope can change without detection (`TAMPERED_ENVELOPE`).
 * A changed salt or iteration count derives another key and so reads as `WRONG_PASSWORD`.
 */
import { concatBytes, utf8 } from '@supernova/protocol'
import { KeystoreError } from './errors.js'
import {
  assertKdfIterations,
  decodeEnvelope,
  encodeEnvelope,
  encodeEnvelopeHeader,
  KDF_HEADER_BYTES,
  KEYSTORE_ENVELOPE_VERSION,
  KEYSTORE_IV_BYTES,
  KEYSTORE_MAX_SECRET_BYTES,
  KEYSTORE_SALT_BYTES,
  type KeystoreEnvelope,
  PBKDF2_DEFAULT_ITERATIONS,
} from './keystoreEnvelope.js'
import { cryptoRandomBytes, type RandomBytes } from './random.js'

/** Domain label in front of the key check's additional data. */
const CHECK_LABEL = utf8('supernova keystore key check v1')
/** Longest password accepted (characters), so hashing it stays cheap and bounded. */
const MAX_PASSWORD_CHARS = 1_024

/** Copies into a fresh ArrayBuffer-backed array (WebCrypto's BufferSource type). */
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes)
}

function assertPassword(password: string): void {
  if (typeof password !== 'string') throw new TypeError('password must be a string')
  if (password.length === 0) throw new RangeError('password must not be empty')
  if (password.length > MAX_PASSWORD_CHARS)
    throw new RangeError(`password longer than ${MAX_PASSWORD_CHARS} characters`)
}

/**
 * The non-extractable AES-256-GCM key of `password` under the envelope's KDF parameters. The
 * password is NFC-normalised (RFC 8265 OpaqueString) so it opens on any keyboard or OS.
 */
async function deriveWrappingKey(
  password: string,
  kdf: KeystoreEnvelope['kdf'],
): Promise<CryptoKey> {
  assertPassword(password)
  assertKdfIterations(kdf.iterations)
  const subtle = globalThis.crypto.subtle
  const encoded = utf8(password.normalize('NFC'))
  const bytes = own(encoded)
  encoded.fill(0)
  try {
    const base = await subtle.importKey('raw', bytes, 'PBKDF2', false, ['deriveKey'])
    return await subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt: own(kdf.salt), iterations: kdf.iterations },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    )
  } finally {
    bytes.fill(0)
  }
}

function checkAad(header: Uint8Array): Uint8Array<ArrayBuffer> {
  return own(concatBytes(CHECK_LABEL, header.subarray(0, KDF_HEADER_BYTES)))
}

export type EncryptSecretParameters = {
  /** 1 to 1,024 bytes. Not retained; the caller wipes it. */
  secret: Uint8Array
  password: string
  /** PBKDF2 iterations, at least (and by default) 600,000. */
  iterations?: number
  /** Source of salt and IVs; default `crypto.getRandomValues`. */
  random?: RandomBytes
}

/**
 * Encrypts `secret` under `password` into a fresh envelope (new salt, new IVs every time).
 * @throws {KeystoreError} `WEAK_KDF` for fewer than 600,000 (or more than 10,000,000) iterations.
 * @throws {RangeError} for an empty or oversize secret or password, or a faulty random source.
 * @example
 * const envelope = await encryptSecret({ secret: entropy, password })
 * await store.put('keystore', encodeEnvelope(envelope))
 */
export async function encryptSecret({
  secret,
  password,
  iterations = PBKDF2_DEFAULT_ITERATIONS,
  random = cryptoRandomBytes,
}: EncryptSecretParameters): Promise<KeystoreEnvelope> {
  if (
    !(secret instanceof Uint8Array) ||
    secret.length === 0 ||
    secret.length > KEYSTORE_MAX_SECRET_BYTES
  )
    throw new RangeError(`secret must be 1 to ${KEYSTORE_MAX_SECRET_BYTES} bytes`)
  assertKdfIterations(iterations)
  const salt = random(KEYSTORE_SALT_BYTES)
  const checkIv = random(KEYSTORE_IV_BYTES)
  const iv = random(KEYSTORE_IV_BYTES)
  if (
    salt.length !== KEYSTORE_SALT_BYTES ||
    checkIv.length !== KEYSTORE_IV_BYTES ||
    iv.length !== KEYSTORE_IV_BYTES
  )
    throw new RangeError('random source returned the wrong number of bytes')
  if (checkIv.every((b, i) => b === iv[i])) throw new RangeError('random source repeated an IV')
  const kdf = { name: 'PBKDF2-SHA256', iterations, salt } as const
  const key = await deriveWrappingKey(password, kdf)
  const draft: KeystoreEnvelope = {
    version: KEYSTORE_ENVELOPE_VERSION,
    kdf,
    cipher: { name: 'AES-256-GCM', checkIv, iv, checkTag: new Uint8Array(16) },
    ciphertext: new Uint8Array(0),
  }
  const header = encodeEnvelopeHeader(draft)
  const subtle = globalThis.crypto.subtle
  const checkTag = new Uint8Array(
    await subtle.encrypt(
      { name: 'AES-GCM', iv: own(checkIv), additionalData: checkAad(header) },
      key,
      new Uint8Array(0),
    ),
  )
  const plaintext = own(secret)
  try {
    const ciphertext = new Uint8Array(
      await subtle.encrypt(
        { name: 'AES-GCM', iv: own(iv), additionalData: own(concatBytes(header, checkTag)) },
        key,
        plaintext,
      ),
    )
    return { ...draft, cipher: { ...draft.cipher, checkTag }, ciphertext }
  } finally {
    plaintext.fill(0)
  }
}

export type DecryptSecretParameters = {
  /** The envelope, or its binary form (parsed and checked first). */
  envelope: KeystoreEnvelope | Uint8Array
  password: string
}

/**
 * Opens an envelope. Its KDF parameters are checked against the floor before any work is done:
 * a weaker envelope is refused, never decrypted. The caller owns (and should wipe) the result.
 * @throws {KeystoreError} `WRONG_PASSWORD`, `TAMPERED_ENVELOPE`, `MALFORMED_ENVELOPE`,
 * `UNSUPPORTED_ENVELOPE`, `WEAK_KDF`.
 * @example
 * const secret = await decryptSecret({ envelope: await store.get('keystore'), password })
 */
export async function decryptSecret({
  envelope,
  password,
}: DecryptSecretParameters): Promise<Uint8Array> {
  // Re-parsing the object form too runs every shape and floor check on it.
  const env = decodeEnvelope(
    envelope instanceof Uint8Array ? envelope : encodeEnvelopeOrThrow(envelope),
  )
  const key = await deriveWrappingKey(password, env.kdf)
  const header = encodeEnvelopeHeader(env)
  const subtle = globalThis.crypto.subtle
  try {
    await subtle.decrypt(
      { name: 'AES-GCM', iv: own(env.cipher.checkIv), additionalData: checkAad(header) },
      key,
      own(env.cipher.checkTag),
    )
  } catch {
    throw new KeystoreError({
      code: 'WRONG_PASSWORD',
      message: 'the password does not open this keystore',
    })
  }
  try {
    const aad = own(concatBytes(header, env.cipher.checkTag))
    return new Uint8Array(
      await subtle.decrypt(
        { name: 'AES-GCM', iv: own(env.cipher.iv), additionalData: aad },
        key,
        own(env.ciphertext),
      ),
    )
  } catch {
    throw new KeystoreError({
      code: 'TAMPERED_ENVELOPE',
      message: 'the password is right but the envelope does not authenticate (modified or damaged)',
    })
  }
}

function encodeEnvelopeOrThrow(env: KeystoreEnvelope): Uint8Array {
  if (typeof env !== 'object' || env === null)
    throw new KeystoreError({ code: 'MALFORMED_ENVELOPE', message: 'expected an envelope' })
  if (
    env.version !== KEYSTORE_ENVELOPE_VERSION ||
    env.kdf?.name !== 'PBKDF2-SHA256' ||
    env.cipher?.name !== 'AES-256-GCM'
  )
    throw new KeystoreError({
      code: 'UNSUPPORTED_ENVELOPE',
      message: 'unknown version or algorithm',
    })
  assertKdfIterations(env.kdf.iterations)
  return encodeEnvelope(env)
}

export type ReencryptSecretParameters = {
  envelope: KeystoreEnvelope | Uint8Array
  password: string
  newPassword: string
  /** Iterations of the new envelope; default 600,000. */
  iterations?: number
  random?: RandomBytes
}

/**
 * Password change: opens the envelope with `password` and seals its secret under `newPassword`
 * in a new envelope (new salt and IVs). The plaintext is wiped before returning.
 * @throws {KeystoreError} as `decryptSecret` (for the old password) and `encryptSecret`.
 */
export async function reencryptSecret({
  envelope,
  password,
  newPassword,
  iterations,
  random,
}: ReencryptSecretParameters): Promise<KeystoreEnvelope> {
  assertPassword(newPassword)
  const secret = await decryptSecret({ envelope, password })
  try {
    return await encryptSecret({
      secret,
      password: newPassword,
      ...(iterations === undefined ? {} : { iterations }),
      ...(random === undefined ? {} : { random }),
    })
  } finally {
    secret.fill(0)
  }
}
