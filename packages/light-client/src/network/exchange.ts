import type { Connection, Stream } from '@libp2p/interface'
import {
  DecodeError,
  decodeResponseFrame,
  type Network,
  PROTOCOL_LIMITS,
  type ProtocolName,
  protocolId,
} from '@supernova/protocol'
import { NetworkError, type NetworkErrorCode } from './errors.js'
import { FrameError, finishStream, readFrame, writeFrame } from './stream.js'

/** How long a finished stream may take to close gracefully before it is aborted. */
const CLOSE_GRACE_MS = 1_000

export type ExchangeParameters = {
  network: Network
  connection: Connection
  name: ProtocolName
  payload: Uint8Array
  /** Bound on the whole exchange (already capped at the protocol's timeout by the caller). */
  timeoutMs: number
  signal?: AbortSignal | undefined
}

/**
 * One exchange (docs/network.md §2): open a stream for `name`, write one frame, half-close, read
 * one frame under the protocol's response cap. No penalty is applied here.
 * @returns the OK body (a copy).
 * @throws {NetworkError} the node's result code (NOT_FOUND, BAD_REQUEST, RATE_LIMITED, …) or a
 * local one: TIMEOUT, ABORTED, DIAL_FAILED (`details.unsupported` when the node does not speak
 * the protocol), STREAM_CLOSED, BAD_RESPONSE (oversize or malformed).
 */
export async function exchange(p: ExchangeParameters): Promise<Uint8Array> {
  const timeout = AbortSignal.timeout(p.timeoutMs)
  const signal = p.signal ? AbortSignal.any([timeout, p.signal]) : timeout
  const ctx = { peer: p.connection.remotePeer.toString(), protocol: p.name }
  const fail = (code: NetworkErrorCode, message: string, cause?: unknown) =>
    new NetworkError({
      code,
      message: `${p.name}: ${message}`,
      cause,
      // A node that does not speak the protocol (an older node) is told apart from one that
      // cannot be reached, so a caller can fall back to an older protocol.
      details: { source: 'local', ...(isUnsupportedProtocol(cause) ? { unsupported: true } : {}) },
      ...ctx,
    })
  const aborted = (cause: unknown) =>
    p.signal?.aborted === true
      ? fail('ABORTED', 'aborted by the caller', cause)
      : fail('TIMEOUT', `no answer within ${p.timeoutMs} ms`, cause)
  let stream: Stream
  try {
    stream = await p.connection.newStream(protocolId(p.network, p.name), { signal })
  } catch (err) {
    throw signal.aborted ? aborted(err) : fail('DIAL_FAILED', messageOf(err), err)
  }
  try {
    await writeFrame(stream, p.payload, signal)
    await stream.close({ signal })
    const bytes = await readFrame(stream, PROTOCOL_LIMITS[p.name].maxResponseBytes, signal)
    const frame = decodeResponseFrame(bytes)
    if (frame.result === 'OK') return frame.body
    const rejected =
      frame.result === 'REJECTED' ? { reason: frame.reason, message: frame.message } : {}
    throw new NetworkError({
      code: frame.result,
      message: `${p.name}: the node answered ${frame.result}: ${frame.message}`,
      details: { source: 'peer', ...rejected },
      ...ctx,
    })
  } catch (err) {
    if (err instanceof NetworkError) throw err
    if (err instanceof DecodeError) throw fail('BAD_RESPONSE', err.message, err)
    if (err instanceof FrameError && err.failure === 'TOO_LARGE')
      throw fail('BAD_RESPONSE', `response ${err.message}`, err)
    if (err instanceof FrameError && err.failure === 'MALFORMED')
      throw fail('BAD_RESPONSE', `response ${err.message}`, err)
    if (signal.aborted) throw aborted(err)
    const code = isUnsupportedProtocol(err) ? 'DIAL_FAILED' : 'STREAM_CLOSED'
    throw fail(code, messageOf(err), err)
  } finally {
    await finishStream(stream, AbortSignal.timeout(CLOSE_GRACE_MS))
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** libp2p's error when the remote does not speak the protocol (negotiated lazily on first read). */
function isUnsupportedProtocol(err: unknown): boolean {
  return err instanceof Error && err.name === 'UnsupportedProtocolError'
}
