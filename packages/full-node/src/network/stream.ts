import type { Stream } from '@libp2p/interface'
import * as lp from 'it-length-prefixed'
import { NetworkError } from './errors.js'

/** Length prefixes are unsigned varints; 4 bytes cover every cap we use (< 2^28). */
const MAX_LENGTH_PREFIX_BYTES = 4

/**
 * Reads one length-prefixed frame of at most `maxBytes` from `stream`, waiting no longer than
 * `signal` allows. Does not wait for the remote to close its end.
 *
 * @throws {NetworkError} `TOO_LARGE` (the prefix announces more than `maxBytes`), `TIMEOUT`,
 * `STREAM_CLOSED` (the stream ended before a whole frame) or `BAD_REQUEST` (malformed prefix).
 */
export async function readFrame(
  stream: Stream,
  maxBytes: number,
  signal: AbortSignal,
  what: string,
): Promise<Uint8Array> {
  const frames = lp.decode(stream, {
    maxDataLength: maxBytes,
    maxLengthLength: MAX_LENGTH_PREFIX_BYTES,
  })
  const next = frames.next()
  // Once we stop waiting the read may still settle (or fail) when the stream goes away.
  next.catch(() => {})
  let result: IteratorResult<{ subarray(): Uint8Array }>
  try {
    result = await raceAbort(next, signal)
  } catch (err) {
    throw frameError(err, maxBytes, what)
  }
  if (result.done === true)
    throw new NetworkError({
      code: 'STREAM_CLOSED',
      message: `${what}: the stream closed before a complete frame`,
      details: { what },
    })
  // A copy as a plain Uint8Array: the list's chunks may be Buffers into a shared pool.
  return new Uint8Array(result.value.subarray())
}

function frameError(err: unknown, maxBytes: number, what: string): NetworkError {
  if (err instanceof NetworkError) return err
  const name = err instanceof Error ? err.name : ''
  const details = { what, maxBytes }
  if (name === 'InvalidDataLengthError')
    return new NetworkError({
      code: 'TOO_LARGE',
      message: `${what}: frame longer than ${maxBytes} bytes`,
      details,
    })
  if (name === 'InvalidDataLengthLengthError' || name === 'InvalidMessageLengthError')
    return new NetworkError({ code: 'BAD_REQUEST', message: `${what}: bad length prefix`, details })
  return new NetworkError({
    code: 'STREAM_CLOSED',
    message: `${what}: ${err instanceof Error ? err.message : String(err)}`,
    details,
    cause: err,
  })
}

/** `promise`, or a `TIMEOUT` NetworkError as soon as `signal` aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(timeoutError(signal))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(timeoutError(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(e)
      },
    )
  })
}

function timeoutError(signal: AbortSignal): NetworkError {
  return new NetworkError({
    code: 'TIMEOUT',
    message: 'timed out',
    details: {},
    cause: signal.reason,
  })
}

/** Writes one length-prefixed frame, waiting for the send buffer to drain within `signal`. */
export async function writeFrame(
  stream: Stream,
  payload: Uint8Array,
  signal: AbortSignal,
): Promise<void> {
  if (!stream.send(lp.encode.single(payload))) {
    await raceAbort(stream.onDrain({ signal }), signal)
  }
}

/**
 * Closes our end gracefully within `signal`, then aborts whatever is left open (a remote that
 * keeps its write end open gets no more of our time).
 */
export async function finishStream(stream: Stream, signal: AbortSignal): Promise<void> {
  try {
    await raceAbort(stream.close({ signal }), signal)
  } catch {
    // Falls through to abort: the stream is released either way.
  }
  if (stream.status !== 'closed') stream.abort(new Error('exchange finished'))
}
