import { BaseError } from '../errors.js'

export type SignatureErrorCode =
  /** A secret key of the wrong type or length, or out of the scheme's range. */
  | 'INVALID_SECRET_KEY'
  /** A message that is not a `Uint8Array`. */
  | 'INVALID_MESSAGE'
  /** An auxiliary input (e.g. BIP340 `aux_rand`) of the wrong type or length. */
  | 'INVALID_AUX'
  /** A constructor option out of range. */
  | 'INVALID_OPTION'
  /** The underlying library failed to sign (should not happen with valid inputs). */
  | 'SIGNING_FAILED'

/**
 * Thrown by `getPublicKey`, `sign` and scheme constructors on bad input. Verification never
 * throws: a malformed key or signature simply does not verify.
 */
export class SignatureError extends BaseError<SignatureErrorCode> {
  override name = 'SignatureError'
}
