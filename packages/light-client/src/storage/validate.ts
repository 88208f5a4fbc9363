import type { GetHeadersParameters, ReplaceHeadersParameters, StoredHeader } from './types.js'

/** Most heights one `getHeaders` call looks at: bounds what a single read holds in memory. */
export const MAX_HEADER_RANGE = 10_000
/** Most headers one `replaceHeaders` call writes (one transaction). */
export const MAX_HEADER_BATCH = 10_000
/** Longest encoded header a store accepts: headers are small and fixed-size; this only bounds input. */
export const MAX_HEADER_VALUE_BYTES = 4_096
const MAX_WALLET_KEY_LENGTH = 1_024
/** Largest wallet value (an encrypted keystore or a tracked transaction is far smaller). */
export const MAX_WALLET_VALUE_BYTES = 1 << 20
const MAX_HEIGHT = 0xffff_ffff

export function assertHeight(height: number, what = 'height'): void {
  if (!Number.isSafeInteger(height) || height < 0 || height > MAX_HEIGHT)
    throw new RangeError(`${what} must be an integer in [0, 2^32): ${height}`)
}

export function assertHash(hash: Uint8Array, what = 'hash'): void {
  if (!(hash instanceof Uint8Array) || hash.length !== 32)
    throw new TypeError(`${what} must be a 32-byte Uint8Array`)
}

function assertStoredHeader(h: StoredHeader, height: number): void {
  if (h.height !== height)
    throw new RangeError(`headers must be consecutive: expected height ${height}, got ${h.height}`)
  assertHash(h.hash, `header ${height} hash`)
  if (!(h.header instanceof Uint8Array) || h.header.length > MAX_HEADER_VALUE_BYTES)
    throw new TypeError(
      `header ${height} must be a Uint8Array of at most ${MAX_HEADER_VALUE_BYTES} bytes`,
    )
  if (typeof h.cumulativeWork !== 'bigint' || h.cumulativeWork < 0n)
    throw new RangeError(`header ${height} cumulativeWork must be a non-negative bigint`)
}

/** @throws {RangeError | TypeError} unless the batch is consecutive from `height` and well-formed. */
export function assertReplaceHeaders({ height, parentHash, headers }: ReplaceHeadersParameters) {
  assertHeight(height)
  if (height > 0 && parentHash === undefined)
    throw new TypeError('replaceHeaders: parentHash is required above height 0')
  if (parentHash !== undefined) assertHash(parentHash, 'parentHash')
  if (headers.length > MAX_HEADER_BATCH)
    throw new RangeError(`replaceHeaders: at most ${MAX_HEADER_BATCH} headers per call`)
  headers.forEach((h, i) => {
    assertStoredHeader(h, height + i)
  })
  if (headers.length > 0) assertHeight(height + headers.length - 1)
}

export function assertRange({ from, count }: GetHeadersParameters): void {
  assertHeight(from, 'from')
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_HEADER_RANGE)
    throw new RangeError(`count must be an integer in [0, ${MAX_HEADER_RANGE}]: ${count}`)
}

export function assertWalletKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_WALLET_KEY_LENGTH)
    throw new TypeError(`wallet key must be a string of 1..${MAX_WALLET_KEY_LENGTH} characters`)
}

export function assertWalletValue(value: Uint8Array): void {
  if (!(value instanceof Uint8Array) || value.length > MAX_WALLET_VALUE_BYTES)
    throw new TypeError(
      `wallet value must be a Uint8Array of at most ${MAX_WALLET_VALUE_BYTES} bytes`,
    )
}

/** A deep copy, so callers never share buffers with the store (IndexedDB clones; memory must too). */
export function copyStoredHeader(h: StoredHeader): StoredHeader {
  return {
    height: h.height,
    hash: h.hash.slice(),
    header: h.header.slice(),
    cumulativeWork: h.cumulativeWork,
  }
}
