import {
  decodeOutpointResponse,
  decodeUtxosResponse,
  encodeOutpointRequest,
  encodeUtxosRequest,
  equalBytes,
  type Lock,
  type OutPoint,
  type OutpointMessage,
  type UtxosMessage,
} from '@supernova/protocol'
import { assertHash, notAnAnswer, type RequestContext, request } from './requests.js'
import type { FromPeer, RequestOptions } from './types.js'

export type GetUtxosParameters = RequestOptions & { lock: Lock; limit: number }
export type GetUtxosReturnType = FromPeer & UtxosMessage

/**
 * Up to `limit` (1..1000) unspent outputs of `lock` at the peer's tip `tipHash`, each with an SMT
 * proof. Checked: no more than asked, every entry has `lock`. NOT checked: the proofs against
 * the utxoRoot of `tipHash`, that `tipHash` is on the verified chain, completeness.
 * @throws {RangeError} limit outside 1..1000. {NetworkError} on any failure.
 */
export async function getUtxos(
  ctx: RequestContext,
  p: GetUtxosParameters,
): Promise<GetUtxosReturnType> {
  const payload = encodeUtxosRequest({ lock: p.lock, limit: p.limit })
  return request(ctx, 'utxos', payload, p, (body) => {
    const m = decodeUtxosResponse(body)
    if (m.utxos.length > p.limit) throw notAnAnswer(`${m.utxos.length} UTXOs for ${p.limit} asked`)
    for (const u of m.utxos) {
      const { type, policyHash } = u.entry.lock
      if (type !== p.lock.type || !equalBytes(policyHash, p.lock.policyHash))
        throw notAnAnswer('a UTXO of another lock')
    }
    return m
  })
}

export type GetOutpointParameters = RequestOptions & { outpoint: OutPoint }
export type GetOutpointReturnType = FromPeer & OutpointMessage

/**
 * One outpoint's entry (undefined when the peer says it is not unspent) with a membership or
 * non-membership SMT proof at `tipHash`. NOT checked: the proof, `tipHash`.
 * @throws {NetworkError} on any failure.
 */
export async function getOutpoint(
  ctx: RequestContext,
  p: GetOutpointParameters,
): Promise<GetOutpointReturnType> {
  assertHash(p.outpoint.txid, 'outpoint.txid')
  if (!Number.isInteger(p.outpoint.vout) || p.outpoint.vout < 0 || p.outpoint.vout > 0xffffffff)
    throw new RangeError(`vout ${p.outpoint.vout} is not a u32`)
  return request(ctx, 'outpoint', encodeOutpointRequest(p.outpoint), p, decodeOutpointResponse)
}
