import { equalBytes, MAX_FILTERS_PER_REQUEST } from '@supernova/protocol'
import { isUnsupportedProtocol } from '../network/chainRequests.js'
import { NetworkError } from '../network/errors.js'
import { askPeers, requestOptions, type VerifyContext } from './askPeers.js'
import { LightClientError, VerificationError } from './errors.js'
import type { FilterCache } from './filterCache.js'
import type { RequestPacer } from './requestPacer.js'
import type { ChainHeader } from './types.js'
import { checkFilter, verifiedFilter } from './verifiedFilter.js'

export type VerifiedFiltersParameters = {
  /** Consecutive verified headers (one window of a scan). */
  headers: readonly ChainHeader[]
  pacer: RequestPacer
  /** Peers found not to speak `filters` (shared by a scan's windows, so each is tried once). */
  unsupported: Set<string>
  /** One-filter requests in flight in the fallback. */
  concurrency: number
  signal?: AbortSignal | undefined
}

/**
 * The verified filters of consecutive headers, in order: cached ones from `cache`, the others by
 * `filters` range requests (up to 1,000 a request, asked again from where a short answer stopped).
 * Every item is checked — its block hash must be our verified header's at that height and its
 * filter must hash to that header's filterHash — and cached. A wrong filter is a lie (evidence,
 * ban) and the rest of the range is asked of the next peer; a hash of another branch is a
 * conflict. When no peer serves the range (nodes without `filters`, or none that answers), the
 * filters left are asked one by one (`filter`), paced under the nodes' request rate.
 * @throws {LightClientError} REORGED (our chain changed under the scan), NO_PEER, NOT_FOUND,
 * ALL_PEERS_FAILED, ABORTED
 */
export async function verifiedFilters(
  ctx: VerifyContext,
  cache: FilterCache,
  p: VerifiedFiltersParameters,
): Promise<Uint8Array[]> {
  const out: (Uint8Array | undefined)[] = p.headers.map((h) => cache.get(h.hash))
  for (const [start, end] of missingRuns(out)) {
    try {
      await fetchRange(ctx, cache, p, out, start, end)
    } catch (e) {
      if (
        !(e instanceof LightClientError) ||
        (e.code !== 'ALL_PEERS_FAILED' && e.code !== 'NOT_FOUND')
      )
        throw e
      await fetchSingly(ctx, cache, p, out, start, end)
    }
  }
  return out.map((f, i) => {
    if (f === undefined) throw new Error(`filter ${p.headers[i]?.height} left unfetched`)
    return f
  })
}

/** [start, end) index runs of the filters still missing, each at most one request long. */
function missingRuns(out: readonly (Uint8Array | undefined)[]): [number, number][] {
  const runs: [number, number][] = []
  let i = 0
  while (i < out.length) {
    if (out[i] !== undefined) {
      i++
      continue
    }
    const start = i
    while (i < out.length && out[i] === undefined && i - start < MAX_FILTERS_PER_REQUEST) i++
    runs.push([start, i])
  }
  return runs
}

/** Fills `out[start..end)` by `filters` requests, one peer after another until one serves it. */
async function fetchRange(
  ctx: VerifyContext,
  cache: FilterCache,
  p: VerifiedFiltersParameters,
  out: (Uint8Array | undefined)[],
  start: number,
  end: number,
): Promise<void> {
  const last = p.headers[end - 1]!
  await askPeers({
    ctx,
    what: 'getFilters',
    signal: p.signal,
    minHeight: last.height,
    attempt: async (peer) => {
      if (p.unsupported.has(peer)) throw unsupportedBy(peer)
      let next = start
      while (next < end) {
        const from = p.headers[next]!
        const count = end - next
        const request = { protocol: 'filters' as const, fromHeight: from.height, count }
        await p.pacer.take(p.signal)
        let filters: Awaited<ReturnType<VerifyContext['network']['getFilters']>>['filters']
        try {
          ;({ filters } = await ctx.network.getFilters({
            fromHeight: from.height,
            count,
            ...requestOptions(ctx, peer, p.signal),
          }))
        } catch (e) {
          if (isUnsupportedProtocol(e)) p.unsupported.add(peer)
          throw e
        }
        // Nothing from a height the peer claims to have reached: it cannot serve this range.
        if (filters.length === 0) throw notServed(peer, from.height)
        for (const [i, item] of filters.entries()) {
          const at = p.headers[next + i]!
          if (!equalBytes(item.blockHash, at.hash))
            await throwOtherBranch(ctx, { peer, request, at, blockHash: item.blockHash })
          checkFilter({ filter: item.filter, at, peer, request })
          out[next + i] = item.filter
          cache.set(at.hash, item.filter)
        }
        next += filters.length
      }
    },
  })
}

/** Fills `out[start..end)` one `filter` request per block, paced, `concurrency` at a time. */
async function fetchSingly(
  ctx: VerifyContext,
  cache: FilterCache,
  p: VerifiedFiltersParameters,
  out: (Uint8Array | undefined)[],
  start: number,
  end: number,
): Promise<void> {
  let next = start
  const worker = async () => {
    while (next < end) {
      const i = next++
      if (out[i] !== undefined) continue
      await p.pacer.take(p.signal)
      out[i] = await verifiedFilter(ctx, cache, p.headers[i]!, p.signal)
    }
  }
  await Promise.all(Array.from({ length: Math.min(p.concurrency, end - start) }, worker))
}

/**
 * The peer's block at `at.height` is not ours. If our chain moved (a heavier branch arrived), the
 * scan must start again; otherwise the peer serves another branch than the heaviest verified one.
 * @throws {LightClientError} REORGED. {VerificationError} NOT_ON_CHAIN (a conflict: penalized).
 */
async function throwOtherBranch(
  ctx: VerifyContext,
  q: { peer: string; request: Record<string, unknown>; at: ChainHeader; blockHash: Uint8Array },
): Promise<never> {
  await ctx.chain.catchUp()
  const mine = await ctx.chain.headerAt(q.at.height)
  if (mine === undefined || !equalBytes(mine.hash, q.at.hash))
    throw new LightClientError({
      code: 'REORGED',
      message: `the verified chain changed at ${q.at.height} during the scan; scan again`,
      details: { height: q.at.height },
    })
  const source = ctx.chain.sourceOf(mine.hash)
  throw new VerificationError({
    code: 'NOT_ON_CHAIN',
    message: `the block at ${q.at.height} is not the one of the heaviest verified chain`,
    peer: q.peer,
    request: { protocol: 'filters', ...q.request },
    answer: { height: q.at.height, blockHash: q.blockHash },
    conflictsWith: {
      ...(source === undefined ? {} : { peer: source }),
      answer: { header: mine.header, hash: mine.hash },
    },
  })
}

function unsupportedBy(peer: string): NetworkError {
  return new NetworkError({
    code: 'DIAL_FAILED',
    message: 'filters: the node does not speak it',
    peer,
    protocol: 'filters',
    details: { source: 'local', unsupported: true },
  })
}

function notServed(peer: string, height: number): NetworkError {
  return new NetworkError({
    code: 'NOT_FOUND',
    message: `filters: no filter from height ${height}`,
    peer,
    protocol: 'filters',
    details: { source: 'peer' },
  })
}
