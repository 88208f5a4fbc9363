import { BaseError, type PeerAction } from '@supernova/protocol'

/**
 * Why a request/response exchange or a peer interaction failed. The first group are also the
 * wire result codes a server answers with (see `RESULT_CODES` in messages.ts).
 */
export type NetworkErrorCode =
  /** The request could not be decoded or asked for something out of range. */
  | 'BAD_REQUEST'
  /** The request frame was longer than the protocol's cap. */
  | 'TOO_LARGE'
  /** A read, write or the whole exchange took longer than its timeout. */
  | 'TIMEOUT'
  /** The peer sent more requests than its rate allows. */
  | 'RATE_LIMITED'
  /** The server failed for a reason of its own. */
  | 'INTERNAL'
  /** The server does not have what was asked for. */
  | 'NOT_FOUND'
  /** A well-formed request refused on its merits (`send-tx`); `details.reason` says why. */
  | 'REJECTED'
  /** The response was malformed, oversize or did not match the request (the peer lied). */
  | 'BAD_RESPONSE'
  /** The stream closed before a complete frame arrived. */
  | 'STREAM_CLOSED'
  /** The peer could not be dialed or the protocol not negotiated. */
  | 'DIAL_FAILED'
  /** The network component is not started. */
  | 'NOT_STARTED'

/** What a failure says about the remote peer (Lodestar style): penalize only provable faults. */
const PEER_ACTIONS: Readonly<Record<NetworkErrorCode, PeerAction>> = {
  BAD_REQUEST: 'penalize',
  TOO_LARGE: 'penalize',
  TIMEOUT: 'ignore',
  RATE_LIMITED: 'ignore',
  INTERNAL: 'ignore',
  NOT_FOUND: 'ignore',
  REJECTED: 'ignore',
  BAD_RESPONSE: 'penalize',
  STREAM_CLOSED: 'ignore',
  DIAL_FAILED: 'ignore',
  NOT_STARTED: 'ignore',
}

/**
 * A failed network exchange. `details` names the protocol and peer; `peerAction` says what the
 * node does to the remote peer because of it.
 */
export class NetworkError extends BaseError<NetworkErrorCode> {
  override name = 'NetworkError'

  get peerAction(): PeerAction {
    return PEER_ACTIONS[this.code]
  }
}

/** A `NetworkError`, or the error wrapped as `fallback` with `cause` kept. */
export function asNetworkError(
  err: unknown,
  fallback: NetworkErrorCode,
  details: Record<string, unknown>,
): NetworkError {
  if (err instanceof NetworkError) return err
  const message = err instanceof Error ? err.message : String(err)
  return new NetworkError({ code: fallback, message, details, cause: err })
}
