/**
 * The keystore envelope: a versioned, self-describing container for one secret encrypted under a
 * password. Binary layout (big-endian integers):
 *
 * | bytes | field                                            |
 * |-------|--------------------------------------------------|
 * | 4     | magic `SNKS`                                     |
 * | 1     | version (1)                                      |
 * | 1     | KDF id (1 = PBKDF2-HMAC-SHA256)                  |
 * | 4     | KDF iterations                                   |
 * | 16    | KDF salt                                         |
 * | 1     | cipher id (1 = AES-256-GCM)                      |
 * | 12    | key-check IV                                     |
 * | 12    | payload IV                                       |
 * | 16    | key-check tag (GMAC of the KDF header)           |
 * | 2     | ciphertext length (payload + 16-byte GCM tag)    |
 * | n     | ciphertext                                       |
 *
 * The first 51 bytes are the header. The JSON form carries the same fields (hex byte strings);
 * both forms rebuild the same header bytes, so either can be stored.
 */
import { fromHex, toHex } from '@supernova/protocol'
import { KeystoreError } from './errors.js'

export const KEYSTORE_ENVELOPE_VERSION = 1
/** Fewest PBKDF2-SHA256 iterations written or accepted (OWASP 2023 guidance for PBKDF2-SHA256). */
export const PBKDF2_MIN_ITERATIONS = 600_000
export const PBKDF2_DEFAULT_ITERATIONS = 600_000
/** Most iterations accepted, so a crafted envelope cannot stall an unlock for minutes. */
export const PBKDF2_MAX_ITERATIONS = 10_000_000
export const KEYSTORE_SALT_BYTES = 16
export const KEYSTORE_IV_BYTES = 12
export const KEYSTORE_TAG_BYTES = 16
/** Largest secret an envelope holds (the wallet's is under 100 bytes). */
export const KEYSTORE_MAX_SECRET_BYTES = 1024

const MAGIC = Uint8Array.of(0x53, 0x4e, 0x4b, 0x53)
const KDF_ID = 1
const CIPHER_ID = 1
/** Magic, version, KDF id, iterations, salt: what the key-check tag authenticates. */
export const KDF_HEADER_BYTES = 4 + 1 + 1 + 4 + KEYSTORE_SALT_BYTES
export const HEADER_BYTES = KDF_HEADER_BYTES + 1 + 2 * KEYSTORE_IV_BYTES
const FIXED_BYTES = HEADER_BYTES + KEYSTORE_TAG_BYTES + 2
const MAX_ENVELOPE_BYTES = FIXED_BYTES + KEYSTORE_MAX_SECRET_BYTES + KEYSTORE_TAG_BYTES

export type KeystoreEnvelope = {
  version: 1
  kdf: { name: 'PBKDF2-SHA256'; iterations: number; salt: Uint8Array }
  cipher: {
    name: 'AES-256-GCM'
    /** Nonce of the key check (an empty-plaintext GCM over the KDF header). */
    checkIv: Uint8Array
    /** Nonce of the payload; never equal to `checkIv`. */
    iv: Uint8Array
    checkTag: Uint8Array
  }
  /** The encrypted secret followed by its 16-byte GCM tag. */
  ciphertext: Uint8Array
}

function malformed(message: string): never {
  throw new KeystoreError({ code: 'MALFORMED_ENVELOPE', message })
}

/**
 * Refuses KDF parameters outside [PBKDF2_MIN_ITERATIONS, PBKDF2_MAX_ITERATIONS].
 * @throws {KeystoreError} `WEAK_KDF`.
 */
export function assertKdfIterations(iterations: number): void {
  if (
    !Number.isSafeInteger(iterations) ||
    iterations < PBKDF2_MIN_ITERATIONS ||
    iterations > PBKDF2_MAX_ITERATIONS
  ) {
    throw new KeystoreError({
      code: 'WEAK_KDF',
      message: `PBKDF2 iterations must be in [${PBKDF2_MIN_ITERATIONS}, ${PBKDF2_MAX_ITERATIONS}], got ${String(iterations)}`,
      details: { iterations },
    })
  }
}

function assertShape(env: KeystoreEnvelope): void {
  const sizes: [string, Uint8Array, number][] = [
    ['salt', env.kdf.salt, KEYSTORE_SALT_BYTES],
    ['checkIv', env.cipher.checkIv, KEYSTORE_IV_BYTES],
    ['iv', env.cipher.iv, KEYSTORE_IV_BYTES],
    ['checkTag', env.cipher.checkTag, KEYSTORE_TAG_BYTES],
  ]
  for (const [name, bytes, length] of sizes)
    if (!(bytes instanceof Uint8Array) || bytes.length !== length)
      malformed(`${name} must be ${length} bytes`)
  const c = env.ciphertext
  if (!(c instanceof Uint8Array) || c.length <= KEYSTORE_TAG_BYTES)
    malformed('ciphertext must hold at least one byte and the GCM tag')
  if (c.length > KEYSTORE_MAX_SECRET_BYTES + KEYSTORE_TAG_BYTES) malformed('ciphertext too long')
  if (toHex(env.cipher.checkIv) === toHex(env.cipher.iv)) malformed('the two IVs must differ')
}

/** The 51 header bytes: what the payload's GCM authenticates (with the key-check tag). */
export function encodeEnvelopeHeader(env: KeystoreEnvelope): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES)
  const view = new DataView(out.buffer)
  out.set(MAGIC, 0)
  out[4] = env.version
  out[5] = KDF_ID
  view.setUint32(6, env.kdf.iterations)
  out.set(env.kdf.salt, 10)
  out[KDF_HEADER_BYTES] = CIPHER_ID
  out.set(env.cipher.checkIv, KDF_HEADER_BYTES + 1)
  out.set(env.cipher.iv, KDF_HEADER_BYTES + 1 + KEYSTORE_IV_BYTES)
  return out
}

/**
 * The binary form of an envelope.
 * @throws {KeystoreError} `MALFORMED_ENVELOPE` for fields of the wrong size.
 */
export function encodeEnvelope(env: KeystoreEnvelope): Uint8Array {
  assertShape(env)
  const out = new Uint8Array(FIXED_BYTES + env.ciphertext.length)
  out.set(encodeEnvelopeHeader(env), 0)
  out.set(env.cipher.checkTag, HEADER_BYTES)
  new DataView(out.buffer).setUint16(HEADER_BYTES + KEYSTORE_TAG_BYTES, env.ciphertext.length)
  out.set(env.ciphertext, FIXED_BYTES)
  return out
}

/**
 * Parses the binary form, checking magic, version, algorithm ids, lengths and the KDF floor
 * before anything is derived or decrypted.
 * @throws {KeystoreError} `MALFORMED_ENVELOPE`, `UNSUPPORTED_ENVELOPE`, `WEAK_KDF`.
 */
export function decodeEnvelope(bytes: Uint8Array): KeystoreEnvelope {
  if (!(bytes instanceof Uint8Array)) malformed('expected bytes')
  if (bytes.length < FIXED_BYTES || bytes.length > MAX_ENVELOPE_BYTES)
    malformed(`${bytes.length} bytes is not an envelope length`)
  if (MAGIC.some((b, i) => bytes[i] !== b)) malformed('bad magic')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes[4] !== KEYSTORE_ENVELOPE_VERSION) unsupported(`version ${bytes[4]}`)
  if (bytes[5] !== KDF_ID) unsupported(`KDF id ${bytes[5]}`)
  if (bytes[KDF_HEADER_BYTES] !== CIPHER_ID) unsupported(`cipher id ${bytes[KDF_HEADER_BYTES]}`)
  const iterations = view.getUint32(6)
  assertKdfIterations(iterations)
  const length = view.getUint16(HEADER_BYTES + KEYSTORE_TAG_BYTES)
  if (bytes.length !== FIXED_BYTES + length)
    malformed(`ciphertext length ${length} does not match the ${bytes.length}-byte envelope`)
  const ivAt = KDF_HEADER_BYTES + 1
  const env: KeystoreEnvelope = {
    version: KEYSTORE_ENVELOPE_VERSION,
    kdf: { name: 'PBKDF2-SHA256', iterations, salt: bytes.slice(10, KDF_HEADER_BYTES) },
    cipher: {
      name: 'AES-256-GCM',
      checkIv: bytes.slice(ivAt, ivAt + KEYSTORE_IV_BYTES),
      iv: bytes.slice(ivAt + KEYSTORE_IV_BYTES, HEADER_BYTES),
      checkTag: bytes.slice(HEADER_BYTES, HEADER_BYTES + KEYSTORE_TAG_BYTES),
    },
    ciphertext: bytes.slice(FIXED_BYTES),
  }
  assertShape(env)
  return env
}

function unsupported(message: string): never {
  throw new KeystoreError({ code: 'UNSUPPORTED_ENVELOPE', message })
}

/** The JSON form: the same fields, byte strings as lowercase hex. */
export type KeystoreEnvelopeJson = {
  version: number
  kdf: { name: string; iterations: number; salt: string }
  cipher: { name: string; checkIv: string; iv: string; checkTag: string }
  ciphertext: string
}

/** The JSON-ready form of an envelope. */
export function envelopeToJson(env: KeystoreEnvelope): KeystoreEnvelopeJson {
  assertShape(env)
  return {
    version: env.version,
    kdf: { name: env.kdf.name, iterations: env.kdf.iterations, salt: toHex(env.kdf.salt) },
    cipher: {
      name: env.cipher.name,
      checkIv: toHex(env.cipher.checkIv),
      iv: toHex(env.cipher.iv),
      checkTag: toHex(env.cipher.checkTag),
    },
    ciphertext: toHex(env.ciphertext),
  }
}

/**
 * Parses the JSON form (an object or its text) with the same checks as `decodeEnvelope`.
 * @throws {KeystoreError} `MALFORMED_ENVELOPE`, `UNSUPPORTED_ENVELOPE`, `WEAK_KDF`.
 */
export function envelopeFromJson(json: unknown): KeystoreEnvelope {
  let doc = json
  if (typeof json === 'string') {
    if (json.length > 4 * MAX_ENVELOPE_BYTES) malformed('JSON too long')
    try {
      doc = JSON.parse(json)
    } catch {
      malformed('not JSON')
    }
  }
  const o = asObject(doc, 'envelope')
  const kdf = asObject(o.kdf, 'kdf')
  const cipher = asObject(o.cipher, 'cipher')
  if (o.version !== KEYSTORE_ENVELOPE_VERSION) unsupported(`version ${JSON.stringify(o.version)}`)
  if (kdf.name !== 'PBKDF2-SHA256') unsupported(`KDF ${JSON.stringify(kdf.name)}`)
  if (cipher.name !== 'AES-256-GCM') unsupported(`cipher ${JSON.stringify(cipher.name)}`)
  if (typeof kdf.iterations !== 'number') malformed('kdf.iterations must be a number')
  assertKdfIterations(kdf.iterations)
  const env: KeystoreEnvelope = {
    version: KEYSTORE_ENVELOPE_VERSION,
    kdf: { name: 'PBKDF2-SHA256', iterations: kdf.iterations, salt: hexField(kdf, 'salt') },
    cipher: {
      name: 'AES-256-GCM',
      checkIv: hexField(cipher, 'checkIv'),
      iv: hexField(cipher, 'iv'),
      checkTag: hexField(cipher, 'checkTag'),
    },
    ciphertext: hexField(o, 'ciphertext'),
  }
  assertShape(env)
  return env
}

function asObject(v: unknown, name: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    malformed(`${name} must be an object`)
  return v as Record<string, unknown>
}

function hexField(o: Record<string, unknown>, key: string): Uint8Array {
  const v = o[key]
  if (typeof v !== 'string' || v.length > 2 * (KEYSTORE_MAX_SECRET_BYTES + KEYSTORE_TAG_BYTES))
    malformed(`${key} must be a hex string of bounded length`)
  if (!/^(?:[0-9a-f]{2})*$/.test(v)) malformed(`${key} must be lowercase hex`)
  return fromHex(v)
}
