import {
  isValidSmtMembershipProof,
  isValidSmtNonMembershipProof,
  type OutPoint,
  type OutpointMessage,
  type UtxoEntry,
  utxoKey,
  utxoValueHash,
} from '@supernova/protocol'
import { askPeers, requestOptions, type VerifyContext } from './askPeers.js'
import { VerificationError } from './errors.js'
import { requireOnChain } from './onChain.js'
import { type Verified, verificationFor } from './types.js'

export type GetVerifiedOutpointParameters = { outpoint: OutPoint; signal?: AbortSignal }

export type GetVerifiedOutpointReturnType = Verified<{
  outpoint: OutPoint
  /** The unspent entry, or undefined: proven absent (spent, or never created) at that header. */
  entry: UtxoEntry | undefined
}>

/** True when the answer's proof shows its claim (present with `entry`, or absent) under `root`. */
export function isValidOutpointAnswer(
  outpoint: OutPoint,
  answer: Pick<OutpointMessage, 'entry' | 'proof'>,
  root: Uint8Array,
): boolean {
  const key = utxoKey(outpoint)
  return answer.entry === undefined
    ? isValidSmtNonMembershipProof({ root, key, proof: answer.proof })
    : isValidSmtMembershipProof({
        root,
        key,
        valueHash: utxoValueHash(answer.entry),
        proof: answer.proof,
      })
}

/**
 * Whether one outpoint is unspent, verified: the answer's tip is on the verified chain and its
 * membership proof (with the entry) or non-membership proof leads to that header's utxoRoot.
 * @throws {LightClientError} NO_PEER, ALL_PEERS_FAILED, ABORTED
 */
export async function getVerifiedOutpoint(
  ctx: VerifyContext,
  { outpoint, signal }: GetVerifiedOutpointParameters,
): Promise<GetVerifiedOutpointReturnType> {
  const request = { protocol: 'outpoint' as const, outpoint }
  return askPeers({
    ctx,
    what: 'getOutpoint',
    signal,
    minHeight: ctx.chain.tip().height,
    attempt: async (peer) => {
      const answer = await ctx.network.getOutpoint({
        outpoint,
        ...requestOptions(ctx, peer, signal),
      })
      const at = await requireOnChain({ ctx, peer, request, answer, hash: answer.tipHash })
      if (!isValidOutpointAnswer(outpoint, answer, at.header.utxoRoot))
        throw new VerificationError({
          code: 'SMT_PROOF_INVALID',
          message: `the ${answer.entry === undefined ? 'non-' : ''}membership proof does not lead to the header’s utxoRoot`,
          peer,
          request,
          answer,
        })
      return { outpoint, entry: answer.entry, verification: verificationFor(ctx.chain, at) }
    },
  })
}
