import { assembleBlock } from '../block/assembleBlock.js'
import type { Block } from '../block/block.js'
import { createGenesis } from '../block/genesis.js'
import type { Header } from '../block/header.js'
import { mineHeader } from '../block/mineHeader.js'
import type { SignatureSchemes } from '../crypto/types.js'
import type { ChainParams } from '../params/types.js'
import type { Lock } from '../policy/types.js'
import { medianTimePast } from '../pow/asert.js'
import { SparseMerkleTree } from '../smt/SparseMerkleTree.js'
import type { Transaction } from '../tx/types.js'
import { type BlockConnection, verifyBlock } from '../validation/verifyBlock.js'
import { MemoryUtxoSet } from './MemoryUtxoSet.js'

export type MemoryChainEntry = { header: Header; hash: Uint8Array; connection?: BlockConnection }

/**
 * A single-branch chain held in memory: genesis, then blocks connected with full validation.
 * The reference against which stores and nodes are replayed, and the engine of the protocol's own
 * tests. It does no fork choice (the node's chain does).
 */
export class MemoryChain {
  readonly entries: MemoryChainEntry[]
  readonly utxos: MemoryUtxoSet

  constructor(
    readonly params: ChainParams,
    private readonly schemes: SignatureSchemes,
  ) {
    const g = createGenesis(params)
    this.entries = [{ header: g.block.header, hash: g.hash }]
    this.utxos = new MemoryUtxoSet(SparseMerkleTree.EMPTY)
    this.utxos.apply({ created: g.created, spent: [], utxoTree: g.utxoTree })
  }

  get tip(): MemoryChainEntry {
    return this.entries[this.entries.length - 1]!
  }

  get height(): number {
    return this.tip.header.height
  }

  /** Timestamps of the tip and its ancestors up to the median-time-past span, oldest first. */
  recentTimestamps(): number[] {
    return this.entries.slice(-this.params.medianTimeSpan).map((e) => e.header.timestamp)
  }

  medianTimePast(): number {
    return medianTimePast(this.recentTimestamps(), this.params.medianTimeSpan)
  }

  /** Builds and mines (bounded attempts) a block on the tip; does not connect it. */
  buildBlock({
    transactions = [],
    rewardLock,
    timestamp,
    extraData,
  }: {
    transactions?: readonly Transaction[]
    rewardLock: Lock
    timestamp?: number
    extraData?: Uint8Array
  }): Block {
    const parent = this.tip
    const ts =
      timestamp ??
      Math.max(parent.header.timestamp + this.params.targetBlockTimeMs, this.medianTimePast() + 1)
    const { block } = assembleBlock({
      params: this.params,
      parent: { header: parent.header, hash: parent.hash },
      recentTimestamps: this.recentTimestamps(),
      timestamp: ts,
      transactions,
      rewardLock,
      utxos: this.utxos,
      utxoTree: this.utxos.tree,
      ...(extraData ? { extraData } : {}),
    })
    const mined = mineHeader({ header: block.header, maxAttempts: 1_000_000 })
    if (!mined)
      throw new RangeError(
        'buildBlock: no nonce found within 1,000,000 attempts (the target is too hard for an in-memory chain)',
      )
    return { header: mined.header, transactions: block.transactions }
  }

  /** Fully validates `block` on the tip and connects it. @throws {ValidationError} */
  async connect(block: Block, now: number): Promise<BlockConnection> {
    const parent = this.tip
    const connection = await verifyBlock({
      block,
      parent: { header: parent.header, hash: parent.hash },
      recentTimestamps: this.recentTimestamps(),
      params: this.params,
      now,
      utxos: this.utxos,
      utxoTree: this.utxos.tree,
      schemes: this.schemes,
    })
    this.utxos.apply(connection)
    this.entries.push({ header: block.header, hash: connection.hash, connection })
    return connection
  }
}
