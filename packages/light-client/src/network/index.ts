/**
 * The light client's network layer: libp2p connections to full nodes (WebSockets, WebRTC-direct)
 * and one typed request per protocol of docs/network.md. Answers are UNVERIFIED.
 */
export { type BackoffDelayParameters, backoffDelay } from './backoff.js'
export type {
  GetBlockParameters,
  GetBlockReturnType,
  GetFilterParameters,
  GetFilterReturnType,
  GetFiltersParameters,
  GetFiltersReturnType,
  GetHeadersParameters,
  GetHeadersReturnType,
  GetStatusParameters,
  GetStatusReturnType,
  GetTxProofParameters,
  GetTxProofReturnType,
} from './chainRequests.js'
export {
  type CreateLightClientNetworkParameters,
  createLightClientNetwork,
} from './createLightClientNetwork.js'
export { NetworkError, type NetworkErrorCode, type PeerOutcome } from './errors.js'
export type { GetFeeEstimateParameters, GetFeeEstimateReturnType } from './getFeeEstimate.js'
export type {
  GetMempoolSummaryParameters,
  GetMempoolSummaryReturnType,
  GetMempoolTxParameters,
  GetMempoolTxReturnType,
} from './mempoolRequests.js'
export type { DisconnectParameters, LightClientNetwork, PenalizeParameters } from './network.js'
export { BAN_SCORE } from './peerBook.js'
export { BAD_RESPONSE_POINTS, TIMEOUT_POINTS } from './requests.js'
export {
  DEFAULT_BROADCAST_PEERS,
  MAX_BROADCAST_PEERS,
  type SendTransactionOutcome,
  type SendTransactionParameters,
  type SendTransactionReturnType,
} from './sendTransaction.js'
export type {
  GetOutpointParameters,
  GetOutpointReturnType,
  GetUtxosParameters,
  GetUtxosReturnType,
} from './stateRequests.js'
export type {
  DisconnectReason,
  FromPeer,
  LightClientNetworkEvents,
  NetworkLogger,
  NetworkPeer,
  ReconnectOptions,
  RequestOptions,
  TransportName,
} from './types.js'
