import { describe, expect, it } from 'vitest'
import { fromHex, utf8 } from '../../src/bytes.js'
import { createEd25519Noble } from '../../src/crypto/ed25519.js'
import { SignatureError } from '../../src/crypto/errors.js'
import type { SchemeItem } from '../../src/crypto/internal.js'
import { createWebCryptoEd25519 } from '../../src/crypto/webcryptoEd25519.js'

const noble = createEd25519Noble()
const real = globalThis.crypto.subtle

function makeItems(n: number, tag = 'item'): SchemeItem[] {
  return Array.from({ length: n }, (_, i) => {
    const seed = new Uint8Array(32)
    seed[0] = i & 0xff
    seed[1] = i >> 8
    seed[31] = 7
    const message = utf8(`${tag} ${i}`)
    return { publicKey: noble.getPublicKey(seed), message, signature: noble.sign(message, seed) }
  })
}

/** A `SubtleCrypto` that forwards to the real one, counting calls and verifications in flight. */
function instrumented(overrides: Partial<Pick<SubtleCrypto, 'importKey' | 'verify'>> = {}) {
  const stats = { imports: 0, verifies: 0, inFlight: 0, maxInFlight: 0 }
  const subtle = {
    importKey: (...args: Parameters<SubtleCrypto['importKey']>) => {
      stats.imports++
      return overrides.importKey
        ? (overrides.importKey as (...a: unknown[]) => Promise<CryptoKey>)(...args)
        : (real.importKey as (...a: unknown[]) => Promise<CryptoKey>)(...args)
    },
    verify: async (...args: Parameters<SubtleCrypto['verify']>) => {
      stats.verifies++
      stats.inFlight++
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
      try {
        return await (overrides.verify ?? real.verify.bind(real))(...args)
      } finally {
        stats.inFlight--
      }
    },
  } as unknown as SubtleCrypto
  return { subtle, stats }
}

describe('createWebCryptoEd25519', () => {
  it('uses WebCrypto when the runtime verifies Ed25519 correctly', async () => {
    expect(await createWebCryptoEd25519().backend()).toBe('webcrypto')
  })

  it('falls back entirely to noble without WebCrypto', async () => {
    const ed = createWebCryptoEd25519({ subtle: null })
    expect(await ed.backend()).toBe('noble')
    const items = makeItems(4)
    expect(await ed.batchVerify(items)).toBe(true)
    expect(await ed.verify({ ...items[0]!, message: utf8('other') })).toBe(false)
  })

  it('falls back to noble when the engine lacks Ed25519', async () => {
    const unsupported = {
      importKey: () => Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError')),
      verify: () => Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError')),
    } as unknown as SubtleCrypto
    const ed = createWebCryptoEd25519({ subtle: unsupported })
    expect(await ed.backend()).toBe('noble')
    expect(await ed.batchVerify(makeItems(3))).toBe(true)
  })

  it('never uses an engine that fails the probe (one accepting everything)', async () => {
    const { subtle, stats } = instrumented({ verify: async () => true })
    const ed = createWebCryptoEd25519({ subtle })
    expect(await ed.backend()).toBe('noble')
    const [item] = makeItems(1)
    expect(await ed.verify({ ...item!, message: utf8('forged') })).toBe(false)
    expect(stats.verifies).toBe(2) // the probe's two calls only
  })

  it('re-checks with noble when the engine says invalid or throws', async () => {
    const items = makeItems(5)
    let probing = 2
    const liar = instrumented({
      verify: async (...args) => (probing-- > 0 ? real.verify(...args) : false),
    })
    const ed = createWebCryptoEd25519({ subtle: liar.subtle })
    expect(await ed.backend()).toBe('webcrypto')
    expect(await ed.batchVerify(items)).toBe(true)
    expect(liar.stats.verifies).toBe(2 + items.length)

    let probing2 = 2
    const thrower = instrumented({
      verify: async (...args) => {
        if (probing2-- > 0) return real.verify(...args)
        throw new Error('engine failure')
      },
    })
    const ed2 = createWebCryptoEd25519({ subtle: thrower.subtle })
    expect(await ed2.batchVerify(items)).toBe(true)
    expect(await ed2.verify({ ...items[0]!, signature: items[1]!.signature })).toBe(false)
  })

  it('caches imported keys in a bounded LRU', async () => {
    const { subtle, stats } = instrumented()
    const ed = createWebCryptoEd25519({ subtle, cacheSize: 4 })
    const items = makeItems(4)
    expect(await ed.batchVerify(items)).toBe(true)
    const afterFirst = stats.imports
    expect(afterFirst).toBe(1 + 4) // probe + one per key
    expect(await ed.batchVerify(items)).toBe(true)
    expect(stats.imports).toBe(afterFirst) // all hits
    // A fifth key evicts the least recently used one (items[0]); re-verifying it imports again.
    expect(await ed.batchVerify(makeItems(5).slice(4))).toBe(true)
    expect(stats.imports).toBe(afterFirst + 1)
    expect(await ed.verify(items[3]!)).toBe(true)
    expect(stats.imports).toBe(afterFirst + 1)
    expect(await ed.verify(items[0]!)).toBe(true)
    expect(stats.imports).toBe(afterFirst + 2)
  })

  it('does not cache a key whose import failed', async () => {
    let fail = true
    const { subtle, stats } = instrumented({
      importKey: (async (...args: Parameters<SubtleCrypto['importKey']>) => {
        if (stats.imports > 1 && fail) throw new Error('transient')
        return (real.importKey as (...a: unknown[]) => Promise<CryptoKey>)(...args)
      }) as SubtleCrypto['importKey'],
    })
    const ed = createWebCryptoEd25519({ subtle })
    const [item] = makeItems(1)
    expect(await ed.verify(item!)).toBe(true) // import failed: noble answered
    fail = false
    const before = stats.verifies
    expect(await ed.verify(item!)).toBe(true)
    expect(stats.verifies).toBe(before + 1) // this time the engine verified
  })

  it('bounds the verifications in flight in batchVerify', async () => {
    const { subtle, stats } = instrumented()
    const ed = createWebCryptoEd25519({ subtle, concurrency: 4 })
    expect(await ed.batchVerify(makeItems(32))).toBe(true)
    expect(stats.maxInFlight).toBeGreaterThan(1)
    expect(stats.maxInFlight).toBeLessThanOrEqual(4)
  })

  it('is false iff any single item is corrupted', async () => {
    const ed = createWebCryptoEd25519({ concurrency: 8 })
    const items = makeItems(40)
    expect(await ed.batchVerify(items)).toBe(true)
    for (const index of [0, 17, 39]) {
      const bad = items.slice()
      const sig = bad[index]!.signature.slice()
      sig[5] = (sig[5] ?? 0) ^ 0x10
      bad[index] = { ...bad[index]!, signature: sig }
      expect(await ed.batchVerify(bad)).toBe(false)
    }
  })

  it('rejects out-of-range options with a typed error', () => {
    for (const options of [
      { cacheSize: 0 },
      { cacheSize: 1.5 },
      { concurrency: 0 },
      { concurrency: 1e9 },
    ]) {
      expect(() => createWebCryptoEd25519(options)).toThrow(SignatureError)
    }
  })

  it('signs like noble (deterministic RFC 8032)', () => {
    const ed = createWebCryptoEd25519()
    const seed = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')
    const message = utf8('same bytes')
    expect(ed.sign(message, seed)).toEqual(noble.sign(message, seed))
  })
})
