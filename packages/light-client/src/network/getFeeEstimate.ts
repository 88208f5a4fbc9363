import {
  decodeFeeEstimateResponse,
  encodeFeeEstimateRequest,
  type FeeEstimateMessage,
  MAX_FEE_ESTIMATE_TARGET,
} from '@supernova/protocol'
import { type RequestContext, request } from './requests.js'
import type { FromPeer, RequestOptions } from './types.js'

export type GetFeeEstimateParameters = RequestOptions & {
  /** Blocks within which the transaction should confirm, 1..1008. */
  targetBlocks: number
}

/**
 * One node's fee advice (`FeeEstimateMessage`: `feeRate`, `minFeeRate` in base units per byte of
 * the full encoding, `tipHeight`, `samples`) and the target it answers.
 */
export type GetFeeEstimateReturnType = FromPeer & FeeEstimateMessage & { targetBlocks: number }

/**
 * A full node's fee estimate for confirming within `targetBlocks` (`fee-estimate`, docs/network.md
 * §2.1): its mempool's estimate, its relay floor and its tip height. Checked: the answer decodes
 * and its estimate is not below its own floor (else BAD_RESPONSE). NOT checkable: whether it is
 * honest — a fee estimate is advice, so ask several peers, take the median and clamp it (the
 * wallet's `estimateFees` does).
 * @throws {RangeError} a target outside 1..1008.
 * @throws {NetworkError} the codes of any request (NO_PEER, TIMEOUT, RATE_LIMITED, BAD_RESPONSE…).
 * @example
 * const { feeRate, minFeeRate, peer } = await net.getFeeEstimate({ targetBlocks: 6 })
 */
export async function getFeeEstimate(
  ctx: RequestContext,
  p: GetFeeEstimateParameters,
): Promise<GetFeeEstimateReturnType> {
  if (
    !Number.isInteger(p.targetBlocks) ||
    p.targetBlocks < 1 ||
    p.targetBlocks > MAX_FEE_ESTIMATE_TARGET
  )
    throw new RangeError(`targetBlocks ${p.targetBlocks} outside 1..${MAX_FEE_ESTIMATE_TARGET}`)
  const payload = encodeFeeEstimateRequest(p.targetBlocks)
  const answer = await request(ctx, 'fee-estimate', payload, p, decodeFeeEstimateResponse)
  return { ...answer, targetBlocks: p.targetBlocks }
}
