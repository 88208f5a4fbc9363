import { generateKeyPair, privateKeyFromRaw } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'

/** PKCS#8 of an Ed25519 key (RFC 8410) up to its 32-byte seed, which ends the 48-byte encoding. */
const PKCS8_ED25519_PREFIX = Uint8Array.of(
  0x30,
  0x2e,
  0x02,
  0x01,
  0x00,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x04,
  0x22,
  0x04,
  0x20,
)

/**
 * A fresh Ed25519 libp2p identity for one run of the client. Never stored: nodes cannot link a
 * browser's visits by its peer id.
 *
 * WebCrypto generates the pair natively. libp2p's own generator derives the public key in pure
 * JS, and that first scalar multiplication builds the curve's precomputed tables, ≈ 50 ms of a
 * page's start in Chromium. Where WebCrypto has no Ed25519, libp2p's generator is used.
 */
export async function generatePeerKey(): Promise<PrivateKey> {
  return (await generatePeerKeyWithWebCrypto()) ?? generateKeyPair('Ed25519')
}

/**
 * The WebCrypto path of `generatePeerKey`: undefined where WebCrypto cannot generate Ed25519 keys.
 * @throws {Error} when the exported key is not the RFC 8410 encoding it must be
 */
export async function generatePeerKeyWithWebCrypto(): Promise<PrivateKey | undefined> {
  const subtle = globalThis.crypto?.subtle
  if (subtle === undefined) return undefined
  let pair: CryptoKeyPair
  try {
    pair = (await subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair
  } catch {
    return undefined // NotSupportedError: no Ed25519 in this WebCrypto
  }
  const [pkcs8, publicKey] = await Promise.all([
    subtle.exportKey('pkcs8', pair.privateKey),
    subtle.exportKey('raw', pair.publicKey),
  ])
  const der = new Uint8Array(pkcs8)
  const prefix = PKCS8_ED25519_PREFIX.length
  if (
    der.length !== prefix + 32 ||
    PKCS8_ED25519_PREFIX.some((b, i) => der[i] !== b) ||
    publicKey.byteLength !== 32
  )
    throw new Error('WebCrypto exported an Ed25519 key that is not RFC 8410 PKCS#8 and raw')
  // libp2p's raw Ed25519 private key: the seed, then the public key.
  const raw = new Uint8Array(64)
  raw.set(der.subarray(prefix), 0)
  raw.set(new Uint8Array(publicKey), 32)
  return privateKeyFromRaw(raw)
}
