import {
  applyChanges,
  prepareChanges,
  type SmtChange,
  SmtExpectationFailed,
} from './applyChanges.js'
import { compareKeys, keyBit, SMT_EMPTY, type SmtNode } from './nodes.js'
import type { SmtProof } from './types.js'

function assertKey(key: unknown): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array))
    throw new TypeError('SparseMerkleTree: key must be a Uint8Array')
  if (key.length !== 32)
    throw new RangeError(`SparseMerkleTree: key must be 32 bytes, got ${key.length}`)
}

/**
 * An immutable, persistent sparse Merkle tree mapping 32-byte keys to 32-byte value hashes (the
 * UTXO commitment: key = `hash('smtKey', outpoint)`, root = the header's `utxoRoot`).
 *
 * Every mutation returns a **new** tree sharing all untouched nodes with this one, which stays
 * valid and unchanged — a snapshot is just a reference. Block validation applies a block's
 * changes with `update`, compares the root, and simply drops the result if the block is invalid.
 * A mutation costs O(depth) hashes; depth ≈ log2(size).
 *
 * @example
 * const next = utxos.update([{ key: spentKey, valueHash: null }, { key: newKey, valueHash: h }])
 * if (!equalBytes(next.root, header.utxoRoot)) throw …   // `utxos` is untouched
 */
export class SparseMerkleTree {
  /** The tree with no keys; its root is 32 zero bytes. */
  static readonly EMPTY: SparseMerkleTree = new SparseMerkleTree(SMT_EMPTY)

  private constructor(private readonly node: SmtNode) {}

  /** The 32-byte root hash (a copy). */
  get root(): Uint8Array {
    return this.node.hash.slice()
  }

  /** The number of keys. */
  get size(): number {
    return this.node.count
  }

  /** The value hash stored under `key` (a copy), or undefined. @throws {RangeError} bad key. */
  get(key: Uint8Array): Uint8Array | undefined {
    assertKey(key)
    let node = this.node
    for (let depth = 0; node.kind === 'branch'; depth++)
      node = keyBit(key, depth) ? node.right : node.left
    return node.kind === 'leaf' && compareKeys(node.key, key) === 0
      ? node.valueHash.slice()
      : undefined
  }

  has(key: Uint8Array): boolean {
    return this.get(key) !== undefined
  }

  /** A tree with `key` set to `valueHash`. @throws {RangeError} when either is not 32 bytes. */
  set(key: Uint8Array, valueHash: Uint8Array): SparseMerkleTree {
    return this.update([{ key, valueHash }])
  }

  /** A tree without `key` (this tree itself when `key` is absent). */
  delete(key: Uint8Array): SparseMerkleTree {
    return this.update([{ key, valueHash: null }])
  }

  /**
   * Apply many changes at once (`valueHash: null` deletes; for a repeated key the last change
   * wins). Each touched node is rebuilt and hashed once — what a block connect uses.
   *
   * @throws {TypeError | RangeError} when a key or value hash is not a 32-byte Uint8Array.
   */
  update(changes: Iterable<SmtChange>): SparseMerkleTree {
    const prepared = prepareChanges(changes)
    const node = applyChanges(this.node, prepared, 0, prepared.length, 0)
    return node === this.node ? this : new SparseMerkleTree(node)
  }

  /**
   * `update`, refusing unless every change's `expect` holds — the value hash it names is the one
   * stored under the key, or `'absent'` means the key is not in the tree — and no key is changed
   * twice. Checked during the same descent as the update itself. Returns undefined when refused
   * (this tree unchanged, as always).
   * With `adopt`, the tree keeps the changes' key and value-hash arrays rather than copies (the
   * caller hands over fresh arrays it never writes to again).
   * @throws {TypeError | RangeError} when a key or hash is not a 32-byte Uint8Array.
   */
  updateChecked(
    changes: Iterable<SmtChange>,
    options: { adopt?: boolean } = {},
  ): SparseMerkleTree | undefined {
    try {
      const prepared = prepareChanges(changes, options.adopt === true)
      const node = applyChanges(this.node, prepared, 0, prepared.length, 0)
      return node === this.node ? this : new SparseMerkleTree(node)
    } catch (e) {
      if (e instanceof SmtExpectationFailed) return undefined
      throw e
    }
  }

  /** Proof of membership or non-membership of `key`. @throws {RangeError} bad key. */
  createProof(key: Uint8Array): SmtProof {
    assertKey(key)
    const hashes: Uint8Array[] = []
    let node = this.node
    for (let depth = 0; node.kind === 'branch'; depth++) {
      const bit = keyBit(key, depth)
      hashes.push((bit ? node.left : node.right).hash)
      node = bit ? node.right : node.left
    }
    // One backing buffer per proof: copies (the tree's hashes stay private) that sit together in
    // memory, which makes verifying a batch of proofs measurably faster than scattered arrays.
    const block = new Uint8Array(32 * hashes.length)
    const siblings = hashes.map((h, i) => {
      block.set(h, 32 * i)
      return block.subarray(32 * i, 32 * i + 32)
    })
    if (node.kind === 'empty') return { siblings, terminal: { type: 'empty' } }
    return {
      siblings,
      terminal: { type: 'leaf', key: node.key.slice(), valueHash: node.valueHash.slice() },
    }
  }

  /** All entries in ascending key order (copies). */
  *entries(): Generator<{ key: Uint8Array; valueHash: Uint8Array }> {
    const stack: SmtNode[] = [this.node]
    while (stack.length > 0) {
      const node = stack.pop()!
      if (node.kind === 'branch') stack.push(node.right, node.left)
      else if (node.kind === 'leaf')
        yield { key: node.key.slice(), valueHash: node.valueHash.slice() }
    }
  }
}

/** The empty tree (same as `SparseMerkleTree.EMPTY`). */
export function createSparseMerkleTree(): SparseMerkleTree {
  return SparseMerkleTree.EMPTY
}
