/**
 * The error tree of the protocol package. Every error carries a machine-readable `code`
 * (a string-literal union per class) and optional structured `details`; causes are chained.
 */
export type BaseErrorParameters<C extends string> = {
  code: C
  message: string
  details?: Record<string, unknown>
  cause?: unknown
}

export class BaseError<C extends string = string> extends Error {
  override name = 'BaseError'
  readonly code: C
  readonly details: Readonly<Record<string, unknown>>

  constructor({ code, message, details, cause }: BaseErrorParameters<C>) {
    super(`${code}: ${message}`, cause === undefined ? undefined : { cause })
    this.code = code
    this.details = details ?? {}
  }
}

export type DecodeErrorCode =
  | 'UNEXPECTED_END'
  | 'TRAILING_BYTES'
  | 'NON_MINIMAL_VARINT'
  | 'VARINT_OVERFLOW'
  | 'LENGTH_TOO_LARGE'
  | 'INPUT_TOO_LARGE'
  | 'INVALID_TAG'
  | 'INVALID_VALUE'

/** Thrown by every decoder on malformed, non-canonical or oversize input. */
export class DecodeError extends BaseError<DecodeErrorCode> {
  override name = 'DecodeError'
}
