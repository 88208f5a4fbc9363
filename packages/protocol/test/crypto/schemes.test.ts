import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { utf8 } from '../../src/bytes.js'
import {
  createNobleSignatureSchemes,
  createSignatureSchemes,
  verifyItems,
} from '../../src/crypto/schemes.js'
import { SCHEME_IDS, type SignatureSchemes, type VerifyItem } from '../../src/crypto/types.js'
import type { WebCryptoEd25519Scheme } from '../../src/crypto/webcryptoEd25519.js'

const fast = createSignatureSchemes()
const reference = createNobleSignatureSchemes()

function signedItems(schemes: SignatureSchemes, perScheme: Record<string, number>): VerifyItem[] {
  const items: VerifyItem[] = []
  for (const id of SCHEME_IDS) {
    const scheme = schemes[id]
    for (let i = 0; i < (perScheme[id] ?? 0); i++) {
      const sk = scheme.generateSecretKey()
      const message = utf8(`${id} sighash ${i}`)
      items.push({
        scheme: id,
        publicKey: scheme.getPublicKey(sk),
        message,
        signature: scheme.sign(message, sk),
      })
    }
  }
  return items
}

// Interleave schemes so grouping is actually exercised.
const items = signedItems(reference, { ed25519: 6, secp256k1: 4, mldsa65: 2 }).sort(
  (a, b) => a.message.at(-1)! - b.message.at(-1)!,
)

describe('createSignatureSchemes', () => {
  it('builds one implementation per scheme id, fast ed25519 by default', async () => {
    for (const schemes of [fast, reference, createSignatureSchemes({ fast: false })]) {
      for (const id of SCHEME_IDS) expect(schemes[id].id).toBe(id)
    }
    expect(await (fast.ed25519 as WebCryptoEd25519Scheme).backend()).toBe('webcrypto')
    expect('backend' in createSignatureSchemes({ fast: false }).ed25519).toBe(false)
    expect('backend' in reference.ed25519).toBe(false)
  })
})

describe('verifyItems', () => {
  it('is true when every item of every scheme is valid (fast and reference agree)', async () => {
    expect(await verifyItems(fast, items)).toBe(true)
    expect(await verifyItems(reference, items)).toBe(true)
    expect(await verifyItems(fast, [])).toBe(true)
  })

  it('is false when any single item is corrupted (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(items.length - 1),
        fc.constantFrom('signature', 'publicKey', 'message'),
        fc.nat(1 << 14),
        async (index, field, position) => {
          const bad = items.slice()
          const original = bad[index]!
          const bytes = original[field as 'signature'].slice()
          const at = position % bytes.length
          bytes[at] = (bytes[at] ?? 0) ^ (1 << (position % 8))
          bad[index] = { ...original, [field]: bytes }
          expect(await verifyItems(fast, bad)).toBe(false)
          expect(await verifyItems(reference, bad)).toBe(false)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('is false for an item under the wrong scheme, an unknown scheme, or a malformed item', async () => {
    const [first] = items
    const swapped = items.map((it, i) => (i === 0 ? { ...it, scheme: 'secp256k1' as const } : it))
    expect(await verifyItems(fast, swapped)).toBe(false)
    expect(await verifyItems(fast, [...items, { ...first!, scheme: 'rsa' as never }])).toBe(false)
    expect(await verifyItems(fast, [...items, null as never])).toBe(false)
    expect(await verifyItems(fast, 'items' as never)).toBe(false)
  })
})
