import type { MempoolSummaryMessage } from '@supernova/protocol'
import { askPeers, requestOptions, type VerifyContext } from '../verify/askPeers.js'

/**
 * What an answer nothing can verify carries instead of a `Verification`: the node that claimed
 * it and why it cannot be checked. Verified answers keep their own type (`Verified<T>`).
 */
export type UnverifiedClaim = {
  status: 'unverified'
  /** The node (libp2p peer id) whose claim this is. */
  peer: string
  /** Why the browser cannot check it, in a sentence to show. */
  reason: string
}

/** A value that is one node's word, marked as such. */
export type Unverified<T> = T & { verification: UnverifiedClaim }

export type GetMempoolParameters = { signal?: AbortSignal }

/**
 * A node's report of its mempool (`MempoolSummaryMessage`): count, bytes, the fee-rate histogram
 * (`MEMPOOL_FEE_RATE_EDGES`), the projected next block and the newest entries — UNVERIFIED.
 */
export type GetMempoolReturnType = Unverified<MempoolSummaryMessage>

/** Why a mempool summary is unverified, as `verification.reason` says it. */
export const MEMPOOL_UNVERIFIED_REASON =
  'No block or header commits to a mempool: these figures are what this node reports, and the browser cannot check them.'

/**
 * One node's mempool summary, marked unverified with the node that claimed it. The answer is
 * checked only for consistency (a summary that contradicts itself is refused and another node is
 * asked); nothing commits to a mempool, so its truth cannot be checked.
 * @throws {LightClientError} NO_PEER, ALL_PEERS_FAILED, ABORTED
 */
export async function getMempoolSummary(
  ctx: VerifyContext,
  { signal }: GetMempoolParameters = {},
): Promise<GetMempoolReturnType> {
  return askPeers({
    ctx,
    what: 'getMempool',
    signal,
    attempt: async (asked) => {
      const { peer, ...summary } = await ctx.network.getMempoolSummary(
        requestOptions(ctx, asked, signal),
      )
      return {
        ...summary,
        verification: { status: 'unverified', peer, reason: MEMPOOL_UNVERIFIED_REASON },
      }
    },
  })
}
