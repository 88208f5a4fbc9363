import { pureJsCrypto } from '@libp2p/noise'
import { defaultCrypto } from '@libp2p/noise/crypto'
import { equalBytes, fromHex, toHex } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { noiseCrypto, withLadderKeyPairs } from '../../src/network/noiseCrypto.js'

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
