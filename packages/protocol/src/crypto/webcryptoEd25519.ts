/**
 * A fast ed25519 verifier on WebCrypto (`crypto.subtle`, Ed25519 from the Secure Curves spec:
 * native code in Node ≥ 24 and modern browsers), with consensus semantics pinned to the noble
 * reference (SPEC §2):
 *
 * - WebCrypto "valid" is trusted. WebCrypto engines (OpenSSL, BoringSSL, NSS) are at least as
 *   strict as ZIP215 — they require S < L, decode points no more permissively and use the
 *   cofactorless equation, which implies the cofactored one — so their "valid" is ZIP215-valid.
 * - WebCrypto "invalid", any exception, and a runtime without Ed25519 are re-checked with noble
 *   (ZIP215), so the answer always equals `createEd25519Noble().verify`. The cost of that
 *   re-check falls only on invalid or edge-case signatures.
 * - A one-time probe checks that the engine accepts an RFC 8032 vector and rejects its
 *   tampered copy; an engine that fails it is never used.
 *
 * Signing stays on noble (deterministic RFC 8032; WebCrypto would need a PKCS#8 import).
 */
import { fromHex, toHex } from '../bytes.js'
import {
  createEd25519Noble,
  ED25519_PUBLIC_KEY_LENGTH,
  ED25519_SIGNATURE_LENGTH,
  isValidEd25519Signature,
} from './ed25519.js'
import { allVerify, assertIntOption, hasShape, type SchemeItem } from './internal.js'
import { LruCache } from './lru.js'
import type { SignatureScheme } from './types.js'

export type WebCryptoEd25519Options = {
  /** How many imported public keys to keep (least recently used are dropped). Default 1024. */
  cacheSize?: number
  /** How many verifications `batchVerify` keeps in flight. Default 64. */
  concurrency?: number
  /**
   * The WebCrypto implementation to use. Default `globalThis.crypto.subtle`; `null` forces the
   * pure-noble path (for tests and for runtimes whose WebCrypto is not trusted).
   */
  subtle?: SubtleCrypto | null
}

export type Ed25519Backend = 'webcrypto' | 'noble'

export type WebCryptoEd25519Scheme = SignatureScheme & {
  /** The backend verification runs on, known once the one-time feature probe has run. */
  backend(): Promise<Ed25519Backend>
}

export const DEFAULT_KEY_CACHE_SIZE = 1024
export const DEFAULT_VERIFY_CONCURRENCY = 64

const ALGORITHM = { name: 'Ed25519' } as const

// RFC 8032 §7.1 TEST 1: the probe's known-good vector (empty message).
const PROBE_PUBLIC_KEY = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'
const PROBE_SIGNATURE =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'

// WebCrypto's BufferSource excludes views of SharedArrayBuffer at the type level. Such a view
// makes the call throw at run time, which sends the item to the noble path: the cast is safe.
function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>
}

/** Resolve the engine to use: `subtle` when it verifies Ed25519 correctly, else null. */
async function detect(subtle: SubtleCrypto | null | undefined): Promise<SubtleCrypto | null> {
  if (!subtle) return null
  try {
    const publicKey = buffer(fromHex(PROBE_PUBLIC_KEY))
    const key = await subtle.importKey('raw', publicKey, ALGORITHM, false, ['verify'])
    const empty = new Uint8Array(0)
    const good = buffer(fromHex(PROBE_SIGNATURE))
    const bad = buffer(fromHex(PROBE_SIGNATURE))
    bad[0] = (bad[0] ?? 0) ^ 1
    const [acceptsGood, acceptsBad] = await Promise.all([
      subtle.verify(ALGORITHM, key, good, empty),
      subtle.verify(ALGORITHM, key, bad, empty),
    ])
    return acceptsGood === true && acceptsBad === false ? subtle : null
  } catch {
    return null
  }
}

/**
 * The ed25519 scheme with WebCrypto verification and noble fallback; see the module comment for
 * why its answers always equal noble's ZIP215 answers.
 *
 * @throws {SignatureError} `INVALID_OPTION` for a cache size or concurrency out of range.
 * @example
 * const ed = createWebCryptoEd25519()
 * const ok = await ed.batchVerify(items) // true iff every item is ZIP215-valid
 */
export function createWebCryptoEd25519(
  options: WebCryptoEd25519Options = {},
): WebCryptoEd25519Scheme {
  const cacheSize = assertIntOption(
    'cacheSize',
    options.cacheSize ?? DEFAULT_KEY_CACHE_SIZE,
    1,
    1 << 20,
  )
  const concurrency = assertIntOption(
    'concurrency',
    options.concurrency ?? DEFAULT_VERIFY_CONCURRENCY,
    1,
    4096,
  )
  const requested = 'subtle' in options ? options.subtle : globalThis.crypto?.subtle
  const keys = new LruCache<string, Promise<CryptoKey>>(cacheSize)
  let engine: Promise<SubtleCrypto | null> | undefined
  const ready = () => {
    engine ??= detect(requested)
    return engine
  }

  const importKey = (subtle: SubtleCrypto, publicKey: Uint8Array): Promise<CryptoKey> => {
    const id = toHex(publicKey)
    const cached = keys.get(id)
    if (cached) return cached
    const imported = subtle.importKey('raw', buffer(publicKey.slice()), ALGORITHM, false, [
      'verify',
    ])
    keys.set(id, imported)
    // A key that failed to import is not remembered: the next attempt may succeed, and the
    // failure itself is handled (by the noble path) where the promise is awaited.
    imported.catch(() => {
      if (keys.peek(id) === imported) keys.delete(id)
    })
    return imported
  }

  const verifyOne = async (item: SchemeItem): Promise<boolean> => {
    if (!hasShape(item, ED25519_PUBLIC_KEY_LENGTH, ED25519_SIGNATURE_LENGTH)) return false
    const subtle = await ready()
    if (subtle) {
      try {
        const key = await importKey(subtle, item.publicKey)
        if (await subtle.verify(ALGORITHM, key, buffer(item.signature), buffer(item.message)))
          return true
      } catch {
        // Unsupported input or engine error: the reference below decides.
      }
    }
    return isValidEd25519Signature(item.publicKey, item.message, item.signature)
  }

  const noble = createEd25519Noble()
  return {
    ...noble,
    verify: verifyOne,
    batchVerify: async (items) => {
      if (!Array.isArray(items)) return false
      return allVerify(items, verifyOne, concurrency)
    },
    backend: async () => ((await ready()) ? 'webcrypto' : 'noble'),
  }
}
