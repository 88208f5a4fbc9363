import { assertInputSize } from '../codec/reader.js'
import type { Network } from '../params/network.js'
import { invalidValue } from './codec.js'
import { MAX_ERROR_MESSAGE_BYTES, MAX_LENGTH_PREFIX_BYTES } from './limits.js'
import { decodeResponseFrame, type ErrorResultName, encodeResponseFrame } from './responseFrame.js'
import { decodeStatus, encodeStatus, STATUS_BYTES, type StatusMessage } from './status.js'

/**
 * Caps and timeouts of the `heads` subscription (docs/network.md §2.4). Part of the wire
 * contract: the node never writes a frame over `maxFrameBytes`, a client drops one that is.
 */
export const HEADS_LIMITS = {
  /**
   * Cap of one frame's payload: an announcement (`OK ‖ status`, 105 bytes) or a refusal
   * (`result ‖ bytes message`, up to 261 bytes).
   */
  maxFrameBytes: Math.max(1 + STATUS_BYTES, 1 + MAX_LENGTH_PREFIX_BYTES + MAX_ERROR_MESSAGE_BYTES),
  /** The node writes the current tip at once: a client waits this long for the first frame. */
  firstFrameTimeoutMs: 5_000,
  /** A write the subscriber does not drain within this closes its subscription (node side). */
  writeTimeoutMs: 10_000,
} as const

/**
 * The libp2p protocol id of the `heads` subscription: `/supernova/<network>/heads/1`. Not a
 * request/response protocol (it is not in `PROTOCOL_NAMES`): the stream lives as long as the
 * subscriber wants it.
 * @example headsProtocolId('devnet') // '/supernova/devnet/heads/1'
 */
export function headsProtocolId(network: Network): string {
  return `/supernova/${network}/heads/1`
}

/**
 * One frame of a `heads` stream: the node's new tip (a `status` body), or why the node refused
 * or ended the subscription (RATE_LIMITED: over its subscriber cap; INTERNAL).
 */
export type HeadsFrame =
  | { result: 'OK'; status: StatusMessage }
  | { result: Exclude<ErrorResultName, 'REJECTED'>; message: string }

/**
 * `OK ‖ status` — the response payload a `status` request gets, pushed on every new tip.
 * @throws {RangeError} cumulativeWork outside 0..2^256−1.
 */
export function encodeHeadsAnnouncement(status: StatusMessage): Uint8Array {
  return encodeResponseFrame({ result: 'OK', body: encodeStatus(status) })
}

/**
 * `result ‖ bytes message`: why the node refuses (or ends) the subscription.
 * @throws {RangeError} `result` is OK or REJECTED (neither is a refusal of a subscription).
 */
export function encodeHeadsRefusal(
  result: Exclude<ErrorResultName, 'REJECTED'>,
  message: string,
): Uint8Array {
  if ((result as string) === 'OK' || (result as string) === 'REJECTED')
    throw new RangeError(`${result} is not a heads refusal`)
  return encodeResponseFrame({ result, message })
}

/**
 * Decodes one frame payload of a `heads` stream (strict: the status body is exactly
 * `STATUS_BYTES`; REJECTED, which only `send-tx` answers, is refused).
 * @throws {DecodeError} over `HEADS_LIMITS.maxFrameBytes`, an unknown result, a malformed body.
 */
export function decodeHeadsFrame(bytes: Uint8Array): HeadsFrame {
  assertInputSize(bytes, HEADS_LIMITS.maxFrameBytes, 'heads frame')
  const frame = decodeResponseFrame(bytes)
  if (frame.result === 'OK') return { result: 'OK', status: decodeStatus(frame.body) }
  if (frame.result === 'REJECTED')
    throw invalidValue('heads: REJECTED is not a heads frame', { reason: frame.reason })
  return { result: frame.result, message: frame.message }
}
