import { ed25519 } from '@noble/curves/ed25519.js'
import { schnorr } from '@noble/curves/secp256k1.js'
import { fromHex } from '@supernova/protocol'
import { afterAll, describe, expect, it } from 'vitest'
import { createVerifierPool } from '../src/crypto/verifierPool.js'

const pool = createVerifierPool({ threads: 2, inlineBelow: 4, cacheSize: 1000 })
afterAll(() => pool.close())

function edItems(n: number, salt = 0) {
  return Array.from({ length: n }, (_, i) => {
    const seed = new Uint8Array(32).fill((i + salt) % 251)
    seed[0] = salt
    const message = Uint8Array.of(i, salt)
    return {
      publicKey: ed25519.getPublicKey(seed),
      message,
      signature: ed25519.sign(message, seed),
    }
  })
}

describe('verifier pool (worker threads + verified-signature cache)', () => {
  it('verifies a large batch across workers and rejects it if one signature is bad', async () => {
    const items = edItems(64, 1)
    expect(await pool.schemes.ed25519.batchVerify(items)).toBe(true)
    const bad = edItems(64, 2)
    bad[40] = { ...bad[40]!, message: Uint8Array.of(99) }
    expect(await pool.schemes.ed25519.batchVerify(bad)).toBe(false)
  })

  it('answers ZIP215 (noble) where OpenSSL is stricter, on the workers too', async () => {
    const smallOrder = fromHex('0000000000000000000000000000000000000000000000000000000000000080')
    const sig = new Uint8Array(64)
    sig.set(smallOrder)
    const items = Array.from({ length: 8 }, (_, i) => ({
      publicKey: smallOrder,
      message: Uint8Array.of(i),
      signature: sig,
    }))
    expect(await pool.schemes.ed25519.batchVerify(items)).toBe(true)
  })

  it('verifies BIP340 batches on the workers', async () => {
    const items = Array.from({ length: 12 }, (_, i) => {
      const sk = new Uint8Array(32).fill(i + 1)
      const message = new Uint8Array(32).fill(i)
      return {
        publicKey: schnorr.getPublicKey(sk),
        message,
        signature: schnorr.sign(message, sk, new Uint8Array(32)),
      }
    })
    expect(await pool.schemes.secp256k1.batchVerify(items)).toBe(true)
    items[3] = { ...items[3]!, signature: items[4]!.signature }
    expect(await pool.schemes.secp256k1.batchVerify(items)).toBe(false)
  })

  it('does not verify a signature twice once it was found valid', async () => {
    const items = edItems(10, 3)
    const before = pool.cacheHits()
    expect(await pool.schemes.ed25519.batchVerify(items)).toBe(true)
    expect(await pool.schemes.ed25519.batchVerify(items)).toBe(true)
    expect(pool.cacheHits() - before).toBe(10)
    expect(await pool.schemes.ed25519.verify(items[0]!)).toBe(true)
    expect(pool.cacheHits() - before).toBe(11)
    // An invalid signature is never cached as valid.
    const forged = { ...items[0]!, message: Uint8Array.of(7, 7) }
    expect(await pool.schemes.ed25519.verify(forged)).toBe(false)
    expect(await pool.schemes.ed25519.verify(forged)).toBe(false)
  })
})
