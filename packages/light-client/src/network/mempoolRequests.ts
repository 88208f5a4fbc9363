import {
  decodeMempoolSummaryResponse,
  decodeMempoolTxResponse,
  encodeHashRequest,
  encodeMempoolSummaryRequest,
  type MempoolSummaryMessage,
  type MempoolTxMessage,
} from '@supernova/protocol'
import { assertHash, type RequestContext, request } from './requests.js'
import type { FromPeer, RequestOptions } from './types.js'

export type GetMempoolSummaryParameters = RequestOptions
/** One node's report of its mempool and the node that made it. */
export type GetMempoolSummaryReturnType = FromPeer & MempoolSummaryMessage

/**
 * A full node's report of its mempool (`mempool-summary`, docs/network.md §2.1): count, bytes,
 * the fee-rate histogram, the projected next block and the newest entries. Checked: it decodes
 * and is consistent with itself (else BAD_RESPONSE). NOT checkable: whether it is true — nothing
 * in the chain commits to a mempool, so show it as that node's claim.
 * @throws {NetworkError} the codes of any request (NO_PEER, TIMEOUT, RATE_LIMITED, BAD_RESPONSE…).
 * @example
 * const { txCount, histogram, peer } = await net.getMempoolSummary()
 */
export async function getMempoolSummary(
  ctx: RequestContext,
  p: GetMempoolSummaryParameters = {},
): Promise<GetMempoolSummaryReturnType> {
  const payload = encodeMempoolSummaryRequest()
  return request(ctx, 'mempool-summary', payload, p, decodeMempoolSummaryResponse)
}

export type GetMempoolTxParameters = RequestOptions & { txid: Uint8Array }
/** A transaction a node says is in its mempool, its encoding and when the node first saw it. */
export type GetMempoolTxReturnType = FromPeer & MempoolTxMessage

/**
 * The transaction with `txid` from a node's mempool (`mempool-tx`). NOT checked: that it has that
 * txid, that its inputs exist and its signatures verify — the verification layer's job
 * (`LightClient.getPendingTransaction`).
 * @throws {NetworkError} NOT_FOUND (not in that node's pool), or any other failure.
 */
export async function getMempoolTx(
  ctx: RequestContext,
  p: GetMempoolTxParameters,
): Promise<GetMempoolTxReturnType> {
  assertHash(p.txid, 'txid')
  return request(ctx, 'mempool-tx', encodeHashRequest(p.txid), p, decodeMempoolTxResponse)
}
