import { BaseError } from '@supernova/protocol'
import { LightClientError, type LightClientErrorCode } from '../verify/errors.js'
import { toCloneable } from './cloneable.js'

export type LightClientWorkerErrorCode =
  /** No answer from the worker in time (the call is aborted there too). */
  | 'TIMEOUT'
  /** The connection is closed (by `close()`, the worker, an idle timeout, or a worker that failed to load). */
  | 'CLOSED'
  /** Too many calls in flight on this port (`details.max`). */
  | 'TOO_MANY_PENDING'
  /** Too many subscriptions on this port, or address watches in the host (`details.max`). */
  | 'TOO_MANY_SUBSCRIPTIONS'
  /** The host serves its maximum of sessions (`details.max`). */
  | 'TOO_MANY_SESSIONS'
  /** A message that is not part of the protocol. */
  | 'BAD_MESSAGE'
  /** The worker's client is of another network than the page asked for (`details`). */
  | 'NETWORK_MISMATCH'
  /** The page and the worker speak different protocol versions (an old cached worker script). */
  | 'VERSION_MISMATCH'
  /** The worker could not build its client (`cause`). */
  | 'CREATE_FAILED'
  /** The environment lacks what is needed (no transport the worker can dial, no Worker). */
  | 'UNSUPPORTED'
  /** The worker threw an error that is neither a LightClientError nor a TypeError/RangeError (`details.name`, `details.code`). */
  | 'REMOTE_ERROR'

/** What the worker connection itself throws (the client's own errors arrive as LightClientError). */
export class LightClientWorkerError extends BaseError<LightClientWorkerErrorCode> {
  override name = 'LightClientWorkerError'
}

/** An error as it crosses the port: enough to re-create it with its class, code and details. */
export type SerializedError = {
  kind: 'LightClientError' | 'LightClientWorkerError' | 'TypeError' | 'RangeError' | 'Error'
  name: string
  /** The message without BaseError's `CODE: ` prefix. */
  message: string
  code?: string
  details?: Record<string, unknown>
  cause?: SerializedError
}

// A Record, so that a new LightClientErrorCode fails to compile until it is listed here.
const LIGHT_CLIENT_CODES: Readonly<Record<LightClientErrorCode, true>> = {
  NOT_STARTED: true,
  NO_PEER: true,
  ALL_PEERS_FAILED: true,
  NOT_FOUND: true,
  UNKNOWN_BLOCK: true,
  INVALID_ADDRESS: true,
  REORGED: true,
  REJECTED: true,
  ABORTED: true,
  INVALID_AT_TIP: true,
}

const WORKER_CODES: Readonly<Record<LightClientWorkerErrorCode, true>> = {
  TIMEOUT: true,
  CLOSED: true,
  TOO_MANY_PENDING: true,
  TOO_MANY_SUBSCRIPTIONS: true,
  TOO_MANY_SESSIONS: true,
  BAD_MESSAGE: true,
  NETWORK_MISMATCH: true,
  VERSION_MISMATCH: true,
  CREATE_FAILED: true,
  UNSUPPORTED: true,
  REMOTE_ERROR: true,
}

/** Causes kept when an error crosses the port. */
const MAX_CAUSE_DEPTH = 3

/** A structured-clone-safe picture of `e` (its cause chain up to 3 deep). */
export function serializeError(e: unknown, depth = 0): SerializedError {
  if (!(e instanceof Error)) return { kind: 'Error', name: 'Error', message: String(e) }
  const cause =
    e.cause !== undefined && depth < MAX_CAUSE_DEPTH
      ? { cause: serializeError(e.cause, depth + 1) }
      : {}
  if (e instanceof BaseError) {
    const prefix = `${e.code}: `
    return {
      kind:
        e instanceof LightClientError
          ? 'LightClientError'
          : e instanceof LightClientWorkerError
            ? 'LightClientWorkerError'
            : 'Error',
      name: e.name,
      message: e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message,
      code: e.code,
      details: toCloneable(e.details) as Record<string, unknown>,
      ...cause,
    }
  }
  const kind =
    e instanceof TypeError ? 'TypeError' : e instanceof RangeError ? 'RangeError' : 'Error'
  return { kind, name: e.name, message: e.message, ...cause }
}

/**
 * The error a serialized one stands for, re-created on this side: LightClientError and
 * LightClientWorkerError with their code and details, TypeError and RangeError as such; any
 * other error (a NetworkError, a StorageError…) as LightClientWorkerError REMOTE_ERROR naming it.
 */
export function reviveError(s: SerializedError): Error {
  const cause = s.cause === undefined ? undefined : reviveError(s.cause)
  const details = s.details ?? {}
  if (s.kind === 'LightClientError' && s.code !== undefined && s.code in LIGHT_CLIENT_CODES)
    return new LightClientError({
      code: s.code as LightClientErrorCode,
      message: s.message,
      details,
      cause,
    })
  if (s.kind === 'LightClientWorkerError' && s.code !== undefined && s.code in WORKER_CODES)
    return new LightClientWorkerError({
      code: s.code as LightClientWorkerErrorCode,
      message: s.message,
      details,
      cause,
    })
  if (s.kind === 'TypeError' || s.kind === 'RangeError') {
    const E = s.kind === 'TypeError' ? TypeError : RangeError
    return new E(s.message, cause === undefined ? undefined : { cause })
  }
  return new LightClientWorkerError({
    code: 'REMOTE_ERROR',
    message: `${s.name}${s.code === undefined ? '' : ` ${s.code}`}: ${s.message}`,
    details: { name: s.name, ...(s.code === undefined ? {} : { code: s.code }), details },
    cause,
  })
}

/** A serialized error if `x` looks like one, else undefined. */
export function asSerializedError(x: unknown): SerializedError | undefined {
  if (typeof x !== 'object' || x === null) return undefined
  const s = x as Partial<SerializedError>
  return typeof s.kind === 'string' && typeof s.message === 'string' && typeof s.name === 'string'
    ? (s as SerializedError)
    : undefined
}
