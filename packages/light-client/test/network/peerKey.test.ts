import { createEd25519Noble, equalBytes } from '@supernova/protocol'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { generatePeerKey, generatePeerKeyWithWebCrypto } from '../../src/network/peerKey.js'

const message = new TextEncoder().encode('noise handshake payload')

describe('generatePeerKey', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('makes a working Ed25519 identity with WebCrypto, its public key derived from its seed', async () => {
    const key = await generatePeerKeyWithWebCrypto()
    if (key === undefined) throw new Error('this runtime has WebCrypto Ed25519; expected a key')
    expect(key.type).toBe('Ed25519')
    expect(key.raw).toHaveLength(64)
    // The public half is the one the seed derives (checked in pure JS), not just any 32 bytes.
    const derived = createEd25519Noble().getPublicKey(key.raw.subarray(0, 32))
    expect(equalBytes(key.publicKey.raw, derived)).toBe(true)
    const signature = await key.sign(message)
    expect(await key.publicKey.verify(message, signature)).toBe(true)
    expect(await key.publicKey.verify(new TextEncoder().encode('other'), signature)).toBe(false)
  })

  it('is fresh every time', async () => {
    const [a, b] = await Promise.all([generatePeerKey(), generatePeerKey()])
    expect(a.publicKey.toString()).not.toBe(b.publicKey.toString())
  })

  it("falls back to libp2p's generator where WebCrypto exports an unexpected encoding", async () => {
    vi.spyOn(globalThis.crypto.subtle, 'exportKey').mockResolvedValue(new ArrayBuffer(40))
    await expect(generatePeerKeyWithWebCrypto()).rejects.toThrow(/RFC 8410/)
    const key = await generatePeerKey()
    const derived = createEd25519Noble().getPublicKey(key.raw.subarray(0, 32))
    expect(equalBytes(key.publicKey.raw, derived)).toBe(true)
  })

  it("falls back to libp2p's generator where WebCrypto has no Ed25519", async () => {
    vi.spyOn(globalThis.crypto.subtle, 'generateKey').mockRejectedValue(
      new DOMException('Unrecognized name', 'NotSupportedError'),
    )
    expect(await generatePeerKeyWithWebCrypto()).toBeUndefined()
    const key = await generatePeerKey()
    expect(key.type).toBe('Ed25519')
    const derived = createEd25519Noble().getPublicKey(key.raw.subarray(0, 32))
    expect(equalBytes(key.publicKey.raw, derived)).toBe(true)
  })
})
