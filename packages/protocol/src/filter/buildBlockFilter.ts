import { buildGcs } from './gcs.js'
import { BLOCK_FILTER_PARAMS } from './params.js'

export type BuildBlockFilterParameters = {
  /** 32-byte filter key: the block's `prevHash`, so filters of different blocks are unlinkable. */
  key: Uint8Array
  /** Every output lock and spent lock of the block (duplicates are ignored). */
  items: Iterable<Uint8Array>
}

/**
 * The compact address filter of a block: a BIP158-style Golomb-coded set (P = 19, M = 784931)
 * encoded as `varint N ‖ bitstream`. ≈ 2.63 bytes per distinct item; a light wallet that
 * queries k of its locks sees a false match with probability ≤ k/784931 per block, and never a
 * false miss. Deterministic: the same key and item set always give the same bytes.
 *
 * @throws {TypeError} when `key` is not 32 bytes or an item is not a Uint8Array.
 * @throws {RangeError} above 2^20 distinct items.
 * @example
 * const filter = buildBlockFilter({ key: header.prevHash, items: locks })
 * const filterHash = hashBlockFilter(filter)
 */
export function buildBlockFilter({ key, items }: BuildBlockFilterParameters): Uint8Array {
  return buildGcs(key, items, BLOCK_FILTER_PARAMS)
}
