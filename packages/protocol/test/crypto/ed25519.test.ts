import { describe, expect, it } from 'vitest'
import { fromHex, toHex, utf8 } from '../../src/bytes.js'
import { createEd25519Noble, isValidEd25519Signature } from '../../src/crypto/ed25519.js'
import { SignatureError } from '../../src/crypto/errors.js'
import type { SignatureScheme } from '../../src/crypto/types.js'
import { createWebCryptoEd25519 } from '../../src/crypto/webcryptoEd25519.js'
import rfc8032 from '../vectors/ed25519-rfc8032.json' with { type: 'json' }

const backends: [string, () => SignatureScheme][] = [
  ['noble', createEd25519Noble],
  ['webcrypto', () => createWebCryptoEd25519()],
]

function flip(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice()
  out[bit >> 3] = (out[bit >> 3] ?? 0) ^ (1 << (bit & 7))
  return out
}

describe.each(backends)('ed25519 RFC 8032 §7.1 vectors (%s)', (_name, create) => {
  const ed = create()

  it('has the declared shape', () => {
    expect(ed.id).toBe('ed25519')
    expect(ed.code).toBe(0)
    expect([ed.publicKeyLength, ed.secretKeyLength, ed.signatureLength]).toEqual([32, 32, 64])
  })

  it.each(rfc8032.cases)('$name: public key, signature, verification', async (c) => {
    const secretKey = fromHex(c.secretKey)
    const publicKey = fromHex(c.publicKey)
    const message = fromHex(c.message)
    const signature = fromHex(c.signature)
    expect(toHex(ed.getPublicKey(secretKey))).toBe(c.publicKey)
    expect(toHex(ed.sign(message, secretKey))).toBe(c.signature)
    expect(await ed.verify({ publicKey, message, signature })).toBe(true)
    const tamperedMessage = message.length > 0 ? flip(message, 0) : new Uint8Array([0])
    expect(await ed.verify({ publicKey, message: tamperedMessage, signature })).toBe(false)
    for (const bit of [0, 100, 255, 256, 300, 511]) {
      expect(await ed.verify({ publicKey, message, signature: flip(signature, bit) })).toBe(false)
    }
    expect(await ed.verify({ publicKey: flip(publicKey, 3), message, signature })).toBe(false)
  })

  it('batch-verifies all vectors, and rejects the batch when one is tampered', async () => {
    const items = rfc8032.cases.map((c) => ({
      publicKey: fromHex(c.publicKey),
      message: fromHex(c.message),
      signature: fromHex(c.signature),
    }))
    expect(await ed.batchVerify(items)).toBe(true)
    expect(await ed.batchVerify([])).toBe(true)
    const bad = items.map((it, i) => (i === 2 ? { ...it, signature: flip(it.signature, 7) } : it))
    expect(await ed.batchVerify(bad)).toBe(false)
  })

  it('returns false, never throws, on malformed input', async () => {
    const c = rfc8032.cases[1]!
    const publicKey = fromHex(c.publicKey)
    const message = fromHex(c.message)
    const signature = fromHex(c.signature)
    const cases: unknown[] = [
      { publicKey: publicKey.subarray(0, 31), message, signature },
      { publicKey: new Uint8Array(33), message, signature },
      { publicKey, message, signature: signature.subarray(0, 63) },
      { publicKey, message, signature: new Uint8Array(65) },
      { publicKey, message: 'hello', signature },
      { publicKey: Array.from(publicKey), message, signature },
      { publicKey, signature },
      null,
      undefined,
      42,
    ]
    for (const item of cases) {
      await expect(ed.verify(item as never)).resolves.toBe(false)
    }
    await expect(ed.batchVerify(cases as never)).resolves.toBe(false)
    await expect(ed.batchVerify('nope' as never)).resolves.toBe(false)
    // A y coordinate with no x on the curve (y = 2) does not decode: false.
    const offCurve = fromHex(`02${'00'.repeat(31)}`)
    expect(await ed.verify({ publicKey: offCurve, message, signature })).toBe(false)
  })

  it('throws a typed error for a secret key of the wrong length', () => {
    for (const length of [0, 31, 33, 64]) {
      const key = new Uint8Array(length)
      expect(() => ed.getPublicKey(key)).toThrow(SignatureError)
      try {
        ed.sign(utf8('m'), key)
        expect.unreachable()
      } catch (e) {
        expect(e).toBeInstanceOf(SignatureError)
        expect((e as SignatureError).code).toBe('INVALID_SECRET_KEY')
      }
    }
    expect(() => ed.sign('m' as never, new Uint8Array(32))).toThrow(/INVALID_MESSAGE/)
  })

  it('generates fresh 32-byte keys that sign and verify', async () => {
    const a = ed.generateSecretKey()
    const b = ed.generateSecretKey()
    expect(a.length).toBe(32)
    expect(toHex(a)).not.toBe(toHex(b))
    const message = utf8('supernova')
    const signature = ed.sign(message, a)
    expect(await ed.verify({ publicKey: ed.getPublicKey(a), message, signature })).toBe(true)
    expect(await ed.verify({ publicKey: ed.getPublicKey(b), message, signature })).toBe(false)
  })
})

describe('isValidEd25519Signature', () => {
  it('is the synchronous ZIP215 check', () => {
    const c = rfc8032.cases[0]!
    const pk = fromHex(c.publicKey)
    const sig = fromHex(c.signature)
    expect(isValidEd25519Signature(pk, new Uint8Array(0), sig)).toBe(true)
    expect(isValidEd25519Signature(pk, new Uint8Array(1), sig)).toBe(false)
    expect(isValidEd25519Signature(pk, new Uint8Array(0), sig.subarray(1))).toBe(false)
  })
})
