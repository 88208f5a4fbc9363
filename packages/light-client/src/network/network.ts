import type { Network } from '@supernova/protocol'
import type {
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
import type { PeerOutcome } from './errors.js'
import type { GetFeeEstimateParameters, GetFeeEstimateReturnType } from './getFeeEstimate.js'
import type {
  GetMempoolSummaryParameters,
  GetMempoolSummaryReturnType,
  GetMempoolTxParameters,
  GetMempoolTxReturnType,
} from './mempoolRequests.js'
import type { SendTransactionParameters, SendTransactionReturnType } from './sendTransaction.js'
import type {
  GetOutpointParameters,
  GetOutpointReturnType,
  GetUtxosParameters,
  GetUtxosReturnType,
} from './stateRequests.js'
import type { LightClientNetworkEvents, NetworkPeer } from './types.js'
import type { WaitForPeersParameters } from './waitForPeers.js'

export type PenalizeParameters = {
  peer: string
  /** Penalty points (> 0); the score falls by as much and a score of −100 bans the peer. */
  points: number
  /** Logged with the penalty. */
  reason: string
}

export type DisconnectParameters = {
  peer: string
  /** Refuse the peer this long. Without it, the peer is redialed after its back-off. */
  banMs?: number
}

/**
 * What `createLightClientNetwork` returns. Every request takes `{ peer?, signal?, timeoutMs? }`,
 * answers with the `peer` that answered, and throws `NetworkError` (with `code`, `peer`,
 * `peerAction` and `peerOutcome`). Answers are UNVERIFIED (see `createLightClientNetwork`).
 */
export type LightClientNetwork = {
  readonly network: Network
  /** Starts libp2p and begins dialing. Idempotent. */
  start(): Promise<void>
  /** Closes every connection and stops dialing. Scores and bans are kept for a later start. */
  stop(): Promise<void>
  isStarted(): boolean
  /** Connected peers with their transport, claimed status and score. */
  peers(): NetworkPeer[]
  /** Subscribes to `peer:connect`, `peer:disconnect` or `status`; returns the unsubscribe function. */
  on<K extends keyof LightClientNetworkEvents>(
    event: K,
    listener: (e: LightClientNetworkEvents[K]) => void,
  ): () => void
  /**
   * Resolves once `count` (default 1) connected peers have a status.
   * @throws {NetworkError} NO_PEER when `timeoutMs` (default 10 s) passes first, ABORTED.
   */
  waitForPeers(p?: Omit<WaitForPeersParameters, 'book' | 'on'>): Promise<NetworkPeer[]>
  getStatus(p?: GetStatusParameters): Promise<GetStatusReturnType>
  getHeaders(p: GetHeadersParameters): Promise<GetHeadersReturnType>
  getBlock(p: GetBlockParameters): Promise<GetBlockReturnType>
  getFilter(p: GetFilterParameters): Promise<GetFilterReturnType>
  /**
   * Filters of up to 1,000 consecutive main-chain blocks from a height, each with its block hash
   * (`filters`): one request where `getFilter` takes one per block. A node without the protocol
   * fails with DIAL_FAILED and `details.unsupported`.
   */
  getFilters(p: GetFiltersParameters): Promise<GetFiltersReturnType>
  getTxProof(p: GetTxProofParameters): Promise<GetTxProofReturnType>
  getUtxos(p: GetUtxosParameters): Promise<GetUtxosReturnType>
  getOutpoint(p: GetOutpointParameters): Promise<GetOutpointReturnType>
  /**
   * Hands a signed transaction to a full node's mempool (`send-tx`), or to several with
   * `broadcast`; a refusal is `NetworkError` REJECTED with the node's reason in `details`.
   */
  sendTransaction(p: SendTransactionParameters): Promise<SendTransactionReturnType>
  /**
   * One node's fee estimate for `targetBlocks` (`fee-estimate`): advice, not verifiable — ask
   * several peers and take the median (the wallet's `estimateFees`).
   */
  getFeeEstimate(p: GetFeeEstimateParameters): Promise<GetFeeEstimateReturnType>
  /** One node's report of its mempool (`mempool-summary`): a claim nothing can verify. */
  getMempoolSummary(p?: GetMempoolSummaryParameters): Promise<GetMempoolSummaryReturnType>
  /** A transaction from one node's mempool (`mempool-tx`), unverified; NOT_FOUND when absent. */
  getMempoolTx(p: GetMempoolTxParameters): Promise<GetMempoolTxReturnType>
  /**
   * Scores a peer down (a wrong proof, a conflicting answer); at −100 it is disconnected and
   * refused for `banMs`. Returns what happened to it.
   * @throws {RangeError} points not a positive number.
   */
  penalize(p: PenalizeParameters): PeerOutcome
  /** Closes the connections to a peer, optionally refusing it for `banMs`. */
  disconnect(p: DisconnectParameters): Promise<void>
}
