import { equalBytes, type Header, hashHeader, MAX_HEADERS_PER_REQUEST } from '@supernova/protocol'
import { VerificationError } from '../verify/errors.js'
import { type Claim, fetchHeaders, type SyncContext } from './syncContext.js'

/** Where the peer's chain leaves ours, and the peer's headers right above it when already known. */
export type ForkPoint = { height: number; above: Header[] }

/**
 * The highest height at which the peer's main chain and our verified chain hold the same block.
 * First one request from `min(our height, its height)` — in the common case its first header is
 * ours and the rest extend our tip. Otherwise single-header probes walk back at exponentially
 * growing distances (1, 2, 4, …) down to `maxReorgDepth` below our tip, then a binary search
 * between the last mismatch and the first match: O(log depth) requests. Probe answers are not
 * trusted: whatever the peer serves above the fork point must still link to our header there.
 * @throws {VerificationError} FORK_TOO_DEEP (no common block within maxReorgDepth), CHAIN_CHANGED
 * (the peer no longer serves its claimed height), HEADER_INVALID (another genesis at height 0)
 */
export async function findForkPoint(ctx: SyncContext, claim: Claim): Promise<ForkPoint> {
  const ourHeight = ctx.view.state.tip.header.height
  const start = Math.min(ourHeight, claim.status.tipHeight)
  const count = Math.min(MAX_HEADERS_PER_REQUEST, claim.status.tipHeight - start + 1)
  const first = await fetchHeaders(ctx, claim.peer, start, count)
  const head = first[0]
  if (head === undefined) throw changed(claim, start)
  if (await isOurs(ctx, head, start)) return { height: start, above: first.slice(1) }
  if (start === 0) throw anotherGenesis(claim, head)
  const floor = Math.max(0, ourHeight - ctx.maxReorgDepth)
  let mismatch = start
  let match = -1
  for (let step = 1; match < 0; step *= 2) {
    if (mismatch <= floor) throw tooDeep(ctx, claim, floor)
    const h = Math.max(floor, start - step)
    if (await probe(ctx, claim, h)) match = h
    else mismatch = h
  }
  while (mismatch - match > 1) {
    const mid: number = match + Math.floor((mismatch - match) / 2)
    if (await probe(ctx, claim, mid)) match = mid
    else mismatch = mid
  }
  return { height: match, above: [] }
}

async function probe(ctx: SyncContext, claim: Claim, height: number): Promise<boolean> {
  const [header] = await fetchHeaders(ctx, claim.peer, height, 1)
  if (header === undefined) throw changed(claim, height)
  const ours = await isOurs(ctx, header, height)
  if (!ours && height === 0) throw anotherGenesis(claim, header)
  return ours
}

function anotherGenesis(claim: Claim, header: Header): VerificationError {
  return new VerificationError({
    code: 'HEADER_INVALID',
    message: 'the peer serves another genesis header',
    peer: claim.peer,
    request: { protocol: 'headers', fromHeight: 0, count: 1 },
    answer: { header },
  })
}

async function isOurs(ctx: SyncContext, header: Header, height: number): Promise<boolean> {
  const mine = await ctx.view.headerAt(height)
  return mine !== undefined && equalBytes(mine.hash, hashHeader(header))
}

function changed(claim: Claim, height: number): VerificationError {
  return new VerificationError({
    code: 'CHAIN_CHANGED',
    message: `the peer claimed height ${claim.status.tipHeight} but serves nothing at ${height}`,
    peer: claim.peer,
    request: { protocol: 'headers', fromHeight: height, count: 1 },
    answer: { headers: [] },
  })
}

function tooDeep(ctx: SyncContext, claim: Claim, floor: number): VerificationError {
  return new VerificationError({
    code: 'FORK_TOO_DEEP',
    message: `no common block within ${ctx.maxReorgDepth} of our tip (down to ${floor})`,
    peer: claim.peer,
    request: { protocol: 'headers', fromHeight: floor, count: 1 },
    answer: undefined,
  })
}
