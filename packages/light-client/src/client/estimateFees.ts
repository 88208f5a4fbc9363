import type { ChainParams } from '@supernova/protocol'
import type { NetworkErrorCode } from '../network/errors.js'
import type { GetFeeEstimateReturnType } from '../network/getFeeEstimate.js'
import type { VerifyContext } from '../verify/askPeers.js'
import { LightClientError } from '../verify/errors.js'
import {
  type EstimateFeesParameters,
  type EstimateFeesReturnType,
  estimateFees,
  type FeeSpeed,
} from '../wallet/feeChoice.js'
import { PaymentError } from '../wallet/paymentErrors.js'

/**
 * What fee advice carries instead of a `Verification`: the nodes whose answers it rests on and
 * why nothing can check it. Several nodes answer, so it names them all (`getMempool` names one).
 */
export type FeeAdviceClaim = {
  status: 'unverified'
  /** The nodes (libp2p peer ids) that answered, best first. */
  peers: string[]
  /** Why the browser cannot check it, in a sentence to show. */
  reason: string
}

/** Why a fee estimate is unverified, as `verification.reason` says it. */
export const FEE_ESTIMATE_UNVERIFIED_REASON =
  'A fee estimate is the answering nodes’ reading of their mempools — advice no block or proof commits to. The median of their answers is kept between the relay floor and a sanity cap.'

export type FeeEstimateParameters = Pick<
  EstimateFeesParameters,
  'maxPeers' | 'maxFeeRate' | 'targets' | 'timeoutMs'
> & { signal?: AbortSignal }

/** A failed request of an estimate, as plain data (it crosses a worker's port). */
export type FeeEstimateFailure = {
  peer: string
  speed: FeeSpeed
  code: NetworkErrorCode
  message: string
}

/**
 * Fast, normal and slow choices (`FeeChoice`: rate, target blocks, expected wait, the median
 * and whether it was clamped), the floor and cap applied, each node's answer — UNVERIFIED advice.
 */
export type FeeEstimate = Omit<EstimateFeesReturnType, 'answers' | 'failures'> & {
  answers: GetFeeEstimateReturnType[]
  failures: FeeEstimateFailure[]
  verification: FeeAdviceClaim
}

/**
 * The wallet's `estimateFees` over the client's connected nodes (waiting for a first one): up to
 * `maxPeers` (default 3) nodes asked for each target, the median per choice clamped between the
 * relay floor and `maxFeeRate`. Marked unverified, naming the nodes that answered.
 * @throws {RangeError} a target outside 1..1008, `maxPeers` outside 1..16, a cap below the floor.
 * @throws {LightClientError} NO_PEER (none connected), ALL_PEERS_FAILED (no answer for a
 * choice; `details.failures`), ABORTED.
 */
export async function estimateClientFees(
  ctx: VerifyContext,
  params: ChainParams,
  p: FeeEstimateParameters = {},
): Promise<FeeEstimate> {
  const { signal, ...options } = p
  if (ctx.network.peers().length === 0) {
    try {
      await ctx.network.waitForPeers({
        timeoutMs: ctx.peerWaitMs ?? 10_000,
        ...(signal ? { signal } : {}),
      })
    } catch (e) {
      if (signal?.aborted) throw aborted(e)
      throw new LightClientError({
        code: 'NO_PEER',
        message: 'estimateFees: no connected peer',
        cause: e,
      })
    }
  }
  let r: EstimateFeesReturnType
  try {
    r = await estimateFees({
      network: ctx.network,
      params,
      ...options,
      ...(signal ? { signal } : {}),
    })
  } catch (e) {
    if (!(e instanceof PaymentError)) throw e
    if (e.code === 'ABORTED') throw aborted(e)
    const noPeer = ctx.network.peers().length === 0
    throw new LightClientError({
      code: noPeer ? 'NO_PEER' : 'ALL_PEERS_FAILED',
      message: `estimateFees: ${e.message}`,
      details: { ...e.details },
      cause: e,
    })
  }
  const peers = [...new Set(r.answers.map((a) => a.peer))]
  return {
    ...r,
    failures: r.failures.map((f) => ({
      peer: f.peer,
      speed: f.speed,
      code: f.error.code,
      message: f.error.message,
    })),
    verification: { status: 'unverified', peers, reason: FEE_ESTIMATE_UNVERIFIED_REASON },
  }
}

function aborted(cause: unknown): LightClientError {
  return new LightClientError({ code: 'ABORTED', message: 'estimateFees: aborted', cause })
}
