import {
  type Block,
  type BlockFilterItem,
  decodeBlockResponse,
  decodeFilterResponse,
  decodeFiltersResponse,
  decodeHeadersResponse,
  decodeStatus,
  decodeTxProofResponse,
  encodeFiltersRequest,
  encodeHashRequest,
  encodeHeadersRequest,
  type Header,
  type StatusMessage,
  type TxProofMessage,
} from '@supernova/protocol'
import { NetworkError } from './errors.js'
import { assertHash, notAnAnswer, type RequestContext, request } from './requests.js'
import type { FromPeer, RequestOptions } from './types.js'

// Everything below is what a node CLAIMS, decoded and shape-checked, never verified: the
// verification layer checks it against the verified header chain before anyone sees it.

export type GetStatusParameters = RequestOptions
export type GetStatusReturnType = FromPeer & { status: StatusMessage; latencyMs: number }

/**
 * A peer's claimed chain status (genesis, tip, cumulative work, finalized height). Also updates
 * the peer's entry in `peers()` and emits `status`.
 * @throws {NetworkError} WRONG_GENESIS (the peer is dropped and banned), and the codes of any request.
 */
export async function getStatus(
  ctx: RequestContext,
  p: GetStatusParameters = {},
): Promise<GetStatusReturnType> {
  const started = ctx.now()
  const { peer, ...status } = await request(ctx, 'status', new Uint8Array(0), p, decodeStatus)
  const latencyMs = ctx.now() - started
  if (ctx.onStatus(peer, status, latencyMs) === 'disconnected')
    throw new NetworkError({
      code: 'WRONG_GENESIS',
      message: 'status: the peer is on another chain',
      peer,
      protocol: 'status',
      peerOutcome: 'disconnected',
    })
  return { peer, status, latencyMs }
}

export type GetHeadersParameters = RequestOptions & { fromHeight: number; count: number }
export type GetHeadersReturnType = FromPeer & { headers: Header[] }

/**
 * Up to `count` (1..2000) consecutive headers of the peer's main chain from `fromHeight`; fewer
 * (possibly none) past its tip. Checked: no more than asked, heights `fromHeight + i`.
 * NOT checked: linkage, proof of work, anything against the verified chain.
 * @throws {RangeError} count outside 1..2000. {NetworkError} on any failure.
 */
export async function getHeaders(
  ctx: RequestContext,
  p: GetHeadersParameters,
): Promise<GetHeadersReturnType> {
  if (!Number.isInteger(p.fromHeight) || p.fromHeight < 0 || p.fromHeight > 0xffffffff)
    throw new RangeError(`fromHeight ${p.fromHeight} is not a u32`)
  const payload = encodeHeadersRequest({ fromHeight: p.fromHeight, count: p.count })
  return request(ctx, 'headers', payload, p, (body) => {
    const headers = decodeHeadersResponse(body)
    if (headers.length > p.count)
      throw notAnAnswer(`${headers.length} headers for ${p.count} asked`)
    for (const [i, h] of headers.entries())
      if (h.height !== p.fromHeight + i) throw notAnAnswer(`header ${i} has height ${h.height}`)
    return { headers }
  })
}

export type GetBlockParameters = RequestOptions & { hash: Uint8Array }
export type GetBlockReturnType = FromPeer & { block: Block; bytes: Uint8Array }

/**
 * The block the peer says has hash `hash`, decoded, with its bytes. NOT checked: that its header
 * hashes to `hash`, its roots, anything else.
 * @throws {NetworkError} NOT_FOUND when the peer does not have it; any other failure.
 */
export async function getBlock(
  ctx: RequestContext,
  p: GetBlockParameters,
): Promise<GetBlockReturnType> {
  assertHash(p.hash, 'hash')
  return request(ctx, 'block', encodeHashRequest(p.hash), p, (bytes) => ({
    block: decodeBlockResponse(bytes),
    bytes,
  }))
}

export type GetFilterParameters = RequestOptions & { blockHash: Uint8Array }
export type GetFilterReturnType = FromPeer & { filter: Uint8Array }

/**
 * The compact filter bytes of block `blockHash`, size-checked. NOT checked against the header's
 * `filterHash`.
 * @throws {NetworkError} NOT_FOUND, or any other failure.
 */
export async function getFilter(
  ctx: RequestContext,
  p: GetFilterParameters,
): Promise<GetFilterReturnType> {
  assertHash(p.blockHash, 'blockHash')
  return request(ctx, 'filter', encodeHashRequest(p.blockHash), p, (bytes) => ({
    filter: decodeFilterResponse(bytes),
  }))
}

export type GetFiltersParameters = RequestOptions & { fromHeight: number; count: number }
export type GetFiltersReturnType = FromPeer & {
  /** Item `i` is the block at `fromHeight + i` of the peer's main chain, with its filter. */
  filters: BlockFilterItem[]
}

/**
 * The compact filters of up to `count` (1..1000) consecutive blocks of the peer's main chain from
 * `fromHeight`, each with its block hash (`filters`, docs/network.md §2.1); fewer past its tip or
 * its 4 MiB answer budget — ask again from `fromHeight + filters.length`. Checked: no more than
 * asked. NOT checked: the hashes against the verified chain, the filters against `filterHash`.
 * @throws {RangeError} count outside 1..1000, fromHeight not a u32.
 * @throws {NetworkError} DIAL_FAILED with `details.unsupported` from a node without `filters`
 * (ask it `filter` by hash), RATE_LIMITED, or any other failure.
 */
export async function getFilters(
  ctx: RequestContext,
  p: GetFiltersParameters,
): Promise<GetFiltersReturnType> {
  if (!Number.isInteger(p.fromHeight) || p.fromHeight < 0 || p.fromHeight > 0xffffffff)
    throw new RangeError(`fromHeight ${p.fromHeight} is not a u32`)
  const payload = encodeFiltersRequest({ fromHeight: p.fromHeight, count: p.count })
  return request(ctx, 'filters', payload, p, (body) => {
    const filters = decodeFiltersResponse(body)
    if (filters.length > p.count)
      throw notAnAnswer(`${filters.length} filters for ${p.count} asked`)
    return { filters }
  })
}

/** Whether `err` says the node does not speak the protocol asked (an older node). */
export function isUnsupportedProtocol(err: unknown): boolean {
  return (
    err instanceof NetworkError && err.code === 'DIAL_FAILED' && err.details.unsupported === true
  )
}

export type GetTxProofParameters = RequestOptions & { txid: Uint8Array }
export type GetTxProofReturnType = FromPeer & TxProofMessage

/**
 * A confirmed transaction with its block header and Merkle proof. NOT checked: the txid, the
 * proof against `header.txRoot`, the header against the verified chain.
 * @throws {NetworkError} NOT_FOUND (no confirmed tx with that id), or any other failure.
 */
export async function getTxProof(
  ctx: RequestContext,
  p: GetTxProofParameters,
): Promise<GetTxProofReturnType> {
  assertHash(p.txid, 'txid')
  return request(ctx, 'tx-proof', encodeHashRequest(p.txid), p, decodeTxProofResponse)
}
