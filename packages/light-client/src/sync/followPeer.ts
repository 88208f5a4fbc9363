import type { Header } from '@supernova/protocol'
import type { HeaderChainState, VerifiedHeader } from '../headers/headerChain.js'
import { headerChainStateAt, saveHeaders } from '../headers/headerStore.js'
import { MAX_HEADER_BATCH } from '../storage/validate.js'
import { VerificationError } from '../verify/errors.js'
import { tipOf } from './chainView.js'
import { findForkPoint } from './forkPoint.js'
import { HeaderPrefetch } from './prefetch.js'
import { type Claim, type SyncContext, verifyBatch } from './syncContext.js'

/** Times one round starts over with a peer whose chain moved under it. */
const MAX_RESTARTS = 3

/**
 * Follows one peer's chain as far as it verifies: finds the fork point, then either extends our
 * tip batch by batch (each verified batch stored at once) or verifies the peer's branch from the
 * fork point and switches to it — one atomic store write — only once its cumulative work exceeds
 * ours, then extends from there. Stops when the peer has nothing more.
 * @throws {VerificationError} for a header that fails verification, a claim the peer's headers do
 * not reach (CLAIM_UNREACHABLE), a fork deeper than allowed; {NetworkError} when a request fails.
 */
export async function followPeer(ctx: SyncContext, claim: Claim): Promise<void> {
  for (let restarts = 0; ; restarts++) {
    try {
      const fork = await findForkPoint(ctx, claim)
      if (fork.height === ctx.view.state.tip.header.height) await extend(ctx, claim, fork.above)
      else await switchBranch(ctx, claim, fork.height, fork.above)
      return
    } catch (e) {
      if (
        !(e instanceof VerificationError && e.code === 'CHAIN_CHANGED') ||
        restarts >= MAX_RESTARTS
      )
        throw e
    }
  }
}

/**
 * Appends verified batches to our tip until the peer has no more. The next batch is requested
 * before this one is verified and stored (`HeaderPrefetch`, one request ahead), and used only if
 * this one was stored; batches are stored strictly in order, each after it verified.
 */
async function extend(
  ctx: SyncContext,
  claim: Claim,
  first: readonly Header[],
  prefetch = new HeaderPrefetch(ctx, claim.peer),
): Promise<void> {
  let batch = first
  let separate = false
  try {
    for (;;) {
      const base = ctx.view.state
      const fromHeight = base.tip.header.height + 1
      if (batch.length === 0) {
        batch = await prefetch.take(fromHeight)
        separate = true
        if (batch.length === 0) return
      }
      prefetch.start(fromHeight + batch.length)
      const next = verifyBatch({
        ctx,
        peer: claim.peer,
        base,
        headers: batch,
        fromHeight,
        separate,
      })
      await saveHeaders({ storage: ctx.storage, base, added: next.added })
      ctx.adopted({
        previous: base,
        next: next.state,
        added: next.added,
        forkHeight: base.tip.header.height,
        peer: claim.peer,
        target: claim.status,
      })
      batch = []
    }
  } finally {
    prefetch.drop()
  }
}

/**
 * Verifies the peer's branch above `forkHeight` (in memory, at most MAX_HEADER_BATCH headers)
 * until it outweighs our chain, then stores it in one replace and adopts it. Requests run one
 * batch ahead of verification, as in `extend`.
 */
async function switchBranch(
  ctx: SyncContext,
  claim: Claim,
  forkHeight: number,
  first: readonly Header[],
): Promise<void> {
  const base = await headerChainStateAt({
    storage: ctx.storage,
    params: ctx.params,
    height: forkHeight,
  })
  const ours = ctx.view.state
  const prefetch = new HeaderPrefetch(ctx, claim.peer)
  let branch: HeaderChainState = base
  const collected: VerifiedHeader[] = []
  let batch = first
  let separate = false
  try {
    while (branch.cumulativeWork <= ours.cumulativeWork) {
      const fromHeight = branch.tip.header.height + 1
      if (batch.length === 0) {
        batch = await prefetch.take(fromHeight)
        separate = true
        if (batch.length === 0) throw unreachable(ctx, claim, branch, forkHeight)
      }
      if (collected.length + batch.length > MAX_HEADER_BATCH)
        throw new VerificationError({
          code: 'FORK_TOO_DEEP',
          message: `the branch from ${forkHeight} needs over ${MAX_HEADER_BATCH} headers to outweigh ours`,
          peer: claim.peer,
          request: { protocol: 'headers', fromHeight: forkHeight + 1 },
          answer: undefined,
        })
      prefetch.start(fromHeight + batch.length)
      const next = verifyBatch({
        ctx,
        peer: claim.peer,
        base: branch,
        headers: batch,
        fromHeight,
        separate,
      })
      branch = next.state
      collected.push(...next.added)
      batch = []
    }
    await saveHeaders({ storage: ctx.storage, base, added: collected })
    ctx.adopted({
      previous: ours,
      next: branch,
      added: collected,
      forkHeight,
      peer: claim.peer,
      target: claim.status,
    })
    await extend(ctx, claim, [], prefetch)
  } finally {
    prefetch.drop()
  }
}

/**
 * The peer's branch ended with less work than our chain, though its status claimed more: a header
 * at the same height as ours with less work behind it. Both answers are kept.
 */
function unreachable(ctx: SyncContext, claim: Claim, branch: HeaderChainState, forkHeight: number) {
  const mine = tipOf(ctx.view.state)
  const source = ctx.view.sourceOf(mine.hash)
  return new VerificationError({
    code: 'CLAIM_UNREACHABLE',
    message: `claimed work ${claim.status.cumulativeWork} at ${claim.status.tipHeight}, but its branch from ${forkHeight} ends at ${branch.tip.header.height} with ${branch.cumulativeWork} (ours ${ctx.view.state.cumulativeWork})`,
    peer: claim.peer,
    request: { protocol: 'headers', fromHeight: branch.tip.header.height + 1 },
    answer: {
      status: claim.status,
      branchTip: {
        header: branch.tip.header,
        hash: branch.tip.hash,
        cumulativeWork: branch.cumulativeWork,
      },
    },
    conflictsWith: {
      ...(source === undefined ? {} : { peer: source }),
      answer: {
        header: mine.header,
        hash: mine.hash,
        cumulativeWork: ctx.view.state.cumulativeWork,
      },
    },
  })
}
