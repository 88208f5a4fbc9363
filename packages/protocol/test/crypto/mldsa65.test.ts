import { describe, expect, it } from 'vitest'
import { fromHex, toHex, utf8 } from '../../src/bytes.js'
import { SignatureError } from '../../src/crypto/errors.js'
import { createMlDsa65 } from '../../src/crypto/mldsa65.js'
import acvp from '../vectors/mldsa65-acvp-keygen.json' with { type: 'json' }

const pq = createMlDsa65()

describe('ML-DSA-65 (FIPS 204)', () => {
  it('has the declared shape: the 32-byte seed is the secret key', () => {
    expect(pq.id).toBe('mldsa65')
    expect(pq.code).toBe(2)
    expect([pq.publicKeyLength, pq.secretKeyLength, pq.signatureLength]).toEqual([1952, 32, 3309])
  })

  it.each(acvp.tests)('ACVP keyGen tcId $tcId: seed → public key', (t) => {
    expect(acvp.parameterSet).toBe('ML-DSA-65')
    expect(t.pk).toHaveLength(1952 * 2)
    const publicKey = pq.getPublicKey(fromHex(t.seed))
    expect(toHex(publicKey)).toBe(t.pk)
  })

  it('round-trips; hedged signatures differ yet both verify; tampering is rejected', async () => {
    const seed = pq.generateSecretKey()
    expect(seed.length).toBe(32)
    const publicKey = pq.getPublicKey(seed)
    const message = new Uint8Array(32).fill(0xab)
    const a = pq.sign(message, seed)
    const b = pq.sign(message, seed)
    expect(a.length).toBe(3309)
    expect(toHex(a)).not.toBe(toHex(b))
    expect(
      await pq.batchVerify([
        { publicKey, message, signature: a },
        { publicKey, message, signature: b },
      ]),
    ).toBe(true)

    const flipped = a.slice()
    flipped[1000] = (flipped[1000] ?? 0) ^ 4
    expect(await pq.verify({ publicKey, message, signature: flipped })).toBe(false)
    expect(await pq.verify({ publicKey, message: utf8('other'), signature: a })).toBe(false)
    const otherKey = pq.getPublicKey(pq.generateSecretKey())
    expect(await pq.verify({ publicKey: otherKey, message, signature: a })).toBe(false)
    expect(
      await pq.batchVerify([
        { publicKey, message, signature: a },
        { publicKey, message, signature: flipped },
      ]),
    ).toBe(false)
  })

  it('returns false on wrong lengths and malformed input', async () => {
    const seed = pq.generateSecretKey()
    const publicKey = pq.getPublicKey(seed)
    const message = utf8('m')
    const signature = pq.sign(message, seed)
    for (const item of [
      { publicKey: publicKey.subarray(1), message, signature },
      { publicKey: new Uint8Array(1953), message, signature },
      { publicKey, message, signature: signature.subarray(1) },
      { publicKey, message, signature: new Uint8Array(3310) },
      { publicKey, message, signature: new Uint8Array(3309) },
      { publicKey: new Uint8Array(1952), message, signature },
      { publicKey, message: [1], signature },
      undefined,
    ]) {
      expect(await pq.verify(item as never)).toBe(false)
    }
  })

  it('throws a typed error for a seed of the wrong length', () => {
    for (const length of [0, 31, 33, 4032]) {
      const key = new Uint8Array(length)
      expect(() => pq.getPublicKey(key)).toThrow(SignatureError)
      expect(() => pq.sign(utf8('m'), key)).toThrow(/INVALID_SECRET_KEY/)
    }
  })
})
