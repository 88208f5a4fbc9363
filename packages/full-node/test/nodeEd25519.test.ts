import { ed25519 } from '@noble/curves/ed25519.js'
import { createEd25519Noble, fromHex } from '@supernova/protocol'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createNodeEd25519 } from '../src/crypto/nodeEd25519.js'

// RFC 8032 §7.1 TEST 2 (one-byte message 0x72).
const RFC_PK = fromHex('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c')
const RFC_MSG = fromHex('72')
const RFC_SIG = fromHex(
  '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
)

/** A small-order point (order 4) as public key and R, with S = 0: ZIP215-valid for any message, rejected by OpenSSL. */
const SMALL_ORDER = fromHex('0000000000000000000000000000000000000000000000000000000000000080')

describe('createNodeEd25519 (node:crypto with noble re-check)', () => {
  const fast = createNodeEd25519({ cacheSize: 8 })
  const reference = createEd25519Noble()

  it('verifies the RFC 8032 vector and rejects tampering', async () => {
    expect(await fast.verify({ publicKey: RFC_PK, message: RFC_MSG, signature: RFC_SIG })).toBe(
      true,
    )
    const bad = RFC_SIG.slice()
    bad[0]! ^= 1
    expect(await fast.verify({ publicKey: RFC_PK, message: RFC_MSG, signature: bad })).toBe(false)
    expect(
      await fast.verify({ publicKey: RFC_PK, message: fromHex('73'), signature: RFC_SIG }),
    ).toBe(false)
  })

  it('agrees with noble (ZIP215) where OpenSSL is stricter', async () => {
    const sig = new Uint8Array(64)
    sig.set(SMALL_ORDER, 0)
    const item = { publicKey: SMALL_ORDER, message: fromHex('deadbeef'), signature: sig }
    expect(await reference.verify(item)).toBe(true)
    expect(await fast.verify(item)).toBe(true)
  })

  it('never throws on malformed input', async () => {
    expect(
      await fast.verify({ publicKey: new Uint8Array(31), message: RFC_MSG, signature: RFC_SIG }),
    ).toBe(false)
    expect(
      await fast.verify({ publicKey: RFC_PK, message: RFC_MSG, signature: new Uint8Array(63) }),
    ).toBe(false)
    expect(
      await fast.verify({
        publicKey: new Uint8Array(32).fill(0xff),
        message: RFC_MSG,
        signature: RFC_SIG,
      }),
    ).toBe(false)
  })

  it('matches noble on random valid, mutated and foreign signatures (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 100 }),
        fc.nat(63),
        fc.nat(3),
        async (seed, msg, at, mode) => {
          const pk = ed25519.getPublicKey(seed)
          const sig = ed25519.sign(msg, seed)
          if (mode === 1) sig[at]! ^= 0x40
          const message = mode === 2 ? Uint8Array.from([...msg, 1]) : msg
          const item = { publicKey: pk, message, signature: sig }
          expect(await fast.verify(item)).toBe(await reference.verify(item))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('batch-verifies all-or-nothing, also past the key cache size', async () => {
    const items = Array.from({ length: 20 }, (_, i) => {
      const seed = new Uint8Array(32).fill(i + 1)
      const message = Uint8Array.of(i)
      return {
        publicKey: ed25519.getPublicKey(seed),
        message,
        signature: ed25519.sign(message, seed),
      }
    })
    expect(await fast.batchVerify(items)).toBe(true)
    const broken = items.map((x, i) => (i === 13 ? { ...x, message: Uint8Array.of(99) } : x))
    expect(await fast.batchVerify(broken)).toBe(false)
  })
})
