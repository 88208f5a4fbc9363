import type { Libp2p, PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import {
  computeTransactionIds,
  type DecodedBlock,
  DecodeError,
  decodeBlockWithIds,
  equalBytes,
  equalLocks,
  type Header,
  hashHeader,
  isValidMerkleProof,
  type Lock,
  type Network,
  type OutPoint,
  type Transaction,
} from '@supernova/protocol'
import { asNetworkError, NetworkError } from './errors.js'
import {
  decodeFeeEstimateResponse,
  decodeHeadersResponse,
  decodeResponseFrame,
  decodeSendTxResponse,
  decodeStatus,
  decodeTxProofResponse,
  encodeFeeEstimateRequest,
  encodeHashRequest,
  encodeHeadersRequest,
  encodeSendTxRequest,
  type FeeEstimateMessage,
  type StatusMessage,
  type TxProofMessage,
} from './messages.js'
import { PROTOCOL_LIMITS, type ProtocolName, protocolId } from './protocols.js'
import {
  decodeOutpointResponse,
  decodeUtxosResponse,
  encodeOutpointRequest,
  encodeUtxosRequest,
  type OutpointMessage,
  type UtxosMessage,
} from './stateMessages.js'
import { finishStream, readFrame, writeFrame } from './stream.js'

/** What the request helpers need: a started libp2p node and the network whose protocols to use. */
export type RequestContext = { libp2p: Libp2p; network: Network }
/** Per-request options: an outer signal and a timeout below the protocol's own. */
export type RequestOptions = { signal?: AbortSignal; timeoutMs?: number }
export type RequestTarget = PeerId | Multiaddr

/**
 * One exchange: dial `name`, send one frame, half-close, read one response frame.
 * @returns the OK body, or undefined when the server answered NOT_FOUND.
 * @throws {NetworkError} with the server's code (BAD_REQUEST, RATE_LIMITED, …) or a local one
 * (DIAL_FAILED, TIMEOUT, TOO_LARGE, STREAM_CLOSED, BAD_RESPONSE).
 */
export async function requestRaw(
  ctx: RequestContext,
  peer: RequestTarget,
  name: ProtocolName,
  payload: Uint8Array,
  options: RequestOptions = {},
): Promise<Uint8Array | undefined> {
  const limits = PROTOCOL_LIMITS[name]
  const timeout = AbortSignal.timeout(Math.min(options.timeoutMs ?? Infinity, limits.timeoutMs))
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
  const details = { protocol: name, peer: peer.toString() }
  let stream: Awaited<ReturnType<Libp2p['dialProtocol']>>
  try {
    stream = await ctx.libp2p.dialProtocol(peer, protocolId(ctx.network, name), { signal })
  } catch (err) {
    throw asNetworkError(err, signal.aborted ? 'TIMEOUT' : 'DIAL_FAILED', details)
  }
  try {
    await writeFrame(stream, payload, signal)
    await stream.close({ signal })
    const bytes = await readFrame(
      stream,
      limits.maxResponseBytes,
      signal,
      `${name} response`,
    ).catch((err: unknown) => {
      // An oversize or malformed response frame is the server's fault.
      if (err instanceof NetworkError && (err.code === 'TOO_LARGE' || err.code === 'BAD_REQUEST'))
        throw new NetworkError({ code: 'BAD_RESPONSE', message: err.message, details, cause: err })
      throw err
    })
    const frame = decodeResponseFrame(bytes)
    if (frame.result === 'OK') return frame.body
    if (frame.result === 'NOT_FOUND') return undefined
    const reason = frame.result === 'REJECTED' ? { reason: frame.reason } : {}
    throw new NetworkError({
      code: frame.result,
      message: frame.message,
      details: { ...details, ...reason },
    })
  } catch (err) {
    if (err instanceof DecodeError)
      throw new NetworkError({ code: 'BAD_RESPONSE', message: err.message, details, cause: err })
    throw asNetworkError(err, signal.aborted ? 'TIMEOUT' : 'STREAM_CLOSED', details)
  } finally {
    await finishStream(stream, AbortSignal.timeout(1_000))
  }
}

function badResponse(name: ProtocolName, peer: RequestTarget, message: string): NetworkError {
  return new NetworkError({
    code: 'BAD_RESPONSE',
    message,
    details: { protocol: name, peer: peer.toString() },
  })
}

/** Decodes `body` with `decode`, turning a DecodeError into BAD_RESPONSE. */
function decodeBody<T>(
  name: ProtocolName,
  peer: RequestTarget,
  body: Uint8Array,
  decode: (b: Uint8Array) => T,
): T {
  try {
    return decode(body)
  } catch (err) {
    throw badResponse(name, peer, err instanceof Error ? err.message : String(err))
  }
}

async function requestFound(
  ctx: RequestContext,
  peer: RequestTarget,
  name: ProtocolName,
  payload: Uint8Array,
  options?: RequestOptions,
): Promise<Uint8Array> {
  const body = await requestRaw(ctx, peer, name, payload, options)
  if (body === undefined) throw badResponse(name, peer, `${name}: NOT_FOUND is not an answer here`)
  return body
}

/** The peer's chain status (genesis, tip, work, finalized height). */
export async function requestStatus(
  ctx: RequestContext,
  peer: RequestTarget,
  options?: RequestOptions,
): Promise<StatusMessage> {
  const body = await requestFound(ctx, peer, 'status', new Uint8Array(0), options)
  return decodeBody('status', peer, body, decodeStatus)
}

export type HeaderWithHash = { header: Header; hash: Uint8Array }

/**
 * Up to `count` (≤ 2000) main-chain headers from `fromHeight`, checked to be consecutive and
 * linked (each prevHash is the previous hash); fewer (or none) past the peer's tip.
 */
export async function requestHeaders(
  ctx: RequestContext,
  peer: RequestTarget,
  fromHeight: number,
  count: number,
  options?: RequestOptions,
): Promise<HeaderWithHash[]> {
  const payload = encodeHeadersRequest({ fromHeight, count })
  const body = await requestFound(ctx, peer, 'headers', payload, options)
  const headers = decodeBody('headers', peer, body, decodeHeadersResponse)
  if (headers.length > count) throw badResponse('headers', peer, 'more headers than asked for')
  const out: HeaderWithHash[] = []
  for (const [i, header] of headers.entries()) {
    if (header.height !== fromHeight + i)
      throw badResponse('headers', peer, `header ${i} has height ${header.height}`)
    const prev = out[i - 1]
    if (prev !== undefined && !equalBytes(header.prevHash, prev.hash))
      throw badResponse('headers', peer, `header at ${header.height} does not link to its parent`)
    out.push({ header, hash: hashHeader(header) })
  }
  return out
}

/** The block with hash `hash` (checked), or undefined if the peer does not have it. */
export async function requestBlock(
  ctx: RequestContext,
  peer: RequestTarget,
  hash: Uint8Array,
  options?: RequestOptions,
): Promise<DecodedBlock | undefined> {
  const bytes = await requestRaw(ctx, peer, 'block', encodeHashRequest(hash), options)
  if (bytes === undefined) return undefined
  const decoded = decodeBody('block', peer, bytes, decodeBlockWithIds)
  if (!equalBytes(hashHeader(decoded.block.header), hash))
    throw badResponse('block', peer, 'the block does not have the requested hash')
  return decoded
}

/** The compact filter of block `blockHash` (unverified: check it against header.filterHash). */
export async function requestFilter(
  ctx: RequestContext,
  peer: RequestTarget,
  blockHash: Uint8Array,
  options?: RequestOptions,
): Promise<Uint8Array | undefined> {
  return requestRaw(ctx, peer, 'filter', encodeHashRequest(blockHash), options)
}

/**
 * A confirmed transaction with its header and Merkle proof; the txid and the proof against the
 * header's txRoot are checked (the header itself is the caller's to check against its chain).
 */
export async function requestTxProof(
  ctx: RequestContext,
  peer: RequestTarget,
  txid: Uint8Array,
  options?: RequestOptions,
): Promise<TxProofMessage | undefined> {
  const body = await requestRaw(ctx, peer, 'tx-proof', encodeHashRequest(txid), options)
  if (body === undefined) return undefined
  const m = decodeBody('tx-proof', peer, body, decodeTxProofResponse)
  const ids = computeTransactionIds(m.tx)
  if (!equalBytes(ids.txid, txid)) throw badResponse('tx-proof', peer, 'wrong transaction')
  if (!isValidMerkleProof({ leaf: ids.wtxid, proof: m.proof, root: m.header.txRoot }))
    throw badResponse('tx-proof', peer, 'the Merkle proof does not match the header')
  return m
}

/**
 * UTXOs of `lock` (at most `limit` ≤ 1000) with SMT proofs against the utxoRoot of the block
 * `tipHash` (the caller verifies them against that header).
 */
export async function requestUtxos(
  ctx: RequestContext,
  peer: RequestTarget,
  lock: Lock,
  limit: number,
  options?: RequestOptions,
): Promise<UtxosMessage> {
  const body = await requestFound(ctx, peer, 'utxos', encodeUtxosRequest({ lock, limit }), options)
  const m = decodeBody('utxos', peer, body, decodeUtxosResponse)
  if (m.utxos.length > limit) throw badResponse('utxos', peer, 'more UTXOs than asked for')
  for (const u of m.utxos) {
    if (!equalLocks(u.entry.lock, lock)) throw badResponse('utxos', peer, 'a UTXO of another lock')
  }
  return m
}

/** One outpoint's entry (or its absence) with an SMT proof against the utxoRoot at `tipHash`. */
export async function requestOutpoint(
  ctx: RequestContext,
  peer: RequestTarget,
  outpoint: OutPoint,
  options?: RequestOptions,
): Promise<OutpointMessage> {
  const body = await requestFound(ctx, peer, 'outpoint', encodeOutpointRequest(outpoint), options)
  return decodeBody('outpoint', peer, body, decodeOutpointResponse)
}

/**
 * Submits `tx` to the peer's mempool (`send-tx`); resolves to its txid once accepted, checked to
 * be the txid of `tx`.
 * @throws {NetworkError} REJECTED (`details.reason`: the mempool's or consensus rule's code),
 * or any request failure.
 */
export async function requestSendTx(
  ctx: RequestContext,
  peer: RequestTarget,
  tx: Transaction,
  options?: RequestOptions,
): Promise<Uint8Array> {
  const body = await requestFound(ctx, peer, 'send-tx', encodeSendTxRequest(tx), options)
  const txid = decodeBody('send-tx', peer, body, decodeSendTxResponse)
  if (!equalBytes(txid, computeTransactionIds(tx).txid))
    throw badResponse('send-tx', peer, 'the answered txid is not the transaction’s')
  return txid
}

/**
 * The peer's fee advice for confirming within `targetBlocks` (1..1008): its mempool estimate,
 * relay floor, tip height and sample count. Unverifiable: ask several peers.
 * @throws {RangeError} a target outside 1..1008. @throws {NetworkError} any request failure.
 */
export async function requestFeeEstimate(
  ctx: RequestContext,
  peer: RequestTarget,
  targetBlocks: number,
  options?: RequestOptions,
): Promise<FeeEstimateMessage> {
  const payload = encodeFeeEstimateRequest(targetBlocks)
  const body = await requestFound(ctx, peer, 'fee-estimate', payload, options)
  return decodeBody('fee-estimate', peer, body, decodeFeeEstimateResponse)
}
