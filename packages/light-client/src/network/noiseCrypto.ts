import { ChaCha20Poly1305, newInstance } from '@chainsafe/as-chacha20poly1305'
import { type ICryptoInterface, pureJsCrypto } from '@libp2p/noise'
import { x25519 } from '@noble/curves/ed25519.js'

/** The X25519 base point, u = 9 (RFC 7748 §4.1), little-endian. */
const BASE_U = /* @__PURE__ */ (() => {
  const u = new Uint8Array(32)
  u[0] = 9
  return u
})()

/**
 * `crypto` with X25519 key pairs derived by the Montgomery ladder instead of `x25519.getPublicKey`.
 *
 * noble's `getPublicKey` multiplies on the Edwards curve with precomputed base tables, and its
 * first call builds them: ≈ 36 ms in Node, more in Chromium, spent on the noise static key while
 * the client starts. The ladder takes ≈ 2 ms per key and builds nothing. A light client makes a
 * handful of handshakes (one ephemeral key each), so the tables would never pay for themselves.
 * The keys are the same either way (RFC 7748 X25519 of the clamped secret and u = 9).
 */
export function withLadderKeyPairs(crypto: ICryptoInterface): ICryptoInterface {
  const pairFrom = (privateKey: Uint8Array) => ({
    publicKey: x25519.scalarMult(privateKey, BASE_U),
    privateKey,
  })
  return {
    ...crypto,
    generateX25519KeyPair: () => pairFrom(x25519.utils.randomSecretKey()),
    generateX25519KeyPairFromSeed: pairFrom,
  }
}

/**
 * Noise's crypto for the client: undefined under Node, where noise's default is node:crypto's;
 * elsewhere (browsers, workers) its pure-JS crypto with ladder-derived key pairs
 * (`withLadderKeyPairs`) and the WebAssembly AEAD (`withWasmAead`).
 */
export const noiseCrypto: ICryptoInterface | undefined =
  typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node ===
  'string'
    ? undefined
    : withLadderKeyPairs(withWasmAead(pureJsCrypto))

/**
 * `crypto` with ChaCha20-Poly1305 in WebAssembly (@chainsafe/as-chacha20poly1305, what Lodestar
 * runs noise with in browsers) instead of noble's JS. Every frame of the connection goes through
 * it; a page that has just loaded runs JS cold (interpreted), while the WASM is compiled before its
 * first use. In the light-client bench the first status came ≈ 15 ms sooner after a reload and the
 * header sync ran faster. Its tag check exits at the first differing byte; noise drops the whole
 * connection, keys and all, on the first message that fails, so no one gets a second guess.
 */
export function withWasmAead(crypto: ICryptoInterface): ICryptoInterface {
  const aead = new ChaCha20Poly1305(newInstance())
  return {
    ...crypto,
    chaCha20Poly1305Encrypt: (plaintext, nonce, ad, k) =>
      aead.seal(k, nonce, plaintext.subarray(), ad),
    chaCha20Poly1305Decrypt: (ciphertext, nonce, ad, k, dst) => {
      const plain = aead.open(k, nonce, ciphertext.subarray(), ad, dst)
      if (plain === null) throw new Error('chacha20poly1305: the message does not authenticate')
      return plain
    },
  }
}
