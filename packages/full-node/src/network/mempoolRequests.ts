import {
  computeTxid,
  DecodeError,
  decodeMempoolSummaryResponse,
  decodeMempoolTxResponse,
  encodeHashRequest,
  encodeMempoolSummaryRequest,
  equalBytes,
  type MempoolSummaryMessage,
  type MempoolTxMessage,
} from '@supernova/protocol'
import {
  type RequestContext,
  type RequestOptions,
  type RequestTarget,
  requestRaw,
} from './client.js'
import { NetworkError } from './errors.js'

/**
 * The peer's report of its mempool (`mempool-summary`), decoded and checked for consistency —
 * a claim, nothing in the chain proves it.
 * @throws {NetworkError} BAD_RESPONSE (an answer that contradicts itself), or any request failure.
 */
export async function requestMempoolSummary(
  ctx: RequestContext,
  peer: RequestTarget,
  options?: RequestOptions,
): Promise<MempoolSummaryMessage> {
  const payload = encodeMempoolSummaryRequest()
  const body = await requestRaw(ctx, peer, 'mempool-summary', payload, options)
  if (body === undefined) throw badResponse(peer, 'mempool-summary', 'NOT_FOUND for a summary')
  return decoded(peer, 'mempool-summary', () => decodeMempoolSummaryResponse(body))
}

/**
 * A transaction in the peer's mempool (`mempool-tx`), checked to have the txid asked for; undefined
 * when the peer does not hold it.
 * @throws {NetworkError} BAD_RESPONSE (another transaction), or any request failure.
 */
export async function requestMempoolTx(
  ctx: RequestContext,
  peer: RequestTarget,
  txid: Uint8Array,
  options?: RequestOptions,
): Promise<MempoolTxMessage | undefined> {
  const body = await requestRaw(ctx, peer, 'mempool-tx', encodeHashRequest(txid), options)
  if (body === undefined) return undefined
  const m = decoded(peer, 'mempool-tx', () => decodeMempoolTxResponse(body))
  if (!equalBytes(computeTxid(m.tx), txid))
    throw badResponse(peer, 'mempool-tx', 'a transaction with another txid')
  return m
}

function decoded<T>(peer: RequestTarget, protocol: string, decode: () => T): T {
  try {
    return decode()
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err
    throw new NetworkError({
      code: 'BAD_RESPONSE',
      message: err.message,
      details: { protocol, peer: peer.toString() },
      cause: err,
    })
  }
}

function badResponse(peer: RequestTarget, protocol: string, message: string): NetworkError {
  return new NetworkError({
    code: 'BAD_RESPONSE',
    message,
    details: { protocol, peer: peer.toString() },
  })
}
