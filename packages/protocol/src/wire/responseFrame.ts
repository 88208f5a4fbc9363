import { Reader } from '../codec/reader.js'
import { Writer } from '../codec/writer.js'
import { invalidValue } from './codec.js'
import { MAX_ERROR_MESSAGE_BYTES, MAX_REJECT_REASON_BYTES } from './limits.js'

/** First byte of every response payload (docs/network.md §2). */
export const RESULT_CODES = {
  OK: 0,
  NOT_FOUND: 1,
  BAD_REQUEST: 2,
  TOO_LARGE: 3,
  TIMEOUT: 4,
  RATE_LIMITED: 5,
  INTERNAL: 6,
  REJECTED: 7,
} as const
export type ResultName = keyof typeof RESULT_CODES
/** Every result but OK: the server refused or failed, and says why in a short message. */
export type ErrorResultName = Exclude<ResultName, 'OK'>
const RESULT_NAMES = Object.keys(RESULT_CODES) as ResultName[]

/** A decoded response payload: the result code and its body (the message when not OK). */
export type ResponseFrame =
  | { result: 'OK'; body: Uint8Array }
  | { result: Exclude<ErrorResultName, 'REJECTED'>; message: string }
  /** The request was well formed but refused on its merits; `reason` is a machine-readable code. */
  | { result: 'REJECTED'; reason: string; message: string }

const REASON = new RegExp(`^[A-Z0-9_]{1,${MAX_REJECT_REASON_BYTES}}$`)

/** A reject reason: 1..64 characters of `A-Z`, `0-9` and `_` (e.g. `DOUBLE_SPEND`, `TX_BAD_SIGNATURE`). */
export function isRejectReason(reason: string): boolean {
  return typeof reason === 'string' && REASON.test(reason)
}

/**
 * `u8 result ‖ body` on OK, `u8 result ‖ bytes message` otherwise, and REJECTED adds
 * `‖ bytes reason`. The message is cut to `MAX_ERROR_MESSAGE_BYTES` of UTF-8.
 * @throws {RangeError} a REJECTED reason that `isRejectReason` refuses.
 */
export function encodeResponseFrame(frame: ResponseFrame): Uint8Array {
  const w = new Writer(frame.result === 'OK' ? frame.body.length + 1 : 64)
  w.u8(RESULT_CODES[frame.result])
  if (frame.result === 'OK') return w.raw(frame.body).finish()
  if (frame.result === 'REJECTED' && !isRejectReason(frame.reason))
    throw new RangeError(`reject reason ${JSON.stringify(frame.reason)} is not [A-Z0-9_]{1,64}`)
  const message = new TextEncoder().encode(frame.message).subarray(0, MAX_ERROR_MESSAGE_BYTES)
  // Cutting at a byte cap can split a UTF-8 sequence; the decoder replaces it, never throws.
  w.bytes(message)
  if (frame.result === 'REJECTED') w.bytes(new TextEncoder().encode(frame.reason))
  return w.finish()
}

/**
 * Splits a response payload into its result and body. The OK body is a view into `bytes`; the
 * caller decodes it with the protocol's decoder (which checks its own cap).
 * @throws {DecodeError} unknown result code, missing/oversize message, a REJECTED reason that is
 * missing, oversize or not `[A-Z0-9_]+`, trailing bytes.
 */
export function decodeResponseFrame(bytes: Uint8Array): ResponseFrame {
  const r = new Reader(bytes, 'response')
  const code = r.u8('result')
  const result = RESULT_NAMES.find((n) => RESULT_CODES[n] === code)
  if (result === undefined) throw invalidValue(`unknown result code ${code}`, { code })
  if (result === 'OK') return { result, body: bytes.subarray(1) }
  const message = new TextDecoder().decode(r.bytes(MAX_ERROR_MESSAGE_BYTES, 'message'))
  if (result !== 'REJECTED') {
    r.finish()
    return { result, message }
  }
  // One character per byte: a byte outside the pattern's ASCII set cannot pass it.
  const reason = String.fromCharCode(...r.bytes(MAX_REJECT_REASON_BYTES, 'reason'))
  r.finish()
  if (!isRejectReason(reason)) throw invalidValue('REJECTED: malformed reason', { reason })
  return { result, reason, message }
}
