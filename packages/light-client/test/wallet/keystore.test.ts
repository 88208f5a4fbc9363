import { toHex } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { KeystoreError } from '../../src/wallet/errors.js'
import { decryptSecret, encryptSecret, reencryptSecret } from '../../src/wallet/keystore.js'
import {
  decodeEnvelope,
  encodeEnvelope,
  envelopeFromJson,
  envelopeToJson,
  HEADER_BYTES,
  type KeystoreEnvelope,
  PBKDF2_MIN_ITERATIONS,
} from '../../src/wallet/keystoreEnvelope.js'

const secret = Uint8Array.from({ length: 48 }, (_, i) => i + 1)

async function codeOf(fn: () => Promise<unknown> | unknown): Promise<string | undefined> {
  try {
    await fn()
  } catch (e) {
    return e instanceof KeystoreError ? e.code : String(e)
  }
  return undefined
}

/** A copy of the binary envelope with one byte flipped. */
function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const out = Uint8Array.from(bytes)
  out[at]! ^= 0x01
  return out
}

// Every full-strength KDF run costs ~0.2–0.5 s; this file runs seven of them.
describe('keystore envelope (600,000-iteration PBKDF2, AES-256-GCM)', async () => {
  const envelope = await encryptSecret({ secret, password: 'correct horse' })
  const bytes = encodeEnvelope(envelope)

  it('round-trips through the binary and JSON forms and decrypts', async () => {
    expect(envelope.kdf.iterations).toBe(PBKDF2_MIN_ITERATIONS)
    expect(envelope.kdf.salt).toHaveLength(16)
    expect(envelope.cipher.iv).toHaveLength(12)
    expect(decodeEnvelope(bytes)).toEqual(envelope)
    const json = JSON.stringify(envelopeToJson(envelope))
    expect(envelopeFromJson(json)).toEqual(envelope)
    expect(
      await decryptSecret({ envelope: envelopeFromJson(json), password: 'correct horse' }),
    ).toEqual(secret)
  })

  it('a wrong password is WRONG_PASSWORD', async () => {
    expect(await codeOf(() => decryptSecret({ envelope: bytes, password: 'correct horse!' }))).toBe(
      'WRONG_PASSWORD',
    )
  })

  it('a modified payload, IV or header byte is TAMPERED_ENVELOPE (the password is right)', async () => {
    const ivAt = HEADER_BYTES - 12
    expect(
      await codeOf(() =>
        decryptSecret({ envelope: flipped(bytes, bytes.length - 1), password: 'correct horse' }),
      ),
    ).toBe('TAMPERED_ENVELOPE')
    expect(
      await codeOf(() =>
        decryptSecret({ envelope: flipped(bytes, ivAt), password: 'correct horse' }),
      ),
    ).toBe('TAMPERED_ENVELOPE')
  })

  it('never accepts a weaker KDF: refused before any derivation', async () => {
    const weak: KeystoreEnvelope = {
      ...envelope,
      kdf: { ...envelope.kdf, iterations: PBKDF2_MIN_ITERATIONS - 1 },
    }
    expect(await codeOf(() => decryptSecret({ envelope: weak, password: 'correct horse' }))).toBe(
      'WEAK_KDF',
    )
    const weakBytes = Uint8Array.from(bytes)
    new DataView(weakBytes.buffer).setUint32(6, 1_000)
    expect(
      await codeOf(() => decryptSecret({ envelope: weakBytes, password: 'correct horse' })),
    ).toBe('WEAK_KDF')
    expect(await codeOf(() => encryptSecret({ secret, password: 'x', iterations: 100_000 }))).toBe(
      'WEAK_KDF',
    )
    const json = {
      ...envelopeToJson(envelope),
      kdf: { ...envelopeToJson(envelope).kdf, iterations: 1 },
    }
    expect(await codeOf(() => envelopeFromJson(json))).toBe('WEAK_KDF')
    const huge = Uint8Array.from(bytes)
    new DataView(huge.buffer).setUint32(6, 0xffff_ffff)
    expect(await codeOf(() => decodeEnvelope(huge))).toBe('WEAK_KDF')
  })

  it('malformed and unsupported envelopes have their own codes', async () => {
    expect(await codeOf(() => decodeEnvelope(bytes.subarray(0, bytes.length - 1)))).toBe(
      'MALFORMED_ENVELOPE',
    )
    expect(await codeOf(() => decodeEnvelope(flipped(bytes, 0)))).toBe('MALFORMED_ENVELOPE')
    expect(await codeOf(() => decodeEnvelope(new Uint8Array([...bytes, 0])))).toBe(
      'MALFORMED_ENVELOPE',
    )
    expect(await codeOf(() => decodeEnvelope(new Uint8Array(0)))).toBe('MALFORMED_ENVELOPE')
    expect(await codeOf(() => decodeEnvelope(flipped(bytes, 4)))).toBe('UNSUPPORTED_ENVELOPE')
    expect(await codeOf(() => decodeEnvelope(flipped(bytes, 5)))).toBe('UNSUPPORTED_ENVELOPE')
    expect(await codeOf(() => envelopeFromJson('{'))).toBe('MALFORMED_ENVELOPE')
    expect(await codeOf(() => envelopeFromJson({ ...envelopeToJson(envelope), version: 2 }))).toBe(
      'UNSUPPORTED_ENVELOPE',
    )
    expect(
      await codeOf(() => envelopeFromJson({ ...envelopeToJson(envelope), ciphertext: 'zz' })),
    ).toBe('MALFORMED_ENVELOPE')
    const sameIvs = { ...envelope, cipher: { ...envelope.cipher, iv: envelope.cipher.checkIv } }
    expect(await codeOf(() => encodeEnvelope(sameIvs))).toBe('MALFORMED_ENVELOPE')
  })

  it('every encryption draws a fresh salt and IVs; the ciphertext never contains the secret', async () => {
    const again = await encryptSecret({ secret, password: 'correct horse' })
    expect(again.kdf.salt).not.toEqual(envelope.kdf.salt)
    expect(again.cipher.iv).not.toEqual(envelope.cipher.iv)
    expect(again.ciphertext).not.toEqual(envelope.ciphertext)
    const hex = toHex(bytes)
    expect(hex).not.toContain(toHex(secret.subarray(0, 16)))
  })

  it('re-encrypts under a new password', async () => {
    const next = await reencryptSecret({
      envelope: bytes,
      password: 'correct horse',
      newPassword: 'battery staple',
    })
    expect(next.kdf.salt).not.toEqual(envelope.kdf.salt)
    expect(await decryptSecret({ envelope: next, password: 'battery staple' })).toEqual(secret)
  })

  it('the password is NFC-normalised; empty passwords are refused', async () => {
    expect(await codeOf(() => encryptSecret({ secret, password: '' }))).toContain('RangeError')
    const constant = (n: number) => new Uint8Array(n)
    expect(
      await codeOf(() => encryptSecret({ secret, password: 'x', random: constant })),
    ).toContain('repeated an IV')
    let counter = 0
    const random = (n: number) => new Uint8Array(n).map(() => counter++)
    const e = await encryptSecret({ secret, password: 'café', random })
    expect(await decryptSecret({ envelope: e, password: 'cafe\u0301' })).toEqual(secret)
  })
})
