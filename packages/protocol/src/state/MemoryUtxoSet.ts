import type { SparseMerkleTree } from '../smt/SparseMerkleTree.js'
import type { OutPoint, UtxoEntry } from '../tx/types.js'
import type { UtxoDiffEntry } from '../validation/connectTransactions.js'
import { outpointKey, type UtxoLookup } from '../validation/verifyTransaction.js'

/**
 * An in-memory UTXO set with its sparse-Merkle commitment: the reference the node's LevelDB set
 * is checked against, and what tests and tools replay chains into.
 */
export class MemoryUtxoSet implements UtxoLookup {
  private readonly entries = new Map<string, UtxoDiffEntry>()

  constructor(public tree: SparseMerkleTree) {}

  get(outpoint: OutPoint): UtxoEntry | undefined {
    return this.entries.get(outpointKey(outpoint))?.entry
  }

  get size(): number {
    return this.entries.size
  }

  /** Σ of all unspent amounts. */
  total(): bigint {
    let t = 0n
    for (const e of this.entries.values()) t += e.entry.amount
    return t
  }

  *all(): Generator<UtxoDiffEntry> {
    yield* this.entries.values()
  }

  /** Applies a connected block's diff; `tree` must be the commitment after it. */
  apply(diff: {
    created: readonly UtxoDiffEntry[]
    spent: readonly UtxoDiffEntry[]
    utxoTree: SparseMerkleTree
  }): void {
    for (const s of diff.spent) this.entries.delete(outpointKey(s.outpoint))
    for (const c of diff.created) this.entries.set(outpointKey(c.outpoint), c)
    this.tree = diff.utxoTree
  }

  /** Reverts a diff applied with `apply` (the undo path of a reorg). */
  revert(
    diff: { created: readonly UtxoDiffEntry[]; spent: readonly UtxoDiffEntry[] },
    previousTree: SparseMerkleTree,
  ): void {
    for (const c of diff.created) this.entries.delete(outpointKey(c.outpoint))
    for (const s of diff.spent) this.entries.set(outpointKey(s.outpoint), s)
    this.tree = previousTree
  }
}
