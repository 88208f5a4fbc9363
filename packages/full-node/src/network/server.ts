import type { Connection, Libp2p, Stream } from '@libp2p/interface'
import { DecodeError, type Network } from '@supernova/protocol'
import type { Logger } from 'pino'
import type { ChainView } from '../chain/types.js'
import { NetworkError } from './errors.js'
import { createFeeEstimateHandler } from './feeEstimate.js'
import { createFiltersHandler } from './filters.js'
import { createMempoolSummaryHandler, createMempoolTxHandler } from './mempoolViews.js'
import {
  decodeHashRequest,
  decodeHeadersRequest,
  encodeHeadersResponse,
  encodeResponseFrame,
  encodeStatus,
  encodeTxProofResponse,
  type ResponseFrame,
} from './messages.js'
import type { PeerManager } from './peers.js'
import {
  MAX_UTXOS_RESPONSE_BYTES,
  PROTOCOL_LIMITS,
  PROTOCOL_NAMES,
  type ProtocolName,
  protocolId,
} from './protocols.js'
import { createSendTxHandler, type SendTxComponents } from './sendTx.js'
import {
  decodeOutpointRequest,
  decodeUtxosRequest,
  encodeOutpointResponse,
  encodeUtxosResponse,
  type ProvenUtxo,
  provenUtxoLength,
} from './stateMessages.js'
import { finishStream, raceAbort, readFrame, writeFrame } from './stream.js'

/** Penalty points for a request we could not parse or that broke a cap. */
const BAD_REQUEST_POINTS = 10
/** Penalty points for a request over the peer's rate. */
const RATE_LIMITED_POINTS = 2
/** Concurrent inbound streams per protocol per connection. */
const MAX_INBOUND_STREAMS = 8

export type ServerOptions = {
  network: Network
  /** Bound on reading the (small) request frame. */
  requestReadTimeoutMs: number
}

/**
 * What the server answers from: the chain, and the mempool (with gossip) for `send-tx`, its
 * estimate for `fee-estimate` and its views for `mempool-summary` and `mempool-tx`.
 */
export type ServerComponents = SendTxComponents & {
  chain: ChainView
  /** Wall clock (ms): the `mempool-summary` time and cache. */
  now: () => number
}

type Handler = (request: Uint8Array, peer: string) => Promise<ResponseFrame>

const ok = (body: Uint8Array): ResponseFrame => ({ result: 'OK', body })
const notFound = (message: string): ResponseFrame => ({ result: 'NOT_FOUND', message })

/**
 * Answers for each protocol, straight from the chain (send-tx, fee-estimate: the mempool). Decoders throw
 * DecodeError on bad input.
 */
function createHandlers(c: ServerComponents): Record<ProtocolName, Handler> {
  const { chain } = c
  return {
    status: async (req) => {
      if (req.length !== 0)
        throw new DecodeError({ code: 'TRAILING_BYTES', message: 'status takes no body' })
      const tip = chain.tip()
      const status = {
        genesisHash: chain.genesisHash,
        tipHash: tip.hash,
        tipHeight: tip.height,
        cumulativeWork: tip.cumulativeWork,
        // No finality yet (SPEC §2 finality arrives with staking).
        finalizedHeight: 0,
      }
      return ok(encodeStatus(status))
    },
    headers: async (req) => {
      const { fromHeight, count } = decodeHeadersRequest(req)
      return ok(encodeHeadersResponse(await chain.getHeaders(fromHeight, count)))
    },
    block: async (req) => {
      const bytes = await chain.getBlockBytes(decodeHashRequest(req))
      return bytes === undefined ? notFound('no such block') : ok(bytes)
    },
    filter: async (req) => {
      const filter = await chain.getBlockFilter(decodeHashRequest(req))
      return filter === undefined ? notFound('no filter for that block') : ok(filter)
    },
    filters: createFiltersHandler(c),
    'tx-proof': async (req) => {
      const found = await chain.getTransactionProof(decodeHashRequest(req))
      return found === undefined
        ? notFound('no confirmed transaction with that txid')
        : ok(encodeTxProofResponse(found))
    },
    utxos: async (req) => {
      const { lock, limit } = decodeUtxosRequest(req)
      // One more than asked tells whether there are more.
      const { tipHash, utxos } = await chain.getUtxoProofs(lock, limit + 1)
      const kept: ProvenUtxo[] = []
      let size = 32 + 1 + 4
      for (const u of utxos.slice(0, limit)) {
        const item = { outpoint: u.outpoint, entry: u.entry, proof: u.proof }
        size += provenUtxoLength(item)
        if (size > MAX_UTXOS_RESPONSE_BYTES) break
        kept.push(item)
      }
      return ok(encodeUtxosResponse({ tipHash, more: kept.length < utxos.length, utxos: kept }))
    },
    outpoint: async (req) => {
      const { tipHash, entry, proof } = await chain.getOutpointProof(decodeOutpointRequest(req))
      return ok(encodeOutpointResponse({ tipHash, entry, proof }))
    },
    'send-tx': createSendTxHandler(c),
    'fee-estimate': createFeeEstimateHandler(c),
    'mempool-summary': createMempoolSummaryHandler(c),
    'mempool-tx': createMempoolTxHandler(c),
  }
}

/**
 * Serves the request/response protocols: per stream, one request frame read under its cap and
 * `requestReadTimeoutMs`, one response frame written, the whole exchange bounded by the
 * protocol's timeout. Malformed or oversize requests get a typed error frame and cost the peer
 * score; over-rate peers get RATE_LIMITED. Nothing a peer sends can throw out of a handler.
 */
export class RequestServer {
  private readonly handlers: Record<ProtocolName, Handler>
  private readonly peers: PeerManager
  private readonly logger: Logger

  constructor(
    private readonly options: ServerOptions,
    components: ServerComponents,
  ) {
    this.handlers = createHandlers(components)
    this.peers = components.peers
    this.logger = components.logger
  }

  async register(libp2p: Libp2p): Promise<void> {
    for (const name of PROTOCOL_NAMES) {
      await libp2p.handle(
        protocolId(this.options.network, name),
        (stream, connection) => this.serve(name, stream, connection),
        { maxInboundStreams: MAX_INBOUND_STREAMS },
      )
    }
  }

  private async serve(name: ProtocolName, stream: Stream, connection: Connection): Promise<void> {
    const limits = PROTOCOL_LIMITS[name]
    const signal = AbortSignal.timeout(limits.timeoutMs)
    const peer = connection.remotePeer
    let response: ResponseFrame | undefined
    try {
      response = await this.answer(name, stream, peer.toString(), signal)
      let bytes = encodeResponseFrame(response)
      if (bytes.length > limits.maxResponseBytes) {
        this.logger.error({ protocol: name, size: bytes.length }, 'response over its cap')
        bytes = encodeResponseFrame({ result: 'INTERNAL', message: 'response over its cap' })
      }
      await writeFrame(stream, bytes, signal)
    } catch (err) {
      this.logger.debug(
        { protocol: name, peer: peer.toString(), err: String(err) },
        'request stream failed',
      )
    } finally {
      await finishStream(stream, AbortSignal.timeout(1_000))
    }
    if (response !== undefined && response.result !== 'OK' && response.result !== 'NOT_FOUND') {
      this.logger.debug(
        { protocol: name, peer: peer.toString(), result: response.result },
        'request refused',
      )
    }
  }

  private async answer(
    name: ProtocolName,
    stream: Stream,
    peer: string,
    signal: AbortSignal,
  ): Promise<ResponseFrame> {
    const readSignal = AbortSignal.any([
      signal,
      AbortSignal.timeout(this.options.requestReadTimeoutMs),
    ])
    let request: Uint8Array
    try {
      request = await readFrame(
        stream,
        PROTOCOL_LIMITS[name].maxRequestBytes,
        readSignal,
        `${name} request`,
      )
    } catch (err) {
      return this.errorFrame(name, peer, err)
    }
    // Read first, refuse after: the answer then never races the client's protocol negotiation.
    if (!this.peers.scores.allowRequest(peer)) {
      this.peers.penalize(peer, RATE_LIMITED_POINTS, `${name}: over the request rate`)
      return { result: 'RATE_LIMITED', message: 'too many requests; slow down' }
    }
    try {
      return await raceAbort(this.handlers[name](request, peer), signal)
    } catch (err) {
      return this.errorFrame(name, peer, err)
    }
  }

  private errorFrame(name: ProtocolName, peer: string, err: unknown): ResponseFrame {
    if (
      err instanceof DecodeError ||
      (err instanceof NetworkError && (err.code === 'BAD_REQUEST' || err.code === 'TOO_LARGE'))
    ) {
      this.peers.penalize(peer, BAD_REQUEST_POINTS, `${name}: ${err.message}`)
      const result =
        err instanceof NetworkError && err.code === 'TOO_LARGE' ? 'TOO_LARGE' : 'BAD_REQUEST'
      return { result, message: err.message }
    }
    if (err instanceof NetworkError && err.code === 'TIMEOUT') {
      return { result: 'TIMEOUT', message: `${name}: no complete request or answer in time` }
    }
    if (err instanceof NetworkError && err.code === 'STREAM_CLOSED') throw err
    this.logger.error({ protocol: name, err }, 'request handler failed')
    return { result: 'INTERNAL', message: 'internal error' }
  }
}
