import type { GcsParams } from './gcs.js'

/** Golomb-Rice parameter of the block filter (BIP158's P). */
export const BLOCK_FILTER_P = 19

/** Range factor of the block filter (BIP158's M): false-positive rate ≈ 1/M per queried item. */
export const BLOCK_FILTER_M = 784931

/** Cap on a filter's item count: ~20× what a 2 MB block of 33-byte locks can hold. */
export const MAX_BLOCK_FILTER_ITEMS = 2 ** 20

/**
 * Cap on an encoded filter. The stream of N values below N·M takes at most N·(P + 1) + N·M/2^P
 * bits (the unary parts sum to at most the largest value ÷ 2^P) ≈ 21.5 bits per item: ≈ 2.82 MB
 * at the item cap, plus the count varint.
 */
export const MAX_BLOCK_FILTER_BYTES = 3 * 2 ** 20 + 8

export const BLOCK_FILTER_PARAMS: GcsParams = Object.freeze({
  p: BLOCK_FILTER_P,
  m: BLOCK_FILTER_M,
  maxItems: MAX_BLOCK_FILTER_ITEMS,
  maxBytes: MAX_BLOCK_FILTER_BYTES,
})
