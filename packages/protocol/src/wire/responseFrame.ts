import { Reader } from '../codec/reader.js'
import { Writer } from '../codec/writer.js'
import { invalidValue } from './codec.js'
import { MAX_ERROR_MESSAGE_BYTES } from './limits.js'

/** First byte of every response payload (docs/network.md §2). */
export const RESULT_CODES = {
  OK: 0,
  NOT_FOUND: 1,
  BAD_REQUEST: 2,
  TOO_LARGE: 3,
  TIMEOUT: 4,
  RATE_LIMITED: 5,
  INTERNAL: 6,
} as const
export type ResultName = keyof typeof RESULT_CODES
/** Every result but OK: the server refused or failed, and says why in a short message. */
export type ErrorResultName = Exclude<ResultName, 'OK'>
const RESULT_NAMES = Object.keys(RESULT_CODES) as ResultName[]

/** A decoded response payload: the result code and its body (the message when not OK). */
export type ResponseFrame =
  | { result: 'OK'; body: Uint8Array }
  | { result: ErrorResultName; message: string }

/**
 * `u8 result ‖ body` on OK, `u8 result ‖ bytes message` otherwise. The message is cut to
 * `MAX_ERROR_MESSAGE_BYTES` of UTF-8.
 */
export function encodeResponseFrame(frame: ResponseFrame): Uint8Array {
  const w = new Writer(frame.result === 'OK' ? frame.body.length + 1 : 64)
  w.u8(RESULT_CODES[frame.result])
  if (frame.result === 'OK') return w.raw(frame.body).finish()
  const message = new TextEncoder().encode(frame.message).subarray(0, MAX_ERROR_MESSAGE_BYTES)
  // Cutting at a byte cap can split a UTF-8 sequence; the decoder replaces it, never throws.
  return w.bytes(message).finish()
}

/**
 * Splits a response payload into its result and body. The OK body is a view into `bytes`; the
 * caller decodes it with the protocol's decoder (which checks its own cap).
 * @throws {DecodeError} unknown result code, missing/oversize message, trailing bytes.
 */
export function decodeResponseFrame(bytes: Uint8Array): ResponseFrame {
  const r = new Reader(bytes, 'response')
  const code = r.u8('result')
  const result = RESULT_NAMES.find((n) => RESULT_CODES[n] === code)
  if (result === undefined) throw invalidValue(`unknown result code ${code}`, { code })
  if (result === 'OK') return { result, body: bytes.subarray(1) }
  const message = new TextDecoder().decode(r.bytes(MAX_ERROR_MESSAGE_BYTES, 'message'))
  r.finish()
  return { result, message }
}
