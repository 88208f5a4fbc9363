/**
 * Assembling one implementation per scheme id, and verifying mixed-scheme lists of items.
 */
import { createEd25519Noble } from './ed25519.js'
import type { SchemeItem } from './internal.js'
import { createMlDsa65 } from './mldsa65.js'
import { createSecp256k1Schnorr } from './secp256k1.js'
import { SCHEME_IDS, type SchemeId, type SignatureSchemes, type VerifyItem } from './types.js'
import { createWebCryptoEd25519, type WebCryptoEd25519Options } from './webcryptoEd25519.js'

export type CreateSignatureSchemesOptions = {
  /**
   * Verify ed25519 on WebCrypto where the runtime supports it (falling back to noble, with
   * identical answers). Default true.
   */
  fast?: boolean
  /** Options of the WebCrypto ed25519 backend, when `fast`. */
  webcrypto?: WebCryptoEd25519Options
}

/**
 * The schemes a node or wallet uses: ed25519 (WebCrypto-accelerated unless `fast: false`),
 * secp256k1 BIP340 Schnorr and ML-DSA-65. Every answer equals `createNobleSignatureSchemes()`'s.
 *
 * @throws {SignatureError} `INVALID_OPTION` for bad WebCrypto backend options.
 * @example
 * const schemes = createSignatureSchemes()
 * const ok = await verifyItems(schemes, items)
 */
export function createSignatureSchemes(
  options: CreateSignatureSchemesOptions = {},
): SignatureSchemes {
  const fast = options.fast ?? true
  return {
    ed25519: fast ? createWebCryptoEd25519(options.webcrypto ?? {}) : createEd25519Noble(),
    secp256k1: createSecp256k1Schnorr(),
    mldsa65: createMlDsa65(),
  }
}

/** The pure-JS reference schemes (noble): the definition of consensus validity. */
export function createNobleSignatureSchemes(): SignatureSchemes {
  return {
    ed25519: createEd25519Noble(),
    secp256k1: createSecp256k1Schnorr(),
    mldsa65: createMlDsa65(),
  }
}

function isSchemeId(x: unknown): x is SchemeId {
  return typeof x === 'string' && (SCHEME_IDS as readonly string[]).includes(x)
}

/**
 * True iff every item verifies under its scheme. Items are grouped by scheme and each group is
 * batch-verified (groups run concurrently). An item naming an unknown scheme makes the result
 * false; nothing here throws. An empty list is vacuously true.
 */
export async function verifyItems(
  schemes: SignatureSchemes,
  items: readonly VerifyItem[],
): Promise<boolean> {
  if (!Array.isArray(items)) return false
  const groups = new Map<SchemeId, SchemeItem[]>()
  for (const item of items) {
    if (typeof item !== 'object' || item === null) return false
    const { scheme, publicKey, message, signature } = item
    if (!isSchemeId(scheme) || !Object.hasOwn(schemes, scheme)) return false
    let group = groups.get(scheme)
    if (!group) {
      group = []
      groups.set(scheme, group)
    }
    group.push({ publicKey, message, signature })
  }
  try {
    const results = await Promise.all(
      [...groups].map(([id, group]) => schemes[id].batchVerify(group)),
    )
    return results.every((ok) => ok === true)
  } catch {
    return false
  }
}
