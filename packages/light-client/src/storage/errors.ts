import { BaseError } from '@supernova/protocol'

export type StorageErrorCode =
  /** The browser refused to store more (QuotaExceededError). Nothing already stored was lost. */
  | 'STORAGE_FULL'
  /** The backend cannot be used: no IndexedDB, private mode, I/O failure, unknown error. */
  | 'STORAGE_UNAVAILABLE'
  /** Another tab holds an older version of the database open and did not let go. */
  | 'STORAGE_BLOCKED'
  /** The store was closed: by `close()`, by a newer version opened elsewhere, or by the browser. */
  | 'STORAGE_CLOSED'
  /** A record does not have the shape this code writes. */
  | 'STORAGE_CORRUPT'
  /** A replacement's parent is not the stored header at that height. */
  | 'STORAGE_CONFLICT'
  /** The store belongs to another network or genesis (with `onNetworkMismatch: 'throw'`). */
  | 'STORAGE_WRONG_NETWORK'
  /** The database was written by a newer schema than this code knows. */
  | 'STORAGE_NEWER_SCHEMA'

/** Every failure of a light-client store, with `details.operation` naming the call that failed. */
export class StorageError extends BaseError<StorageErrorCode> {
  override name = 'StorageError'
}

/** DOMException names (IndexedDB's failure modes) and the code each maps to. */
const DOM_CODES: Readonly<Record<string, StorageErrorCode>> = {
  QuotaExceededError: 'STORAGE_FULL',
  VersionError: 'STORAGE_NEWER_SCHEMA',
  InvalidStateError: 'STORAGE_CLOSED',
  TransactionInactiveError: 'STORAGE_CLOSED',
  // A key or index constraint refused a row (the layout has no unique index since v3; kept so
  // such a refusal still reads as a conflict rather than an unavailable store).
  ConstraintError: 'STORAGE_CONFLICT',
}

function errorName(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined
  const name = (e as { name?: unknown }).name
  return typeof name === 'string' ? name : undefined
}

/**
 * Maps whatever a backend threw to a `StorageError` (kept as is when it already is one). A quota
 * error hidden as the cause of an abort is found too: transactions abort with the request's error.
 */
export function toStorageError(e: unknown, operation: string): StorageError {
  if (e instanceof StorageError) return e
  const name = errorName(e)
  const inner = errorName((e as { cause?: unknown } | undefined)?.cause)
  const code =
    (name !== undefined ? DOM_CODES[name] : undefined) ??
    (inner !== undefined ? DOM_CODES[inner] : undefined) ??
    'STORAGE_UNAVAILABLE'
  const message = e instanceof Error ? e.message : String(e)
  return new StorageError({
    code,
    message: `${operation} failed: ${name ?? 'Error'}: ${message}`,
    details: { operation, ...(name !== undefined ? { domError: name } : {}) },
    cause: e,
  })
}

/** The error every call on a closed store rejects with. */
export function closedError(operation: string, why: string): StorageError {
  return new StorageError({
    code: 'STORAGE_CLOSED',
    message: `${operation}: the store is closed (${why})`,
    details: { operation, why },
  })
}
