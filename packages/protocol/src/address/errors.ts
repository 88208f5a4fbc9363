import { BaseError } from '../errors.js'

export type AddressErrorCode =
  /** Longer than the 90 characters bech32 allows (checked before parsing). */
  | 'TOO_LONG'
  /** A character outside printable ASCII, or outside the bech32 alphabet after the separator. */
  | 'INVALID_CHARACTER'
  /** Both upper- and lowercase letters. */
  | 'MIXED_CASE'
  /** No `1` separating the prefix from the data. */
  | 'MISSING_SEPARATOR'
  /** Nothing before the separator. */
  | 'EMPTY_PREFIX'
  /** Well-formed but the bech32m checksum does not match (a bech32 checksum is also this). */
  | 'INVALID_CHECKSUM'
  /** The prefix is not one of ours (`nova`, `tnova`, `dnova`). */
  | 'UNKNOWN_PREFIX'
  /** The prefix belongs to another network than the one asked for. */
  | 'WRONG_NETWORK'
  /** Data too short for a checksum, or a payload of the wrong size. */
  | 'INVALID_LENGTH'
  /** Non-zero bits padding the payload to whole bytes (a second spelling of the same bytes). */
  | 'INVALID_PADDING'
  | 'UNKNOWN_VERSION'
  | 'UNKNOWN_LOCK_TYPE'

/** Thrown by `decodeAddress` for every malformed, foreign or unsupported address. */
export class AddressError extends BaseError<AddressErrorCode> {
  override name = 'AddressError'
}
