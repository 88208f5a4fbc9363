/** Helpers shared by the wire codecs (not exported from the package). */
import { assertInputSize, Reader } from '../codec/reader.js'
import { DecodeError } from '../errors.js'

/** A strict reader over `bytes`, refused up front when longer than `max`. */
export function cappedReader(bytes: Uint8Array, max: number, what: string): Reader {
  assertInputSize(bytes, max, what)
  return new Reader(bytes, what)
}

export function invalidValue(message: string, details: Record<string, unknown> = {}): DecodeError {
  return new DecodeError({ code: 'INVALID_VALUE', message, details })
}

/** @throws {RangeError} unless `n` is an integer in 1..max (encoders refuse what decoders would). */
export function assertCount(n: number, max: number, what: string): void {
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new RangeError(`${what} ${n} outside 1..${max}`)
}
