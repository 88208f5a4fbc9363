import type { Lock, Transaction, UtxoEntry } from '@supernova/protocol'
import type { Logger } from 'pino'
import type { ChainView } from '../chain/types.js'
import type { Metrics } from '../metrics/createMetrics.js'

/**
 * The narrow ports the API server uses — nothing else of the node is reachable from a request.
 * `createFullNode` wires the real components to them; tests wire small real implementations.
 */

type MaybePromise<T> = T | Promise<T>

/**
 * What the API reads from the chain: a subset of `ChainView`, so the real `Chain` fits as is.
 * `utxoCount` (the Chain's getter), when present, fills `getChainInfo.utxoCount` (null otherwise).
 */
export type ApiChain = Pick<
  ChainView,
  | 'params'
  | 'genesisHash'
  | 'tip'
  | 'getHeaderByHash'
  | 'getHeaderByHeight'
  | 'getBlock'
  | 'getBlockBytes'
  | 'getTransaction'
  | 'getTransactionProof'
  | 'getUtxo'
  | 'getUtxosByLock'
  | 'getUtxoProofs'
  | 'getAddressHistory'
  | 'getSpender'
  | 'on'
> & { readonly utxoCount?: number }

/** A transaction held by the mempool (a subset of the mempool's `MempoolEntry`). */
export type ApiMempoolEntry = {
  readonly tx: Transaction
  readonly txid: Uint8Array
  readonly fee: bigint
  /** Encoded size in bytes, witnesses included. */
  readonly size: number
  /** The outputs it spends, input order. */
  readonly spent: readonly UtxoEntry[]
}

export type ApiMempoolEvents = {
  added: { entry: ApiMempoolEntry }
}

/**
 * The mempool as the API sees it: a structural subset of `Mempool` (src/mempool), so the real one
 * fits as is. `add` throws an error carrying a string `code` (`MempoolError`: `DOUBLE_SPEND`,
 * `FEE_TOO_LOW`, `INVALID` with `details.validationCode`…) — what `sendTransaction` reports.
 */
export type ApiMempool = {
  add(tx: Transaction): Promise<{ txid: Uint8Array }>
  get(txid: Uint8Array): ApiMempoolEntry | undefined
  /** Up to `limit` entries, best mining score first. */
  list(limit?: number): readonly ApiMempoolEntry[]
  /** Number of transactions. */
  readonly size: number
  /** Σ encoded sizes. */
  readonly bytes: number
  /** Count and bytes per fee-rate bucket (`from` = the bucket's lower bound, units/byte). */
  histogram(): readonly { from: number; count: number; bytes: number }[]
  /** Units per byte likely to confirm within `targetBlocks`. */
  estimateFee(targetBlocks: number): { feeRate: bigint }
  /** Net effect of the pool on a lock's balance (received − spent); may be negative. */
  balanceDelta(lock: Lock): { net: bigint }
  on<K extends keyof ApiMempoolEvents>(
    event: K,
    listener: (e: ApiMempoolEvents[K]) => void,
  ): () => void
}

export type ApiPeer = {
  peerId: string
  addresses: readonly string[]
  direction: 'inbound' | 'outbound'
  latencyMs?: number
  height?: number
}

/** The libp2p host as the API sees it. Every call must bound its own network waits. */
export type ApiNetwork = {
  getPeers(): MaybePromise<readonly ApiPeer[]>
  /** Dial `multiaddr` (already parsed and valid) and keep it; true once connected. */
  addPeer(multiaddr: string): Promise<boolean>
  /** Disconnect and refuse `peerId` (a valid peer id string) for `durationMs`. */
  banPeer(peerId: string, durationMs: number): MaybePromise<void>
  /** True while the node is catching up with its peers (`/health` reports `syncing`). */
  isSyncing?: () => boolean
  /** This node's peer id and the multiaddrs it listens on (empty with peer-to-peer off). */
  self?: () => { peerId: string; multiaddrs: readonly string[] } | undefined
}

export type ApiMiner = {
  isMining(): boolean
  threads(): number
  setMining(enabled: boolean, threads?: number): MaybePromise<void>
}

/** Devnet only: pays from the prefunded accounts. */
export type ApiFaucet = {
  /** The most one call may ask for, in units. */
  readonly maxAmount: bigint
  /** Builds, signs and submits a payment to `lock`; resolves with its txid. */
  send(lock: Lock, amount: bigint): Promise<Uint8Array>
}

export type ApiNode = {
  /** Stop the whole node (the API answers first, then this is called). */
  stop(): Promise<void>
}

/** Everything `createApiServer` is given. */
export type ApiComponents = {
  chain: ApiChain
  mempool: ApiMempool
  network: ApiNetwork
  miner: ApiMiner
  node: ApiNode
  /** Present only on devnet; `faucet` answers -32005 without it. */
  faucet?: ApiFaucet
  metrics: Metrics
  logger: Logger
}
