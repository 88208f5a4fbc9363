import { equalBytes, type Header } from '@supernova/protocol'
import type { VerifyContext } from './askPeers.js'
import { type EvidenceRequest, VerificationError, type VerificationErrorCode } from './errors.js'
import type { ChainHeader } from './types.js'

export type RequireOnChainParameters = {
  ctx: VerifyContext
  peer: string
  request: EvidenceRequest
  /** The answer being checked (kept as evidence when the header is on another branch). */
  answer: unknown
  /** The block hash the answer is about. */
  hash: Uint8Array
  /** The block's header when the answer carries it (a tx-proof); else its height is asked for. */
  header?: Header
}

/**
 * The verified main-chain header with hash `hash`. An unknown hash makes us run a sync round
 * (the peer may be ahead) and look again; then we learn the block's height, wait for the sync
 * towards it when it is above our tip (the peer was asked before its status was known), and look
 * once more. Still unknown, the block's height decides — the header's own, or the peer's tip
 * height when its fresh status names `hash` as its tip:
 * - above our verified tip: AHEAD_OF_CHAIN (not the peer's fault; another peer is asked);
 * - at or below it: NOT_ON_CHAIN, a block of a lighter branch, with our header at that height
 *   as the conflicting answer;
 * - unknown (the peer's tip moved on since it answered): CHAIN_CHANGED, asked elsewhere.
 * @throws {VerificationError} AHEAD_OF_CHAIN, NOT_ON_CHAIN, CHAIN_CHANGED
 */
export async function requireOnChain(p: RequireOnChainParameters): Promise<ChainHeader> {
  const { ctx } = p
  const known = await ctx.chain.headerByHash(p.hash)
  if (known !== undefined) return known
  await ctx.chain.catchUp()
  const later = await ctx.chain.headerByHash(p.hash)
  if (later !== undefined) return later
  const height = p.header?.height ?? (await claimedTipHeight(p))
  // Asked before we knew how far the peer is (its status came after the answer): the fresh status
  // has started a round towards it; wait for that round.
  if (height !== undefined && height > ctx.chain.tip().height) await ctx.chain.catchUp()
  // The chain may have moved on while the peer was asked or the round ran: look once more.
  const found = await ctx.chain.headerByHash(p.hash)
  if (found !== undefined) return found
  const tip = ctx.chain.tip()
  if (height === undefined)
    throw failure(p, 'CHAIN_CHANGED', 'the peer’s tip moved on from the block it answered about')
  if (height > tip.height)
    throw failure(p, 'AHEAD_OF_CHAIN', `block at ${height} is above the verified tip ${tip.height}`)
  const mine = await ctx.chain.headerAt(height)
  throw failure(
    p,
    'NOT_ON_CHAIN',
    `the block at ${height} is not the one of the heaviest verified chain`,
    mine,
  )
}

/** The peer's tip height when its fresh status names `hash` as its tip. */
async function claimedTipHeight(p: RequireOnChainParameters): Promise<number | undefined> {
  try {
    const { status } = await p.ctx.network.getStatus({ peer: p.peer })
    return equalBytes(status.tipHash, p.hash) ? status.tipHeight : undefined
  } catch {
    return undefined
  }
}

function failure(
  p: RequireOnChainParameters,
  code: VerificationErrorCode,
  message: string,
  mine?: ChainHeader,
): VerificationError {
  const source = mine === undefined ? undefined : p.ctx.chain.sourceOf(mine.hash)
  return new VerificationError({
    code,
    message,
    peer: p.peer,
    request: p.request,
    answer: p.answer,
    ...(mine === undefined
      ? {}
      : {
          conflictsWith: {
            ...(source === undefined ? {} : { peer: source }),
            answer: { header: mine.header, hash: mine.hash },
          },
        }),
  })
}
