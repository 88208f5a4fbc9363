import { generateKeyPair, privateKeyFromRaw } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { fromHex } from '@supernova/protocol'

/** PKCS#8 of an Ed25519 key (RFC 8410) up to its 32-byte seed, which ends the 48-byte encoding. */
const PKCS8_ED25519_PREFIX = fromHex('302e020100300506032b657004220420')

/**
 * A fresh Ed25519 libp2p identity for one run of the client. Never stored: nodes cannot link a
 * browser's visits by its peer id.
 *
 * WebCrypto generates the pair natively. libp2p's own generator derives the public key in pure
 * JS, and that first scalar multiplication builds the curve's precomputed tables, ≈ 50 ms of a
 * page's start in Chromium. Where WebCrypto has no Ed25519 (or exports it unexpectedly), libp2p's
 * generator is used.
 */
export async function generatePeerKey(): Promise<PrivateKey> {
  // A runtime whose WebCrypto exports an unexpected encoding still starts, on the slower path.
  const fast = await generatePeerKeyWithWebCrypto().catch(() => undefined)
  return fast ?? generateKeyPair('Ed25519')
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
