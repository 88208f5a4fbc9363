import type { Stream } from '@libp2p/interface'
import { MAX_LENGTH_PREFIX_BYTES } from '@supernova/protocol'
import * as lp from 'it-length-prefixed'

/** Why reading a frame failed (mapped to a NetworkError by the caller, who knows the context). */
export type FrameFailure = 'TOO_LARGE' | 'MALFORMED' | 'CLOSED' | 'ABORTED'

export class FrameError extends Error {
  override name = 'FrameError'
  constructor(
    readonly failure: FrameFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/**
 * Reads one length-prefixed frame of at most `maxBytes`. The length prefix is checked against the
 * cap before any payload is buffered (an oversize frame is never read). Does not wait for the
 * remote to close its end.
 * @throws {FrameError} TOO_LARGE, MALFORMED (bad prefix), CLOSED (ended early), ABORTED (signal).
 */
export async function readFrame(
  stream: Stream,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const frames = lp.decode(stream, {
    maxDataLength: maxBytes,
    maxLengthLength: MAX_LENGTH_PREFIX_BYTES,
  })
  const next = frames.next()
  // Once we stop waiting the read may still settle (or fail) when the stream is torn down.
  next.catch(() => {})
  let result: IteratorResult<{ subarray(): Uint8Array }>
  try {
    result = await raceAbort(next, signal)
  } catch (err) {
    throw frameError(err, maxBytes)
  }
  if (result.done === true) throw new FrameError('CLOSED', 'the stream closed before a whole frame')
  // A plain copy: the list's chunks may be views into buffers the transport reuses.
  return result.value.subarray().slice()
}

function frameError(err: unknown, maxBytes: number): FrameError {
  if (err instanceof FrameError) return err
  const name = err instanceof Error ? err.name : ''
  if (name === 'InvalidDataLengthError')
    return new FrameError('TOO_LARGE', `frame longer than ${maxBytes} bytes`, { cause: err })
  if (name === 'InvalidDataLengthLengthError' || name === 'InvalidMessageLengthError')
    return new FrameError('MALFORMED', 'bad length prefix', { cause: err })
  const message = err instanceof Error ? err.message : String(err)
  return new FrameError('CLOSED', message, { cause: err })
}

/** `promise`, or a FrameError ABORTED as soon as `signal` aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new FrameError('ABORTED', 'aborted'))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new FrameError('ABORTED', 'aborted', { cause: signal.reason }))
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

/** Writes one length-prefixed frame, waiting (within `signal`) for the send buffer to drain. */
export async function writeFrame(
  stream: Stream,
  payload: Uint8Array,
  signal: AbortSignal,
): Promise<void> {
  if (!stream.send(lp.encode.single(payload))) await raceAbort(stream.onDrain({ signal }), signal)
}

/** Closes our end within `signal`, then aborts whatever is still open: the stream is released. */
export async function finishStream(stream: Stream, signal: AbortSignal): Promise<void> {
  try {
    await raceAbort(stream.close({ signal }), signal)
  } catch {
    // Falls through to abort.
  }
  if (stream.status !== 'closed') stream.abort(new Error('exchange finished'))
}
