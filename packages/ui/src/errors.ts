/**
 * Errors thrown by the formatting helpers. Each carries a machine-readable `code` so a form can
 * map it to a message next to the field instead of matching on text.
 */
export type FormatErrorCode =
  | 'EMPTY'
  | 'INVALID_FORMAT'
  | 'NEGATIVE'
  | 'TOO_MANY_DECIMALS'
  | 'OVERFLOW'
  | 'TOO_LONG'

/** Thrown by {@link parseAmount} (and friends) on input that is not an acceptable amount. */
export class FormatError extends Error {
  override name = 'FormatError'
  readonly code: FormatErrorCode

  constructor(code: FormatErrorCode, message: string) {
    super(message)
    this.code = code
  }
}
