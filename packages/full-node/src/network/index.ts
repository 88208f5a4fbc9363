/**
 * The full node's networking: `createNetwork` (libp2p host, request/response protocols, gossip,
 * sync, peer management), the client-side request helpers and the wire codecs. The wire format
 * is documented in docs/network.md.
 */
export {
  type HeaderWithHash,
  type RequestContext,
  type RequestOptions,
  type RequestTarget,
  requestBlock,
  requestFeeEstimate,
  requestFilter,
  requestHeaders,
  requestOutpoint,
  requestRaw,
  requestSendTx,
  requestStatus,
  requestTxProof,
  requestUtxos,
} from './client.js'
export {
  createNetwork,
  DEFAULT_NETWORK_TUNING,
  type NetworkComponents,
  type NetworkOptions,
  type NetworkTuning,
  type P2PNetwork,
} from './createNetwork.js'
export { NetworkError, type NetworkErrorCode } from './errors.js'
export type { NetworkMempool } from './gossip.js'
export { requestMempoolSummary, requestMempoolTx } from './mempoolRequests.js'
export type { MempoolViews, PoolTransaction } from './mempoolViews.js'
export * from './messages.js'
export type { PeerInfo } from './peers.js'
export * from './protocols.js'
export * from './stateMessages.js'
