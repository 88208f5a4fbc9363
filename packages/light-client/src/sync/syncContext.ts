import {
  type ChainParams,
  type Header,
  hashHeader,
  MAX_HEADERS_PER_REQUEST,
  type StatusMessage,
  ValidationError,
} from '@supernova/protocol'
import {
  type ExtendHeaderChainReturnType,
  extendHeaderChain,
  type HeaderChainState,
  type VerifiedHeader,
} from '../headers/headerChain.js'
import type { LightClientNetwork } from '../network/network.js'
import type { LightClientStorage } from '../storage/types.js'
import { VerificationError } from '../verify/errors.js'
import type { ChainView } from './chainView.js'

/** What one sync round works with. */
export type SyncContext = {
  network: LightClientNetwork
  storage: LightClientStorage
  params: ChainParams
  view: ChainView
  now: () => number
  /** Deepest reorganisation followed (the full node's own bound). */
  maxReorgDepth: number
  requestTimeoutMs: number | undefined
  /** True once the sync is stopped: a round ends at its next request. */
  stopped: () => boolean
  /** A verified batch was stored: the new chain, the headers added, the fork point (or the old tip). */
  adopted: (p: {
    previous: HeaderChainState
    next: HeaderChainState
    /** The headers added above the fork point, with the hashes verification computed. */
    added: readonly VerifiedHeader[]
    forkHeight: number
    peer: string
    target: StatusMessage
  }) => void
}

/** A peer and the status it claimed when the round picked it. */
export type Claim = { peer: string; status: StatusMessage }

/** Peer headers `fromHeight ..` (up to 2000), shape-checked by the network layer only. */
export async function fetchHeaders(
  ctx: SyncContext,
  peer: string,
  fromHeight: number,
  count = MAX_HEADERS_PER_REQUEST,
  signal?: AbortSignal,
): Promise<Header[]> {
  if (ctx.stopped()) throw new Error('header sync stopped')
  const { headers } = await ctx.network.getHeaders({
    peer,
    fromHeight,
    count: Math.max(1, Math.min(MAX_HEADERS_PER_REQUEST, count)),
    ...(ctx.requestTimeoutMs === undefined ? {} : { timeoutMs: ctx.requestTimeoutMs }),
    ...(signal === undefined ? {} : { signal }),
  })
  return headers
}

export type VerifyBatchParameters = {
  ctx: SyncContext
  peer: string
  base: HeaderChainState
  headers: readonly Header[]
  fromHeight: number
  /**
   * True when the batch was fetched on its own (not in one answer with the header it extends):
   * then a first header that does not link means the peer's chain moved, not a lie.
   */
  separate: boolean
}

/**
 * `extendHeaderChain` with the failure turned into a verdict on the peer: a header that breaks a
 * consensus rule is a lie (HEADER_INVALID, banned) — except a timestamp too far ahead of our
 * clock (HEADER_TOO_NEW: either clock may be off) and a first header of a separate request that
 * no longer links (CHAIN_CHANGED: the peer reorganised between two requests).
 * @throws {VerificationError}
 */
export function verifyBatch(p: VerifyBatchParameters): ExtendHeaderChainReturnType {
  try {
    return extendHeaderChain({ state: p.base, headers: p.headers, now: p.ctx.now() })
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e
    const index = typeof e.details.index === 'number' ? e.details.index : 0
    const moved =
      p.separate &&
      index === 0 &&
      (e.code === 'HEADER_PREV_MISMATCH' || e.code === 'HEADER_BAD_HEIGHT')
    const code = moved
      ? 'CHAIN_CHANGED'
      : e.code === 'HEADER_TIME_TOO_NEW'
        ? 'HEADER_TOO_NEW'
        : 'HEADER_INVALID'
    const header = p.headers[index]
    throw new VerificationError({
      code,
      message: `header ${p.fromHeight + index}: ${e.message}`,
      peer: p.peer,
      request: { protocol: 'headers', fromHeight: p.fromHeight, count: p.headers.length },
      answer: { index, header, hash: header === undefined ? undefined : hashHeader(header) },
      cause: e,
    })
  }
}
