import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto'
import { link, open, readFile, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { type Network, type SchemeId, utf8 } from '@supernova/protocol'
import {
  assertScryptParams,
  DEFAULT_SCRYPT,
  KEYSTORE_VERSION,
  KeystoreError,
  type KeystoreFile,
  MAX_KEYSTORE_BYTES,
  parseKeystore,
  type ScryptParams,
  secretLengthOf,
} from './keystoreFormat.js'

export {
  DEFAULT_SCRYPT,
  KEYSTORE_VERSION,
  KeystoreError,
  type KeystoreErrorCode,
  type KeystoreFile,
  parseKeystore,
  type ScryptParams,
} from './keystoreFormat.js'

/** Shortest passphrase accepted for a new keystore. */
export const MIN_PASSPHRASE_LENGTH = 8

function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  { N, r, p }: ScryptParams,
): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is below what N = 2^17, r = 8 needs (128·N·r = 128 MiB).
  const maxmem = 128 * r * (N + p + 2) + 1024 * 1024
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFKC'), salt, 32, { N, r, p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

/** Authenticated-but-public header: tampering with the address or network fails decryption. */
function associatedData(k: Pick<KeystoreFile, 'scheme' | 'network' | 'address'>): Uint8Array {
  return utf8(`supernova-keystore/v${KEYSTORE_VERSION}\n${k.scheme}\n${k.network}\n${k.address}`)
}

export type EncryptKeystoreParameters = {
  secretKey: Uint8Array
  passphrase: string
  network: Network
  /** The bech32m address of the key on `network` (stored in clear for watch-only use). */
  address: string
  scheme: SchemeId
  /** scrypt cost; default {@link DEFAULT_SCRYPT}. */
  scrypt?: ScryptParams
  now?: Date
}

/**
 * Encrypts a secret key into a keystore document: scrypt(passphrase, fresh 32-byte salt) →
 * AES-256-GCM with a fresh 12-byte IV, the scheme/network/address bound as associated data.
 * The derived key is wiped; the caller keeps ownership of (and wipes) `secretKey`.
 * @throws {KeystoreError} `WEAK_PASSPHRASE` (shorter than 8 characters) or
 *   `UNSUPPORTED_KEYSTORE` (scheme or scrypt parameters).
 */
export async function encryptKeystore(params: EncryptKeystoreParameters): Promise<KeystoreFile> {
  const { secretKey, passphrase, network, address, scheme } = params
  if (passphrase.length < MIN_PASSPHRASE_LENGTH)
    throw new KeystoreError({
      code: 'WEAK_PASSPHRASE',
      message: `passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`,
    })
  if (secretKey.length !== secretLengthOf(scheme))
    throw new KeystoreError({ code: 'UNSUPPORTED_KEYSTORE', message: `scheme ${scheme}` })
  const cost = params.scrypt ?? DEFAULT_SCRYPT
  assertScryptParams(cost)
  const salt = randomBytes(32)
  const iv = randomBytes(12)
  const key = await deriveKey(passphrase, salt, cost)
  try {
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    cipher.setAAD(associatedData({ scheme, network, address }))
    const ciphertext = Buffer.concat([cipher.update(secretKey), cipher.final()])
    return {
      version: KEYSTORE_VERSION,
      kdf: 'scrypt',
      kdfparams: { ...cost, salt: salt.toString('hex') },
      cipher: 'aes-256-gcm',
      iv: iv.toString('hex'),
      ciphertext: ciphertext.toString('hex'),
      tag: cipher.getAuthTag().toString('hex'),
      network,
      address,
      scheme,
      createdAt: (params.now ?? new Date()).toISOString(),
    }
  } finally {
    key.fill(0)
  }
}

/**
 * Decrypts the secret key of a keystore. The caller must wipe the returned bytes after use.
 * @throws {KeystoreError} `WRONG_PASSPHRASE` when authentication fails (wrong passphrase, or the
 *   ciphertext or its public header was modified).
 */
export async function decryptKeystore(
  keystore: KeystoreFile,
  passphrase: string,
): Promise<Uint8Array> {
  const { kdfparams } = keystore
  const key = await deriveKey(passphrase, Buffer.from(kdfparams.salt, 'hex'), kdfparams)
  let plain: Buffer | undefined
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(keystore.iv, 'hex'))
    decipher.setAAD(associatedData(keystore))
    decipher.setAuthTag(Buffer.from(keystore.tag, 'hex'))
    const head = decipher.update(Buffer.from(keystore.ciphertext, 'hex'))
    try {
      plain = Buffer.concat([head, decipher.final()])
    } catch {
      throw new KeystoreError({
        code: 'WRONG_PASSPHRASE',
        message: 'wrong passphrase (or the keystore file was modified)',
      })
    } finally {
      head.fill(0)
    }
    return new Uint8Array(plain)
  } finally {
    key.fill(0)
    plain?.fill(0)
  }
}

/**
 * Reads and validates a keystore file (at most 64 KiB) without decrypting it.
 * @throws {KeystoreError} `KEYSTORE_NOT_FOUND`, `CORRUPT_KEYSTORE` or `UNSUPPORTED_KEYSTORE`.
 */
export async function readKeystore(path: string): Promise<KeystoreFile> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(path, 'r')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new KeystoreError({ code: 'KEYSTORE_NOT_FOUND', message: `no wallet file at ${path}` })
    throw e
  }
  try {
    const { size } = await handle.stat()
    if (size > MAX_KEYSTORE_BYTES)
      throw new KeystoreError({ code: 'CORRUPT_KEYSTORE', message: `${path} is too large` })
    return parseKeystore(await readFile(handle, 'utf8'))
  } finally {
    await handle.close()
  }
}

export type WriteKeystoreParameters = {
  path: string
  keystore: KeystoreFile
  /** Replace an existing file; default false (an existing wallet is never clobbered). */
  overwrite?: boolean
}

/**
 * Writes a keystore atomically with mode 0600: a temporary file in the same directory is
 * written and fsynced, then renamed over `path` (or, without `overwrite`, hard-linked to `path`
 * so that an existing file is never replaced).
 * @throws {KeystoreError} `KEYSTORE_EXISTS` when `path` exists and `overwrite` is not set.
 */
export async function writeKeystore({
  path,
  keystore,
  overwrite = false,
}: WriteKeystoreParameters): Promise<void> {
  const dir = dirname(path)
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  const handle = await open(temp, 'wx', 0o600)
  try {
    await handle.writeFile(`${JSON.stringify(keystore, null, 2)}\n`)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    if (overwrite) await rename(temp, path)
    else await link(temp, path)
  } catch (e) {
    await unlink(temp).catch(() => undefined)
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new KeystoreError({
        code: 'KEYSTORE_EXISTS',
        message: `${path} already exists; not overwriting it`,
      })
    throw e
  }
  if (!overwrite) await unlink(temp)
  await syncDir(dir)
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined)
  if (!handle) return
  try {
    await handle.sync()
  } catch {
    // Some filesystems refuse fsync on directories; the rename itself is still atomic.
  } finally {
    await handle.close()
  }
}
