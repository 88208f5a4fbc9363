import { SCHEME_CODES, SCHEME_IDS, type SchemeId } from '../crypto/types.js'

/**
 * Public-key and signature lengths of each scheme as they appear in policies and witnesses
 * (no length prefixes: the scheme fixes them). ed25519: RFC 8032; secp256k1: BIP340 x-only key
 * and Schnorr signature; mldsa65: FIPS 204. Part of consensus.
 */
export const SCHEME_SIZES: Readonly<Record<SchemeId, { publicKey: number; signature: number }>> = {
  ed25519: { publicKey: 32, signature: 64 },
  secp256k1: { publicKey: 32, signature: 64 },
  mldsa65: { publicKey: 1952, signature: 3309 },
}

/** The smallest public key of any scheme, used to bound counts before allocating. */
export const MIN_PUBLIC_KEY_LENGTH: number = Math.min(
  ...SCHEME_IDS.map((s) => SCHEME_SIZES[s].publicKey),
)

const BY_CODE: ReadonlyMap<number, SchemeId> = new Map(SCHEME_IDS.map((s) => [SCHEME_CODES[s], s]))

/** The scheme with wire code `code`, or `undefined` for an unknown code. */
export function schemeFromCode(code: number): SchemeId | undefined {
  return BY_CODE.get(code)
}

/** True when `value` names a known scheme. */
export function isSchemeId(value: unknown): value is SchemeId {
  return typeof value === 'string' && (SCHEME_IDS as readonly string[]).includes(value)
}
