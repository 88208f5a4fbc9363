import {
  DecodeError,
  encodeLock,
  equalBytes,
  hashBlockFilter,
  type Lock,
  matchAnyBlockFilter,
} from '@supernova/protocol'
import { askPeers, requestOptions, type VerifyContext } from './askPeers.js'
import { type EvidenceRequest, VerificationError } from './errors.js'
import type { FilterCache } from './filterCache.js'
import type { ChainHeader } from './types.js'

/**
 * The block filter of a verified header, verified: hash('filter', bytes) equals the header's
 * `filterHash` and the bytes decode. Served from `cache` when there; cached once verified.
 * @throws {LightClientError} NOT_FOUND, NO_PEER, ALL_PEERS_FAILED, ABORTED
 */
export async function verifiedFilter(
  ctx: VerifyContext,
  cache: FilterCache,
  at: ChainHeader,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const cached = cache.get(at.hash)
  if (cached !== undefined) return cached
  const request = { protocol: 'filter' as const, blockHash: at.hash }
  const filter = await askPeers({
    ctx,
    what: 'getFilter',
    signal,
    minHeight: at.height,
    attempt: async (peer) => {
      const { filter } = await ctx.network.getFilter({
        blockHash: at.hash,
        ...requestOptions(ctx, peer, signal),
      })
      checkFilter({ filter, at, peer, request })
      return filter
    },
  })
  cache.set(at.hash, filter)
  return filter
}

export type CheckFilterParameters = {
  filter: Uint8Array
  /** The verified header the filter is for. */
  at: ChainHeader
  /** Who served it and what was asked, for the evidence. */
  peer: string
  request: EvidenceRequest
}

/**
 * Checks a served filter against its verified header: hash('filter', bytes) must be the header's
 * `filterHash`, and the bytes must decode. Either failure is a lie (evidence and ban).
 * @throws {VerificationError} FILTER_HASH_MISMATCH, FILTER_MALFORMED
 */
export function checkFilter({ filter, at, peer, request }: CheckFilterParameters): void {
  const fail = (code: 'FILTER_HASH_MISMATCH' | 'FILTER_MALFORMED', message: string) =>
    new VerificationError({ code, message, peer, request, answer: { height: at.height, filter } })
  if (!equalBytes(hashBlockFilter(filter), at.header.filterHash))
    throw fail('FILTER_HASH_MISMATCH', `the filter of block ${at.height} is not its filterHash`)
  try {
    // A filter that hashes right but does not decode would be a consensus failure: refuse it.
    matchAnyBlockFilter({ filter, key: at.header.prevHash, items: [] })
  } catch (e) {
    if (e instanceof DecodeError) throw fail('FILTER_MALFORMED', e.message)
    throw e
  }
}

/** True when the verified `filter` of `at` may contain any of `locks` (no false negatives). */
export function filterMatches(
  filter: Uint8Array,
  at: ChainHeader,
  locks: readonly Lock[],
): boolean {
  return matchAnyBlockFilter({ filter, key: at.header.prevHash, items: locks.map(encodeLock) })
}
