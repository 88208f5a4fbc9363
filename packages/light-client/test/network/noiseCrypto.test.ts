import { pureJsCrypto } from '@libp2p/noise'
import { defaultCrypto } from '@libp2p/noise/crypto'
import { equalBytes, fromHex, toHex } from '@supernova/protocol'
import { Uint8ArrayList } from 'uint8arraylist'
import { describe, expect, it } from 'vitest'
import { noiseCrypto, withLadderKeyPairs, withWasmAead } from '../../src/network/noiseCrypto.js'

const ladder = withLadderKeyPairs(pureJsCrypto)

describe('withLadderKeyPairs', () => {
  it('derives the RFC 7748 §6.1 public keys', () => {
    const alice = ladder.generateX25519KeyPairFromSeed(
      fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'),
    )
    const bob = ladder.generateX25519KeyPairFromSeed(
      fromHex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb'),
    )
    expect(toHex(alice.publicKey)).toBe(
      '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
    )
    expect(toHex(bob.publicKey)).toBe(
      'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f',
    )
    expect(toHex(ladder.generateX25519SharedKey(alice.privateKey, bob.publicKey))).toBe(
      '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
    )
  })

  it("gives fresh pairs whose keys match noise's own derivation and node:crypto's key agreement", () => {
    // defaultCrypto is node:crypto's X25519 under Node: an implementation independent of noble.
    expect(defaultCrypto).not.toBe(pureJsCrypto)
    const seen = new Set<string>()
    for (let i = 0; i < 16; i++) {
      const a = ladder.generateX25519KeyPair()
      const b = ladder.generateX25519KeyPair()
      seen.add(toHex(a.privateKey))
      const own = pureJsCrypto.generateX25519KeyPairFromSeed(a.privateKey)
      expect(equalBytes(a.publicKey, own.publicKey)).toBe(true)
      const ab = defaultCrypto.generateX25519SharedKey(a.privateKey, b.publicKey)
      const ba = ladder.generateX25519SharedKey(b.privateKey, a.publicKey)
      expect(equalBytes(ab, ba)).toBe(true)
    }
    expect(seen.size).toBe(16)
  })

  it('keeps the rest of the crypto as it was', () => {
    expect(ladder.chaCha20Poly1305Encrypt).toBe(pureJsCrypto.chaCha20Poly1305Encrypt)
    expect(ladder.getHKDF).toBe(pureJsCrypto.getHKDF)
    expect(ladder.hashSHA256).toBe(pureJsCrypto.hashSHA256)
  })

  it("leaves noise's node:crypto default alone under Node", () => {
    expect(noiseCrypto).toBeUndefined()
  })
})

describe('withWasmAead', () => {
  const wasm = withWasmAead(pureJsCrypto)
  const random = (n: number) => {
    const out = new Uint8Array(n)
    for (let at = 0; at < n; at += 65_536) crypto.getRandomValues(out.subarray(at, at + 65_536))
    return out
  }

  it('seals as RFC 8439 §2.8.2 says', () => {
    const key = fromHex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f')
    const nonce = fromHex('070000004041424344454647')
    const ad = fromHex('50515253c0c1c2c3c4c5c6c7')
    const plaintext = new TextEncoder().encode(
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
    )
    const sealed = wasm.chaCha20Poly1305Encrypt(plaintext, nonce, ad, key).subarray()
    expect(toHex(sealed.subarray(0, 16))).toBe('d31a8d34648e60db7b86afbc53ef7ec2')
    expect(toHex(sealed.subarray(-16))).toBe('1ae10b594f09e26a7e902ecbd0600691')
    expect(wasm.chaCha20Poly1305Decrypt(sealed, nonce, ad, key).subarray()).toEqual(plaintext)
  })

  it("agrees with noble's ChaCha20-Poly1305 both ways, at every size noise sends", () => {
    for (const size of [0, 1, 63, 64, 65, 1_000, 65_519, 65_535, 200_000]) {
      const key = random(32)
      const nonce = random(12)
      const ad = size % 2 === 0 ? random(32) : new Uint8Array(0)
      const plaintext = random(size)
      const sealed = wasm.chaCha20Poly1305Encrypt(plaintext, nonce, ad, key).subarray()
      expect(
        equalBytes(
          sealed,
          pureJsCrypto.chaCha20Poly1305Encrypt(plaintext, nonce, ad, key).subarray(),
        ),
      ).toBe(true)
      expect(
        equalBytes(wasm.chaCha20Poly1305Decrypt(sealed, nonce, ad, key).subarray(), plaintext),
      ).toBe(true)
      // Into a buffer of its own, and from a list of chunks, as noise hands them over.
      const dst = new Uint8Array(size)
      const list = new Uint8ArrayList(sealed.subarray(0, 7), sealed.subarray(7))
      expect(wasm.chaCha20Poly1305Decrypt(list, nonce, ad, key, dst)).toBe(dst)
      expect(equalBytes(dst, plaintext)).toBe(true)
    }
  })

  it('refuses a message whose ciphertext, tag, nonce or associated data changed', () => {
    const key = random(32)
    const nonce = random(12)
    const ad = random(32)
    const sealed = wasm.chaCha20Poly1305Encrypt(random(100), nonce, ad, key).subarray()
    for (const at of [0, 50, 99, 100, 115]) {
      const bad = sealed.slice()
      bad[at]! ^= 1
      expect(() => wasm.chaCha20Poly1305Decrypt(bad, nonce, ad, key)).toThrow(/authenticate/)
    }
    const otherNonce = nonce.slice()
    otherNonce[0]! ^= 1
    expect(() => wasm.chaCha20Poly1305Decrypt(sealed, otherNonce, ad, key)).toThrow(/authenticate/)
    expect(() => wasm.chaCha20Poly1305Decrypt(sealed, nonce, random(32), key)).toThrow(
      /authenticate/,
    )
  })
})
