import { varintLength, Writer } from '../codec/writer.js'
import { MAX_BLOCK_FILTER_BYTES } from '../filter/params.js'
import { assertCount, cappedReader, invalidValue } from './codec.js'
import { MAX_FILTERS_PER_REQUEST, MAX_FILTERS_RESPONSE_BYTES, PROTOCOL_LIMITS } from './limits.js'

/** `filters` request: the compact filters of up to `count` main-chain blocks from `fromHeight`. */
export type FiltersRequest = { fromHeight: number; count: number }

/** One block's filter as `filters` serves it: the block's hash and its filter bytes. */
export type BlockFilterItem = { blockHash: Uint8Array; filter: Uint8Array }

/** Smallest encoded item: a block hash and a one-byte length (of an empty filter). */
const MIN_FILTER_ITEM_BYTES = 32 + 1

/**
 * `u32 fromHeight ‖ u16 count` with count in 1..1000 (BIP157's `getcfilters`, by height).
 * @throws {RangeError} count outside 1..1000, or fromHeight not a u32.
 */
export function encodeFiltersRequest(q: FiltersRequest): Uint8Array {
  assertCount(q.count, MAX_FILTERS_PER_REQUEST, 'filters count')
  return new Writer(6).u32(q.fromHeight).u16(q.count).finish()
}

/** @throws {DecodeError} not exactly 6 bytes, or count outside 1..1000. */
export function decodeFiltersRequest(bytes: Uint8Array): FiltersRequest {
  const r = cappedReader(bytes, PROTOCOL_LIMITS.filters.maxRequestBytes, 'filters request')
  const q = { fromHeight: r.u32('fromHeight'), count: r.u16('count') }
  r.finish()
  if (q.count < 1 || q.count > MAX_FILTERS_PER_REQUEST)
    throw invalidValue(`filters request: count ${q.count} outside 1..${MAX_FILTERS_PER_REQUEST}`)
  return q
}

/** Bytes one item takes in a `filters` response (a server fills a response up to its cap with it). */
export function filterItemLength(filterBytes: number): number {
  return 32 + varintLength(filterBytes) + filterBytes
}

/** Most bytes the item count of a `filters` response takes (a varint of at most 1,000). */
export const FILTERS_COUNT_BYTES = varintLength(MAX_FILTERS_PER_REQUEST)

/**
 * `varint n ‖ n × (blockHash[32] ‖ bytes filter)`: the filters of consecutive main-chain blocks
 * from the requested height, in order.
 * @throws {RangeError} more than 1,000 items, a hash that is not 32 bytes, a filter over its cap,
 * or a body over MAX_FILTERS_RESPONSE_BYTES.
 */
export function encodeFiltersResponse(items: readonly BlockFilterItem[]): Uint8Array {
  if (items.length > MAX_FILTERS_PER_REQUEST)
    throw new RangeError(`${items.length} filters exceed ${MAX_FILTERS_PER_REQUEST}`)
  let size = varintLength(items.length)
  for (const { filter } of items) {
    if (filter.length > MAX_BLOCK_FILTER_BYTES)
      throw new RangeError(`a filter of ${filter.length} bytes exceeds ${MAX_BLOCK_FILTER_BYTES}`)
    size += filterItemLength(filter.length)
  }
  if (size > MAX_FILTERS_RESPONSE_BYTES)
    throw new RangeError(`filters response of ${size} bytes exceeds ${MAX_FILTERS_RESPONSE_BYTES}`)
  const w = new Writer(size).varint(items.length)
  for (const item of items) w.fixed(item.blockHash, 32).bytes(item.filter)
  return w.finish()
}

/**
 * Decodes a `filters` body under its cap; the count is checked against the bytes left before
 * anything is allocated. Nothing is verified: each hash against the verified header at its
 * height and each filter against that header's `filterHash` are the caller's to check.
 * @throws {DecodeError}
 */
export function decodeFiltersResponse(bytes: Uint8Array): BlockFilterItem[] {
  const r = cappedReader(bytes, MAX_FILTERS_RESPONSE_BYTES, 'filters response')
  const n = r.count(MAX_FILTERS_PER_REQUEST, MIN_FILTER_ITEM_BYTES, 'filters')
  const items: BlockFilterItem[] = []
  for (let i = 0; i < n; i++)
    items.push({ blockHash: r.fixed(32, 'blockHash'), filter: r.bytes(MAX_BLOCK_FILTER_BYTES) })
  r.finish()
  return items
}
