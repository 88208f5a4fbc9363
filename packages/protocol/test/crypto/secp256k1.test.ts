import { schnorr } from '@noble/curves/secp256k1.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromHex, toHex, utf8 } from '../../src/bytes.js'
import { SignatureError } from '../../src/crypto/errors.js'
import { createSecp256k1Schnorr } from '../../src/crypto/secp256k1.js'
import type { SignatureScheme } from '../../src/crypto/types.js'
import bip340 from '../vectors/bip340.json' with { type: 'json' }

const k1 = createSecp256k1Schnorr()
const N = fromHex('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141')

describe('secp256k1 BIP340 test vectors (bitcoin/bips bip-0340/test-vectors.csv)', () => {
  it('has all 19 rows, valid and invalid', () => {
    expect(bip340.vectors).toHaveLength(19)
    expect(bip340.vectors.filter((v) => !v.valid).length).toBe(10)
  })

  it.each(bip340.vectors)('row $index verifies to $valid ($comment)', async (v) => {
    const item = {
      publicKey: fromHex(v.publicKey),
      message: fromHex(v.message),
      signature: fromHex(v.signature),
    }
    expect(await k1.verify(item)).toBe(v.valid)
    expect(await k1.batchVerify([item])).toBe(v.valid)
  })

  const signing = bip340.vectors.filter((v) => v.secretKey !== '')

  it.each(signing)('row $index: our sign with aux_rand reproduces the signature', (v) => {
    const secretKey = fromHex(v.secretKey)
    expect(toHex(k1.getPublicKey(secretKey))).toBe(v.publicKey)
    const sig = k1.sign(fromHex(v.message), secretKey, fromHex(v.auxRand))
    expect(toHex(sig)).toBe(v.signature)
    // and noble's own signer agrees (the library under our wrapper)
    expect(toHex(schnorr.sign(fromHex(v.message), secretKey, fromHex(v.auxRand)))).toBe(v.signature)
  })
})

describe('createSecp256k1Schnorr', () => {
  it('has the declared shape and is a SignatureScheme', () => {
    const asScheme: SignatureScheme = k1
    expect(asScheme.id).toBe('secp256k1')
    expect(asScheme.code).toBe(1)
    expect([k1.publicKeyLength, k1.secretKeyLength, k1.signatureLength]).toEqual([32, 32, 64])
  })

  it('round-trips with fresh aux randomness, rejecting tampering', async () => {
    const sk = k1.generateSecretKey()
    const publicKey = k1.getPublicKey(sk)
    const message = new Uint8Array(32).fill(9)
    const a = k1.sign(message, sk)
    const b = k1.sign(message, sk)
    expect(toHex(a)).not.toBe(toHex(b)) // aux_rand is fresh
    expect(
      await k1.batchVerify([
        { publicKey, message, signature: a },
        { publicKey, message, signature: b },
      ]),
    ).toBe(true)
    const tampered = a.slice()
    tampered[40] = (tampered[40] ?? 0) ^ 1
    expect(await k1.verify({ publicKey, message, signature: tampered })).toBe(false)
    expect(await k1.verify({ publicKey, message: utf8('other'), signature: a })).toBe(false)
  })

  it('returns false on malformed input', async () => {
    const v = bip340.vectors[1]!
    const publicKey = fromHex(v.publicKey)
    const message = fromHex(v.message)
    const signature = fromHex(v.signature)
    for (const item of [
      { publicKey: publicKey.subarray(1), message, signature },
      { publicKey: new Uint8Array(33), message, signature },
      { publicKey, message, signature: signature.subarray(1) },
      { publicKey, message: null, signature },
      null,
    ]) {
      expect(await k1.verify(item as never)).toBe(false)
    }
  })

  it('throws typed errors for bad secret keys and aux_rand', () => {
    const bad = [new Uint8Array(31), new Uint8Array(33), new Uint8Array(32), N]
    for (const key of bad) {
      expect(() => k1.getPublicKey(key)).toThrow(SignatureError)
      try {
        k1.sign(new Uint8Array(32), key)
        expect.unreachable()
      } catch (e) {
        expect((e as SignatureError).code).toBe('INVALID_SECRET_KEY')
      }
    }
    const sk = k1.generateSecretKey()
    expect(() => k1.sign(new Uint8Array(32), sk, new Uint8Array(31))).toThrow(/INVALID_AUX/)
    expect(() => k1.sign('m' as never, sk)).toThrow(/INVALID_MESSAGE/)
  })

  it('batchVerify is false iff some item is corrupted (property)', async () => {
    const sks = Array.from({ length: 6 }, () => k1.generateSecretKey())
    const items = sks.map((sk, i) => {
      const message = new Uint8Array(32).fill(i)
      return { publicKey: k1.getPublicKey(sk), message, signature: k1.sign(message, sk) }
    })
    expect(await k1.batchVerify(items)).toBe(true)
    await fc.assert(
      fc.asyncProperty(fc.nat(items.length - 1), fc.nat(511), async (index, bit) => {
        const bad = items.slice()
        const sig = bad[index]!.signature.slice()
        sig[bit >> 3] = (sig[bit >> 3] ?? 0) ^ (1 << (bit & 7))
        bad[index] = { ...bad[index]!, signature: sig }
        expect(await k1.batchVerify(bad)).toBe(false)
      }),
      { numRuns: 50 },
    )
  })
})
