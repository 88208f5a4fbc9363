import { decodeGcs, matchGcs } from './gcs.js'
import { BLOCK_FILTER_PARAMS } from './params.js'

export type MatchBlockFilterParameters = {
  /** An encoded filter (check it against the header's `filterHash` first). */
  filter: Uint8Array
  /** The key it was built with: the block's `prevHash`. */
  key: Uint8Array
  item: Uint8Array
}

export type MatchAnyBlockFilterParameters = {
  filter: Uint8Array
  key: Uint8Array
  items: Iterable<Uint8Array>
}

/**
 * True when the filter may contain `item` (false positives ≈ 1/784931; no false negatives).
 * @throws {DecodeError} when `filter` is malformed; {TypeError} for a bad key or item.
 */
export function matchBlockFilter({ filter, key, item }: MatchBlockFilterParameters): boolean {
  return matchAnyBlockFilter({ filter, key, items: [item] })
}

/**
 * True when the filter may contain any of `items` — one pass over the filter however many items
 * are asked (false positives ≤ k/784931 for k items).
 * @throws {DecodeError} when `filter` is malformed; {TypeError} for a bad key or item.
 * @example
 * if (matchAnyBlockFilter({ filter, key: header.prevHash, items: myLocks })) fetchBlock(header)
 */
export function matchAnyBlockFilter({
  filter,
  key,
  items,
}: MatchAnyBlockFilterParameters): boolean {
  return matchGcs(decodeGcs(filter, BLOCK_FILTER_PARAMS), key, items, BLOCK_FILTER_PARAMS)
}
