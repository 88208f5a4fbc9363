import { decodeGcs } from './gcs.js'
import { BLOCK_FILTER_PARAMS } from './params.js'

/**
 * Strictly decode a block filter to its sorted hashed values (each in [0, N·M)); useful to
 * validate a filter received from a peer without matching anything.
 * @throws {DecodeError} above 2^20 items or 3 MiB, on truncation, a value out of range,
 * non-zero padding bits or trailing bytes.
 */
export function decodeBlockFilter(filter: Uint8Array): Float64Array {
  return decodeGcs(filter, BLOCK_FILTER_PARAMS)
}
