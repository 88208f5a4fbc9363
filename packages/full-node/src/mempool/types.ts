import type {
  ChainParams,
  Lock,
  OutPoint,
  SignatureSchemes,
  Transaction,
  UtxoEntry,
} from '@supernova/protocol'
import type { Logger } from 'pino'
import type { ChainEvents } from '../chain/types.js'
import type { KeyValueStore } from '../storage/store.js'

/**
 * The chain events the mempool follows (the shapes of `ChainEvents`): `connect` and `disconnect`
 * per block, and `tip` once an operation (a block, or a whole reorg) is complete.
 */
export type MempoolChainEvents = Pick<ChainEvents, 'connect' | 'disconnect' | 'tip'>

/**
 * What the mempool needs from the chain: the tip to validate against, UTXO lookups and block
 * events. `ChainView` satisfies it; tests adapt the protocol's `MemoryChain`.
 */
export type MempoolChain = {
  readonly params: ChainParams
  readonly genesisHash: Uint8Array
  tip(): { height: number; hash: Uint8Array; medianTimePast: number }
  getUtxo(outpoint: OutPoint): Promise<UtxoEntry | undefined>
  on<K extends keyof MempoolChainEvents>(
    event: K,
    listener: (e: MempoolChainEvents[K]) => void,
  ): () => void
}

/** Runs `task` every `ms` until the returned function is called. Injected so tests drive time. */
export type Scheduler = { every(ms: number, task: () => void): () => void }

export type MempoolOptions = {
  /** Most transactions held. Default 10,000 (`params.mempool.maxTransactions`). */
  maxTransactions?: number
  /** Most encoded bytes held. Default `params.mempool.maxBytes`. */
  maxBytes?: number
  /** Relay floor and RBF increment, units per byte. Default `params.mempool.minFeeRate`. */
  minFeeRate?: bigint
  /** Age after which a transaction is dropped. Default 14 days (1 hour on devnet). */
  expiryMs?: number
  /** Most in-pool ancestors of a transaction, itself included. Default 25. */
  maxAncestors?: number
  /** Most in-pool descendants of a transaction, itself included. Default 25. */
  maxDescendants?: number
  /** Most transactions one replacement may evict (with their descendants). Default 100. */
  maxReplacements?: number
  /** How often expiry runs. Default 60 s. */
  expiryCheckIntervalMs?: number
  /** How often pending persistence writes are flushed. Default 1 s. */
  persistIntervalMs?: number
  /** Pending writes that force a flush before the next add returns. Default 500. */
  persistBatchSize?: number
  /** Half-life of the rolling minimum fee raised by evictions. Default 12 hours. */
  rollingFeeHalfLifeMs?: number
  /** `add` calls waiting behind the one running; beyond it `add` fails with BUSY. Default 5,000. */
  maxPendingAdds?: number
  /** Blocks of confirmed fee rates kept for `estimateFee`. Default 100. */
  estimatorBlocks?: number
}

export type MempoolComponents = {
  chain: MempoolChain
  /** Signature verification backend. */
  schemes: SignatureSchemes
  /** Persistence under the `x` prefix. */
  store: KeyValueStore
  logger: Logger
  /** Wall clock in ms (injected). */
  now: () => number
  /** Default: `setInterval`, unref'd. */
  scheduler?: Scheduler
}

/** Σ over a set of pool transactions (a package). */
export type PackageStats = {
  readonly count: number
  readonly size: number
  readonly fees: bigint
  readonly sigChecks: number
}

/** A transaction in the pool with what validation learned about it. */
export type MempoolEntry = {
  readonly tx: Transaction
  readonly txid: Uint8Array
  /** Lower-case hex of `txid`: the key of every map. */
  readonly id: string
  readonly wtxid: Uint8Array
  /** Encoded size in bytes, witnesses included. */
  readonly size: number
  readonly fee: bigint
  /** fee / size, units per byte. */
  readonly feeRate: number
  /** Signature checks its inputs require (what a block's sig-check budget counts). */
  readonly sigChecks: number
  /** The outputs it spends, input order (pool parents' outputs at height tip + 1). */
  readonly spent: readonly UtxoEntry[]
  /** When it entered the pool (ms, the injected clock). */
  readonly time: number
  /** Chain tip height when it entered. */
  readonly height: number
  /** The transaction with its in-pool ancestors. */
  readonly ancestors: PackageStats
  /** The transaction with its in-pool descendants. */
  readonly descendants: PackageStats
}

export type RemovalReason =
  | 'confirmed'
  | 'conflict'
  | 'evicted'
  | 'expired'
  | 'replaced'
  | 'reorg-invalid'

export type MempoolEvents = {
  added: { entry: MempoolEntry }
  removed: { entry: MempoolEntry; reason: RemovalReason }
}

export type AddResult = {
  txid: Uint8Array
  fee: bigint
  /** Units per byte. */
  feeRate: number
  size: number
  /** Txids this transaction replaced (RBF), with their descendants. */
  replaced: Uint8Array[]
}

export type SelectParameters = {
  /** Byte budget for the transactions (the caller leaves room for header and coinbase). */
  maxBytes: number
  maxSigChecks: number
}

export type SelectReturnType = {
  /** Parents before children, best ancestor-package fee rate first. */
  entries: MempoolEntry[]
  fees: bigint
  bytes: number
  sigChecks: number
}

export type HistogramBucket = {
  /** Lower bound of the bucket's mining score, units per byte (inclusive). */
  from: number
  /** Upper bound (exclusive); null for the top bucket. */
  to: number | null
  count: number
  bytes: number
}

export type BalanceDelta = {
  /** Σ pool outputs paying the lock. */
  received: bigint
  /** Σ outputs of the lock that pool transactions spend. */
  spent: bigint
  net: bigint
}

export type EstimateFeeResult = {
  /** Units per byte, rounded up; never below the pool's current minimum. */
  feeRate: bigint
  targetBlocks: number
  /** Observations the estimate rests on; 0 = no data, the minimum fee rate was returned. */
  samples: number
}

/** The transaction pool. See createMempool. */
export type Mempool = {
  start(): Promise<void>
  stop(): Promise<void>
  add(tx: Transaction): Promise<AddResult>
  get(txid: Uint8Array): MempoolEntry | undefined
  has(txid: Uint8Array): boolean
  /** Best mining score first. */
  list(limit?: number): MempoolEntry[]
  select(p: SelectParameters): SelectReturnType
  histogram(): HistogramBucket[]
  balanceDelta(lock: Lock): BalanceDelta
  estimateFee(targetBlocks: number): EstimateFeeResult
  /** The fee rate a transaction needs now (the floor or the rolling minimum after evictions). */
  minFeeRate(): number
  /** Drops transactions older than `expiryMs` now (the timer calls this). Resolves to the count. */
  expire(): Promise<number>
  /** Writes pending persistence now. */
  flush(): Promise<void>
  /**
   * Resolves once every operation queued so far (adds, chain events, expiry) has been applied:
   * a miner awaits it after a block so its next template no longer holds the block's transactions.
   */
  settled(): Promise<void>
  readonly size: number
  readonly bytes: number
  on<K extends keyof MempoolEvents>(event: K, listener: (e: MempoolEvents[K]) => void): () => void
}
