import {
  type BlockFilterItem,
  decodeFiltersRequest,
  encodeFiltersResponse,
  FILTERS_COUNT_BYTES,
  filterItemLength,
  MAX_FILTERS_RESPONSE_BYTES,
  type ResponseFrame,
} from '@supernova/protocol'
import type { ChainView } from '../chain/types.js'

export type FiltersComponents = {
  chain: Pick<ChainView, 'getHeaderByHeight' | 'getBlockFilter'>
}

/**
 * The main-chain filters from `fromHeight`, at most `count`, in order: fewer past the tip, and
 * none past the byte budget (the first always fits: a filter is at most 3 MiB + 8). Each item
 * pairs a filter with the hash it was read under, so a reorganisation mid-read can only make the
 * answer describe two branches — which the client checks hash by hash — never a filter under the
 * wrong hash.
 */
export async function mainChainFilters(
  c: FiltersComponents,
  fromHeight: number,
  count: number,
): Promise<BlockFilterItem[]> {
  const items: BlockFilterItem[] = []
  let size = FILTERS_COUNT_BYTES
  for (let height = fromHeight; height < fromHeight + count; height++) {
    const entry = await c.chain.getHeaderByHeight(height)
    if (entry === undefined) break
    const filter = await c.chain.getBlockFilter(entry.hash)
    // A main-chain block always has its filter; a missing one (reorg mid-read) ends the answer.
    if (filter === undefined) break
    size += filterItemLength(filter.length)
    if (size > MAX_FILTERS_RESPONSE_BYTES && items.length > 0) break
    items.push({ blockHash: entry.hash, filter })
  }
  return items
}

/**
 * The `filters` handler (docs/network.md §2.1): `fromHeight u32 ‖ count u16` in, the filters of
 * up to `count` main-chain blocks from there out. One request, however many filters, costs one
 * token of the server's rate limit.
 * @throws {DecodeError} a request that is not 6 bytes with a count in 1..1000 (BAD_REQUEST, penalized).
 */
export function createFiltersHandler(
  c: FiltersComponents,
): (request: Uint8Array) => Promise<ResponseFrame> {
  return async (request) => {
    const { fromHeight, count } = decodeFiltersRequest(request)
    const items = await mainChainFilters(c, fromHeight, count)
    return { result: 'OK', body: encodeFiltersResponse(items) }
  }
}
