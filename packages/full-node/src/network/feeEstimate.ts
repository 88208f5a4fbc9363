import type { ChainView } from '../chain/types.js'
import type { NetworkMempool } from './gossip.js'
import {
  decodeFeeEstimateRequest,
  encodeFeeEstimateResponse,
  type FeeEstimateMessage,
  type ResponseFrame,
} from './messages.js'

export type FeeEstimateComponents = {
  mempool: Pick<NetworkMempool, 'estimateFee' | 'minFeeRate'>
  chain: Pick<ChainView, 'tip'>
}

/**
 * The node's answer to `fee-estimate` for `targetBlocks` (docs/network.md §2.1): the mempool's
 * estimate — the number the API's `estimateFee` returns — with the relay floor rounded up to
 * whole units and the estimate raised to it, so the answer is always consistent.
 */
export function feeEstimateFor(c: FeeEstimateComponents, targetBlocks: number): FeeEstimateMessage {
  const estimate = c.mempool.estimateFee(targetBlocks)
  // The rolling minimum is a float; shave its noise as the estimator does before rounding up.
  const minFeeRate = BigInt(Math.max(0, Math.ceil(c.mempool.minFeeRate() - 1e-9)))
  return {
    feeRate: estimate.feeRate > minFeeRate ? estimate.feeRate : minFeeRate,
    minFeeRate,
    tipHeight: c.chain.tip().height,
    samples: Math.min(estimate.samples, 0xffffffff),
  }
}

/**
 * The `fee-estimate` handler: a u16 target in 1..1008 in, the estimate out. The server's rate
 * limit applies as to every request.
 * @throws {DecodeError} a request that is not a target in 1..1008 (BAD_REQUEST, penalized).
 */
export function createFeeEstimateHandler(
  c: FeeEstimateComponents,
): (request: Uint8Array) => Promise<ResponseFrame> {
  return async (request) => {
    const targetBlocks = decodeFeeEstimateRequest(request)
    return { result: 'OK', body: encodeFeeEstimateResponse(feeEstimateFor(c, targetBlocks)) }
  }
}
