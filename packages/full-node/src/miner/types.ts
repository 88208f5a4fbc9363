import type { Lock, Transaction } from '@supernova/protocol'
import type { Logger } from 'pino'
import type { ChainEvents, ChainView } from '../chain/types.js'

/** What the miner needs from the chain: the tip, templates, block submission and tip changes. */
export type MinerChain = Pick<
  ChainView,
  'params' | 'tip' | 'createBlockTemplate' | 'processBlock'
> & {
  on(event: 'tip', listener: (e: ChainEvents['tip']) => void): () => void
}

/**
 * What the miner needs from the mempool: the best transactions for a block, and news of new ones.
 * The node's `Mempool` (src/mempool) has this shape.
 */
export type MinerMempool = {
  /** Entries in block order (parents before children), best fee rate first, within the caps. */
  select(limits: { maxBytes: number; maxSigChecks: number }): {
    entries: readonly { tx: Transaction }[]
  }
  /** Returns the unsubscribe function. The event's payload is not used. */
  on(event: 'added', listener: () => void): () => void
}

export type MinerOptions = {
  /** Mine from `start()` on. Default false (turn on later with `setMining`). */
  enabled?: boolean
  /** Worker threads. Default 1; at least 1, at most `os.availableParallelism()`. */
  threads?: number
  /** Where block rewards go. */
  rewardLock: Lock
  /**
   * Never start a block before `parent.timestamp + params.targetBlockTimeMs` (by `now`), so a
   * devnet with trivial difficulty makes about one block per target time instead of thousands.
   */
  paceToBlockTime?: boolean
  /** How often (ms) a template is rebuilt when the mempool has new transactions. Default 2000. */
  templateRefreshMs?: number
  /**
   * Nonces tried per template variant across all threads before the timestamp (or, at the
   * future-drift limit, the coinbase extra data) changes. Default 2^64; smaller in tests.
   */
  noncesPerTemplate?: bigint
}

export type MinerComponents = {
  chain: MinerChain
  mempool: MinerMempool
  logger: Logger
  /** Wall clock (ms since the epoch) for block timestamps and pacing. */
  now: () => number
}

export type MinerStats = {
  /** Hashes computed since the miner was created. */
  hashes: bigint
  /** Blocks found and accepted onto the main chain by `processBlock`. */
  blocksMined: number
  /** Blocks found that the chain did not connect (stale, side, invalid). */
  blocksRejected: number
  /** Templates (and template variants) handed to the workers. */
  templates: number
  /** Times a nonce range ran out before a solution. */
  rangesExhausted: number
  /** Worker threads currently running. */
  liveWorkers: number
}

/** A solo miner: builds templates from the chain and mempool and grinds them on worker threads. */
export type Miner = {
  start(): Promise<void>
  stop(): Promise<void>
  /**
   * Turn mining on or off, optionally with a new thread count. Resolves once the change took
   * effect: when off, every worker thread has exited.
   * @throws {MinerError} `INVALID_OPTION` for a bad thread count.
   */
  setMining(enabled: boolean, threads?: number): Promise<void>
  isMining(): boolean
  threads(): number
  /** Hashes per second over the last few seconds (0 when not mining). */
  hashrate(): number
  stats(): MinerStats
}
