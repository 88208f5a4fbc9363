import { BaseError, type PeerAction, type ProtocolName } from '@supernova/protocol'

/**
 * Why a request to a full node failed. The first seven are the node's own answers (docs/network.md
 * §2 result codes); the rest are found on this side.
 */
export type NetworkErrorCode =
  /** The node does not have what was asked for (an unknown block, txid, filter). */
  | 'NOT_FOUND'
  /** The node could not decode the request or found it out of range. */
  | 'BAD_REQUEST'
  /** The node found the request frame over its cap. */
  | 'TOO_LARGE'
  /** No answer in time (`details.source`: `local` — our timeout — or `peer` — the node's). */
  | 'TIMEOUT'
  /** The node says we are over our request rate: slow down. */
  | 'RATE_LIMITED'
  /** The node failed for a reason of its own. */
  | 'INTERNAL'
  /**
   * The node refused a transaction (`send-tx`) on its merits: `details.reason` is its machine-
   * readable code (`DOUBLE_SPEND`, `TX_BAD_SIGNATURE`, …) and `details.message` its explanation.
   */
  | 'REJECTED'
  /** The answer was oversize, malformed or not an answer to the question: the peer is penalized. */
  | 'BAD_RESPONSE'
  /** The node is on another chain (its status names another genesis): it is dropped and banned. */
  | 'WRONG_GENESIS'
  /** The stream or connection ended before a whole answer arrived. */
  | 'STREAM_CLOSED'
  /** The peer could not be reached or does not speak the protocol. */
  | 'DIAL_FAILED'
  /** No connected peer to ask (or the peer named is not connected). */
  | 'NO_PEER'
  /** The caller's signal aborted the request. */
  | 'ABORTED'
  /** The network is not started (or was stopped). */
  | 'NOT_STARTED'

/** What this layer did to the peer because of the failure. */
export type PeerOutcome = 'none' | 'penalized' | 'disconnected'

/** Lodestar-style classification: only a provable fault of the peer is `penalize`. */
const PEER_ACTIONS: Readonly<Record<NetworkErrorCode, PeerAction>> = {
  NOT_FOUND: 'ignore',
  BAD_REQUEST: 'ignore',
  TOO_LARGE: 'ignore',
  TIMEOUT: 'ignore',
  RATE_LIMITED: 'ignore',
  INTERNAL: 'ignore',
  // A node refusing a transaction is not lying: it may lack an input or already hold it.
  REJECTED: 'ignore',
  BAD_RESPONSE: 'penalize',
  WRONG_GENESIS: 'reject',
  STREAM_CLOSED: 'ignore',
  DIAL_FAILED: 'ignore',
  NO_PEER: 'ignore',
  ABORTED: 'ignore',
  NOT_STARTED: 'ignore',
}

export type NetworkErrorParameters = {
  code: NetworkErrorCode
  message: string
  /** Peer id of the node asked, when there was one. */
  peer?: string
  protocol?: ProtocolName
  peerOutcome?: PeerOutcome
  details?: Record<string, unknown>
  cause?: unknown
}

/**
 * A failed request to a full node. `peer` names the node asked, `peerAction` says whether the
 * failure is the peer's provable fault, and `peerOutcome` what the network layer already did to
 * it (a score penalty, or a disconnect once its score fell to the ban threshold). A caller may
 * retry another peer: without `peer`, the next request goes to the best one left.
 */
export class NetworkError extends BaseError<NetworkErrorCode> {
  override name = 'NetworkError'
  readonly peer: string | undefined
  readonly protocol: ProtocolName | undefined
  readonly peerOutcome: PeerOutcome
  readonly #parameters: NetworkErrorParameters

  constructor(p: NetworkErrorParameters) {
    super({
      code: p.code,
      message: p.message,
      details: { ...p.details, peer: p.peer, protocol: p.protocol },
      cause: p.cause,
    })
    this.peer = p.peer
    this.protocol = p.protocol
    this.peerOutcome = p.peerOutcome ?? 'none'
    this.#parameters = p
  }

  get peerAction(): PeerAction {
    return PEER_ACTIONS[this.code]
  }

  /** The same error with what happened to the peer recorded. */
  withOutcome(peerOutcome: PeerOutcome): NetworkError {
    if (peerOutcome === this.peerOutcome) return this
    return new NetworkError({ ...this.#parameters, peerOutcome })
  }
}

/** `err` if it is a NetworkError, else `err` wrapped as `code` (its message kept, `cause` set). */
export function toNetworkError(
  err: unknown,
  code: NetworkErrorCode,
  context: { peer?: string; protocol?: ProtocolName },
): NetworkError {
  if (err instanceof NetworkError) return err
  const message = err instanceof Error ? err.message : String(err)
  return new NetworkError({ code, message, cause: err, ...context })
}
