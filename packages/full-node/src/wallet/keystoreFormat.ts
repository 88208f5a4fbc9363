import { BaseError, NETWORKS, type Network, type SchemeId } from '@supernova/protocol'

/** The only keystore format version this code reads and writes. */
export const KEYSTORE_VERSION = 1
/** Default scrypt cost: N = 2^17, r = 8, p = 1 (128 MiB, ~0.3–1 s). */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const
/** Largest keystore file read (a real one is under 1 KiB). */
export const MAX_KEYSTORE_BYTES = 64 * 1024
/** Largest scrypt memory a file may ask for (128·N·r bytes), so a crafted file cannot exhaust RAM. */
export const MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024
/** Secret-key length per scheme the keystore can hold. */
const SECRET_LENGTHS: Partial<Record<SchemeId, number>> = { ed25519: 32 }

export type ScryptParams = { N: number; r: number; p: number }

/** The JSON document stored on disk. Everything but `ciphertext` is public. */
export type KeystoreFile = {
  version: 1
  kdf: 'scrypt'
  kdfparams: ScryptParams & { salt: string }
  cipher: 'aes-256-gcm'
  iv: string
  ciphertext: string
  tag: string
  network: Network
  address: string
  scheme: SchemeId
  /** ISO 8601 time of writing. */
  createdAt: string
}

export type KeystoreErrorCode =
  | 'WRONG_PASSPHRASE'
  | 'CORRUPT_KEYSTORE'
  | 'UNSUPPORTED_KEYSTORE'
  | 'KEYSTORE_EXISTS'
  | 'KEYSTORE_NOT_FOUND'
  | 'WEAK_PASSPHRASE'

/** A keystore that cannot be read, decrypted or written. Never carries secret material. */
export class KeystoreError extends BaseError<KeystoreErrorCode> {
  override name = 'KeystoreError'
}

function corrupt(message: string): never {
  throw new KeystoreError({ code: 'CORRUPT_KEYSTORE', message })
}

function unsupported(message: string): never {
  throw new KeystoreError({ code: 'UNSUPPORTED_KEYSTORE', message })
}

function hexField(obj: Record<string, unknown>, key: string, min: number, max = min): string {
  const v = obj[key]
  if (
    typeof v !== 'string' ||
    !/^(?:[0-9a-f]{2})+$/.test(v) ||
    v.length < 2 * min ||
    v.length > 2 * max
  )
    corrupt(`field '${key}' must be ${min === max ? min : `${min}–${max}`} bytes of lowercase hex`)
  return v
}

/** Whether scrypt parameters are ones this code will run (power-of-two N, bounded memory). */
export function assertScryptParams({ N, r, p }: ScryptParams): void {
  const ok =
    Number.isSafeInteger(N) &&
    N >= 2 ** 10 &&
    (N & (N - 1)) === 0 &&
    Number.isSafeInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    Number.isSafeInteger(p) &&
    p >= 1 &&
    p <= 16 &&
    128 * N * r <= MAX_SCRYPT_MEMORY
  if (!ok) unsupported(`scrypt parameters N=${N} r=${r} p=${p} are outside the supported range`)
}

function parseKdfParams(v: unknown): KeystoreFile['kdfparams'] {
  if (typeof v !== 'object' || v === null) corrupt("field 'kdfparams' must be an object")
  const o = v as Record<string, unknown>
  const { N, r, p } = o
  if (typeof N !== 'number' || typeof r !== 'number' || typeof p !== 'number')
    corrupt('kdfparams N, r and p must be numbers')
  assertScryptParams({ N, r, p })
  return { N, r, p, salt: hexField(o, 'salt', 16, 64) }
}

/**
 * Parses and validates a keystore document (shape, versions, field sizes) without decrypting it.
 * @throws {KeystoreError} `CORRUPT_KEYSTORE` (not JSON, missing or malformed fields) or
 *   `UNSUPPORTED_KEYSTORE` (another version, KDF, cipher or scheme).
 */
export function parseKeystore(text: string): KeystoreFile {
  if (text.length > MAX_KEYSTORE_BYTES) corrupt(`larger than ${MAX_KEYSTORE_BYTES} bytes`)
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    corrupt('not valid JSON')
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) corrupt('not a JSON object')
  const o = doc as Record<string, unknown>
  if (o.version !== KEYSTORE_VERSION) unsupported(`version ${JSON.stringify(o.version)}`)
  if (o.kdf !== 'scrypt') unsupported(`kdf ${JSON.stringify(o.kdf)}`)
  if (o.cipher !== 'aes-256-gcm') unsupported(`cipher ${JSON.stringify(o.cipher)}`)
  const scheme = o.scheme as SchemeId
  const secretLength = typeof o.scheme === 'string' ? SECRET_LENGTHS[scheme] : undefined
  if (secretLength === undefined) unsupported(`scheme ${JSON.stringify(o.scheme)}`)
  if (typeof o.network !== 'string' || !(NETWORKS as readonly string[]).includes(o.network))
    corrupt(`unknown network ${JSON.stringify(o.network)}`)
  if (typeof o.address !== 'string' || o.address.length > 200) corrupt("field 'address' missing")
  if (typeof o.createdAt !== 'string' || o.createdAt.length > 64)
    corrupt("field 'createdAt' missing")
  return {
    version: KEYSTORE_VERSION,
    kdf: 'scrypt',
    kdfparams: parseKdfParams(o.kdfparams),
    cipher: 'aes-256-gcm',
    iv: hexField(o, 'iv', 12),
    ciphertext: hexField(o, 'ciphertext', secretLength),
    tag: hexField(o, 'tag', 16),
    network: o.network as Network,
    address: o.address,
    scheme,
    createdAt: o.createdAt,
  }
}

/** Secret-key length of `scheme`, or undefined when the keystore cannot hold it. */
export function secretLengthOf(scheme: SchemeId): number | undefined {
  return SECRET_LENGTHS[scheme]
}
