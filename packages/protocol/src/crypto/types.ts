/**
 * Signature-scheme agility (SPEC §2). Consensus identifies a scheme by a one-byte code; every
 * implementation of a scheme must agree bit for bit with the reference (noble) implementation.
 */
export const SCHEME_IDS = ['ed25519', 'secp256k1', 'mldsa65'] as const
export type SchemeId = (typeof SCHEME_IDS)[number]

/** Wire codes of the schemes. Part of consensus: never renumber. */
export const SCHEME_CODES: Readonly<Record<SchemeId, number>> = {
  ed25519: 0,
  secp256k1: 1,
  mldsa65: 2,
}

export type VerifyItem = {
  scheme: SchemeId
  publicKey: Uint8Array
  message: Uint8Array
  signature: Uint8Array
}

export type SignatureScheme = {
  readonly id: SchemeId
  readonly code: number
  readonly publicKeyLength: number
  readonly secretKeyLength: number
  readonly signatureLength: number
  /** A fresh secret key from `crypto.getRandomValues`. */
  generateSecretKey(): Uint8Array
  getPublicKey(secretKey: Uint8Array): Uint8Array
  sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array
  /** Consensus verification; never throws on malformed keys or signatures (returns false). */
  verify(item: Omit<VerifyItem, 'scheme'>): Promise<boolean>
  /** True iff every item verifies. */
  batchVerify(items: readonly Omit<VerifyItem, 'scheme'>[]): Promise<boolean>
}

/** The set of schemes a validator uses, one implementation per scheme id. */
export type SignatureSchemes = Readonly<Record<SchemeId, SignatureScheme>>
