import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { devnetAccount, toHex } from '@supernova/protocol'
import { afterAll, describe, expect, it } from 'vitest'
import {
  decryptKeystore,
  encryptKeystore,
  type KeystoreFile,
  parseKeystore,
  readKeystore,
  writeKeystore,
} from '../../src/wallet/keystore.js'
import { walletKeyFromSecret } from '../../src/wallet/walletKey.js'

const dir = mkdtempSync(join(tmpdir(), 'sn-keystore-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Cheap scrypt for tests; one test below uses the production default. */
const FAST = { N: 2 ** 10, r: 8, p: 1 }
const PASS = 'correct horse battery staple'
const secret = devnetAccount(3).secretKey
const key = walletKeyFromSecret({ secretKey: secret, network: 'devnet' })

function encrypt(passphrase = PASS, secretKey = secret): Promise<KeystoreFile> {
  return encryptKeystore({
    secretKey,
    passphrase,
    network: 'devnet',
    address: key.address,
    scheme: 'ed25519',
    scrypt: FAST,
  })
}

let fileNo = 0
async function written(keystore?: KeystoreFile): Promise<string> {
  const path = join(dir, `w${fileNo++}.json`)
  await writeKeystore({ path, keystore: keystore ?? (await encrypt()) })
  return path
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p
    return undefined
  } catch (e) {
    return (e as { code?: string }).code
  }
}

describe('keystore', () => {
  it('round-trips a secret through a file', async () => {
    const path = await written()
    const read = await readKeystore(path)
    expect(read.address).toBe(key.address)
    expect(read.network).toBe('devnet')
    expect(toHex(await decryptKeystore(read, PASS))).toBe(toHex(secret))
  })

  it('round-trips with the default scrypt cost (N = 2^17)', async () => {
    const ks = await encryptKeystore({
      secretKey: secret,
      passphrase: PASS,
      network: 'devnet',
      address: key.address,
      scheme: 'ed25519',
    })
    expect(ks.kdfparams).toMatchObject({ N: 2 ** 17, r: 8, p: 1 })
    expect(toHex(await decryptKeystore(ks, PASS))).toBe(toHex(secret))
  })

  it('normalizes the passphrase (NFKC): composed and decomposed forms both open it', async () => {
    const ks = await encrypt('caf\u00e9 au lait')
    expect(toHex(await decryptKeystore(ks, 'cafe\u0301 au lait'))).toBe(toHex(secret))
  })

  it('rejects a wrong passphrase with WRONG_PASSPHRASE', async () => {
    const ks = await readKeystore(await written())
    expect(await codeOf(decryptKeystore(ks, `${PASS}!`))).toBe('WRONG_PASSPHRASE')
  })

  it('detects tampering with the ciphertext, tag or the public address', async () => {
    const ks = await encrypt()
    const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1)
    expect(await codeOf(decryptKeystore({ ...ks, ciphertext: flip(ks.ciphertext) }, PASS))).toBe(
      'WRONG_PASSPHRASE',
    )
    expect(await codeOf(decryptKeystore({ ...ks, tag: flip(ks.tag) }, PASS))).toBe(
      'WRONG_PASSPHRASE',
    )
    const other = walletKeyFromSecret({ secretKey: devnetAccount(4).secretKey, network: 'devnet' })
    expect(await codeOf(decryptKeystore({ ...ks, address: other.address }, PASS))).toBe(
      'WRONG_PASSPHRASE',
    )
  })

  it('classifies corrupted and unknown files', async () => {
    const good = JSON.stringify(await encrypt())
    const doc = JSON.parse(good) as Record<string, unknown>
    const cases: [string, string][] = [
      ['not json {', 'CORRUPT_KEYSTORE'],
      ['[]', 'CORRUPT_KEYSTORE'],
      [good.slice(0, good.length / 2), 'CORRUPT_KEYSTORE'],
      [JSON.stringify({ ...doc, ciphertext: 'abcd' }), 'CORRUPT_KEYSTORE'],
      [JSON.stringify({ ...doc, iv: 'zz'.repeat(12) }), 'CORRUPT_KEYSTORE'],
      [JSON.stringify({ ...doc, network: 'moon' }), 'CORRUPT_KEYSTORE'],
      [JSON.stringify({ ...doc, tag: undefined }), 'CORRUPT_KEYSTORE'],
      [JSON.stringify({ ...doc, version: 2 }), 'UNSUPPORTED_KEYSTORE'],
      [JSON.stringify({ ...doc, kdf: 'pbkdf2' }), 'UNSUPPORTED_KEYSTORE'],
      [JSON.stringify({ ...doc, cipher: 'aes-128-ctr' }), 'UNSUPPORTED_KEYSTORE'],
      [JSON.stringify({ ...doc, scheme: 'mldsa65' }), 'UNSUPPORTED_KEYSTORE'],
      // A crafted file must not make us allocate gigabytes or spin for minutes.
      [
        JSON.stringify({ ...doc, kdfparams: { ...FAST, N: 2 ** 30, salt: 'aa'.repeat(32) } }),
        'UNSUPPORTED_KEYSTORE',
      ],
      [
        JSON.stringify({ ...doc, kdfparams: { ...FAST, N: 1000, salt: 'aa'.repeat(32) } }),
        'UNSUPPORTED_KEYSTORE',
      ],
    ]
    for (const [text, code] of cases) {
      const path = join(dir, `bad${fileNo++}.json`)
      writeFileSync(path, text)
      expect([text.slice(0, 40), await codeOf(readKeystore(path))]).toEqual([
        text.slice(0, 40),
        code,
      ])
    }
    writeFileSync(join(dir, 'huge.json'), ' '.repeat(100_000))
    expect(await codeOf(readKeystore(join(dir, 'huge.json')))).toBe('CORRUPT_KEYSTORE')
    expect(await codeOf(readKeystore(join(dir, 'missing.json')))).toBe('KEYSTORE_NOT_FOUND')
    expect(parseKeystore(good).address).toBe(key.address)
  })

  it('writes mode 0600 and never replaces an existing wallet', async () => {
    const path = await written()
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const before = readFileSync(path, 'utf8')
    expect(await codeOf(writeKeystore({ path, keystore: await encrypt() }))).toBe('KEYSTORE_EXISTS')
    expect(readFileSync(path, 'utf8')).toBe(before)
    await writeKeystore({ path, keystore: await encrypt(), overwrite: true })
    expect(readFileSync(path, 'utf8')).not.toBe(before)
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  it('uses a fresh IV and salt for every write of the same secret', async () => {
    const files = await Promise.all([encrypt(), encrypt(), encrypt()])
    expect(new Set(files.map((f) => f.iv)).size).toBe(3)
    expect(new Set(files.map((f) => f.kdfparams.salt)).size).toBe(3)
    expect(new Set(files.map((f) => f.ciphertext)).size).toBe(3)
  })

  it('never stores the secret in the file, in any usual encoding', async () => {
    const text = readFileSync(await written(), 'utf8')
    const raw = Buffer.from(secret)
    const needles = [
      toHex(secret),
      toHex(secret).toUpperCase(),
      raw.toString('base64'),
      raw.toString('base64url'),
      toHex(secret).slice(0, 16), // even a fragment
    ]
    for (const n of needles) expect(text.includes(n), n).toBe(false)
    expect(Buffer.from(text, 'utf8').includes(raw)).toBe(false)
  })

  it('refuses a weak passphrase for a new keystore', async () => {
    expect(await codeOf(encrypt('short'))).toBe('WEAK_PASSPHRASE')
  })
})
