import type { Network, OutPoint, Transaction } from '@supernova/protocol'
import type { CreateLightClientNetworkParameters } from '../network/createLightClientNetwork.js'
import type { SendTransactionOutcome } from '../network/sendTransaction.js'
import type { NetworkLogger, NetworkPeer } from '../network/types.js'
import type { LightClientStorage } from '../storage/types.js'
import type { HeaderSyncEvents, HeaderSyncState } from '../sync/headerSync.js'
import type { AddressHistoryEntry, ScanAddressHistoryReturnType } from '../verify/addressHistory.js'
import type { Evidence } from '../verify/evidence.js'
import type { FilterCacheOptions } from '../verify/filterCache.js'
import type { VerifiedBlock } from '../verify/getBlock.js'
import type { GetVerifiedOutpointReturnType } from '../verify/getOutpoint.js'
import type { GetVerifiedTransactionReturnType } from '../verify/getTransaction.js'
import type { BalanceOf, GetVerifiedUtxosReturnType } from '../verify/getUtxos.js'
import type { ChainHeader, Verified } from '../verify/types.js'
import type { FeeEstimate, FeeEstimateParameters } from './estimateFees.js'
import type { GetMempoolReturnType } from './getMempool.js'
import type { GetPendingTransactionReturnType } from './pendingTransaction.js'
import type { AddressLike, HashLike } from './resolve.js'

export type CreateLightClientParameters = {
  network: Network
  /** Full-node multiaddrs ending in `/p2p/<id>` (the site serves them). */
  bootstrap: readonly string[]
  /** A store the caller owns; default IndexedDB where it exists (`supernova-<network>`), else memory. */
  storage?: LightClientStorage
  /** IndexedDB factory (tests pass fake-indexeddb's); default `globalThis.indexedDB`. */
  indexedDB?: IDBFactory
  storageName?: string
  /** Tuning of the libp2p client (peers, transports, back-off, status interval). */
  p2p?: Omit<CreateLightClientNetworkParameters, 'network' | 'bootstrap' | 'now' | 'logger'>
  /** Clock (ms). Default Date.now. */
  now?: () => number
  logger?: NetworkLogger
  sync?: { pollIntervalMs?: number; maxReorgDepth?: number; requestTimeoutMs?: number }
  verify?: {
    /** Distinct peers asked per call before giving up. Default 3. */
    maxAttempts?: number
    /** Wait for a first peer. Default 10 s. */
    peerWaitMs?: number
    requestTimeoutMs?: number
    rateLimitDelayMs?: number
  }
  filterCache?: FilterCacheOptions
  /** Evidence records kept. Default 100. */
  evidenceCapacity?: number
}

export type SyncInfo = {
  state: HeaderSyncState
  /** The highest height a peer claims above ours (unverified), while there is one. */
  targetHeight?: number
}

export type ChainInfo = {
  network: Network
  genesisHash: Uint8Array
  /** The verified tip. */
  tip: { hash: Uint8Array; height: number; timestamp: number; cumulativeWork: bigint }
  /** Highest height no branch can replace: 0 (the pinned genesis) until finality lands. */
  finalizedHeight: number
  /** Connected peers with their (unverified) claimed status and score. */
  peers: NetworkPeer[]
  sync: SyncInfo
  storage: 'given' | 'indexeddb' | 'memory'
}

export type GetBlockParameters = ({ hash: HashLike } | { height: number }) & {
  signal?: AbortSignal
}
/**
 * Headers of the verified main chain: `count` (1..MAX_HEADER_RANGE) from `fromHeight`, or the
 * newest `count` up to the tip when `fromHeight` is left out.
 */
export type GetChainHeadersParameters = { fromHeight?: number; count: number; signal?: AbortSignal }
/** Verified headers, oldest first, each with its verification (fewer past the tip). */
export type GetChainHeadersReturnType = { headers: Verified<ChainHeader>[] }
export type GetTransactionParameters = { txid: HashLike; signal?: AbortSignal }
export type GetMempoolParameters = { signal?: AbortSignal }
export type GetPendingTransactionParameters = { txid: HashLike; signal?: AbortSignal }
export type GetBalanceParameters = { address: AddressLike; signal?: AbortSignal }
export type GetBalanceReturnType = Verified<BalanceOf & { complete: boolean }>
export type GetUtxosParameters = { address: AddressLike; limit?: number; signal?: AbortSignal }
export type GetOutpointParameters = { outpoint: OutPoint; signal?: AbortSignal }
export type GetAddressHistoryParameters = {
  address: AddressLike
  /** The address's birth height: nothing below it is scanned. Default 0. */
  fromHeight?: number
  toHeight?: number
  concurrency?: number
  signal?: AbortSignal
  onProgress?: (p: { height: number; toHeight: number }) => void
}

export type SendTransactionParameters = {
  /** The signed transaction. */
  tx: Transaction
  /** Nodes it is handed to at once (1..16). Default 3. */
  maxPeers?: number
  signal?: AbortSignal
}

export type SendTransactionReturnType = {
  txid: Uint8Array
  /** The node that accepted it (not proof of anything: follow it with getTransaction). */
  peer: string
  outcomes: SendTransactionOutcome[]
}

/**
 * `onHead` is handed the current verified tip first (asynchronously, once the client has started),
 * then every new one: a watcher cannot miss a head that arrived between its last read and its
 * subscription. After a reorganisation the new tip may be lower than the last one handed over.
 */
export type WatchHeadsParameters = { onHead: (head: HeaderSyncEvents['heads']) => void }

/** What `watchAddress` hands its callback on each new verified head. */
export type AddressUpdate = {
  tip: ChainHeader
  balance: GetBalanceReturnType
  /** Transactions found since the last update (after a reorganisation: from the fork point). */
  newEntries: AddressHistoryEntry[]
  /** The whole verified history from `fromHeight`. */
  history: AddressHistoryEntry[]
}

export type WatchAddressParameters = {
  address: AddressLike
  fromHeight?: number
  onUpdate: (u: AddressUpdate) => void
  onError?: (e: unknown) => void
}

export type LightClientEvents = HeaderSyncEvents & { evidence: Evidence }

/** The SDK: every answer verified against the header chain before it is returned. */
export type LightClient = {
  readonly network: Network
  /** Opens storage, restores the header chain, dials peers and starts header sync. */
  start(): Promise<void>
  /** Stops sync and the network; closes storage the client opened. Idempotent. */
  stop(): Promise<void>
  /** Resolves once a peer is connected and a sync round with every claim seen has run. */
  waitForSync(p?: { timeoutMs?: number; signal?: AbortSignal }): Promise<ChainInfo>
  getChainInfo(): Promise<ChainInfo>
  getBlock(p: GetBlockParameters): Promise<VerifiedBlock>
  /** Headers of the verified chain (local: no peer is asked). */
  getHeaders(p: GetChainHeadersParameters): Promise<GetChainHeadersReturnType>
  getTransaction(p: GetTransactionParameters): Promise<GetVerifiedTransactionReturnType>
  /**
   * One node's mempool summary — UNVERIFIED (`verification.status: 'unverified'`, naming the node):
   * nothing commits to a mempool, so only its consistency is checked. Show it as that node's claim.
   */
  getMempool(p?: GetMempoolParameters): Promise<GetMempoolReturnType>
  /**
   * Fee advice — UNVERIFIED (`verification.status: 'unverified'`, naming the nodes that answered):
   * fast, normal and slow choices from several nodes' `fee-estimate` answers (the median per
   * choice, clamped between the relay floor and a cap), as the wallet's `estimateFees` makes them.
   */
  estimateFees(p?: FeeEstimateParameters): Promise<FeeEstimate>
  /**
   * A transaction in a node's mempool, verified at the verified tip: txid, inputs proven unspent,
   * policies and signatures, fee. NOT_FOUND when no node has it; INVALID_AT_TIP when it cannot be
   * in the next block (an input spent: mined or conflicted).
   */
  getPendingTransaction(
    p: GetPendingTransactionParameters,
  ): Promise<GetPendingTransactionReturnType>
  getBalance(p: GetBalanceParameters): Promise<GetBalanceReturnType>
  getUtxos(p: GetUtxosParameters): Promise<GetVerifiedUtxosReturnType>
  getOutpoint(p: GetOutpointParameters): Promise<GetVerifiedOutpointReturnType>
  getAddressHistory(p: GetAddressHistoryParameters): Promise<ScanAddressHistoryReturnType>
  /** Hands a signed transaction to several nodes' mempools; confirmation is getTransaction's job. */
  sendTransaction(p: SendTransactionParameters): Promise<SendTransactionReturnType>
  watchHeads(p: WatchHeadsParameters): () => void
  watchAddress(p: WatchAddressParameters): () => void
  /** Refused answers kept (bounded), oldest first. */
  evidence(): Evidence[]
  on<K extends keyof LightClientEvents>(event: K, l: (e: LightClientEvents[K]) => void): () => void
}
