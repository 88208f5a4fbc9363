import { createNodeHasher } from '../hash/hash64.js'
import { MerkleError } from './errors.js'

/**
 * Tree shape shared by the root, proofs and the codec.
 *
 * The tree is RFC 6962 (§2.1) shaped: n leaves split at the largest power of two k < n, the left
 * subtree holding k leaves. Built bottom-up this is the same as pairing neighbours level by level
 * and *promoting* a lone last node unchanged to the next level: the left part always has an even
 * width until it is a single node, so pairs never straddle the split. Nothing is ever duplicated,
 * so two different leaf lists never share a root (unlike Bitcoin's CVE-2012-2459).
 */

/** Cap on leaves (and on a proof's `leafCount`): far above what a 2 MB block can hold. */
export const MAX_MERKLE_LEAVES = 2 ** 24

/** Cap on a proof's siblings; ⌈log2(MAX_MERKLE_LEAVES)⌉ = 24 are ever needed. */
export const MAX_MERKLE_SIBLINGS = 32

/** Internal node hash: `hash('merkle', left ‖ right)` (one BLAKE3 compression, see hash64.ts). */
export const merkleNode = createNodeHasher('merkle')

/**
 * The number of siblings a proof for leaf `index` of `leafCount` needs, walking bottom-up: at
 * each level an odd position has its sibling on the left, an even one on the right unless it is
 * the last (promoted) node of the level.
 */
export function merklePathLength(index: number, leafCount: number): number {
  let pos = index
  let width = leafCount
  let n = 0
  while (width > 1) {
    if (pos % 2 === 1 || pos + 1 < width) n++
    pos = Math.floor(pos / 2)
    width = Math.ceil(width / 2)
  }
  return n
}

/** @throws {MerkleError} `EMPTY_TREE`, `TOO_MANY_LEAVES` or `INVALID_LEAF` (not 32 bytes). */
export function assertLeaves(leaves: readonly Uint8Array[]): void {
  if (leaves.length === 0) {
    throw new MerkleError({ code: 'EMPTY_TREE', message: 'a Merkle tree needs at least one leaf' })
  }
  if (leaves.length > MAX_MERKLE_LEAVES) {
    throw new MerkleError({
      code: 'TOO_MANY_LEAVES',
      message: `${leaves.length} leaves exceeds the cap ${MAX_MERKLE_LEAVES}`,
      details: { count: leaves.length, max: MAX_MERKLE_LEAVES },
    })
  }
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i]
    if (!(leaf instanceof Uint8Array) || leaf.length !== 32) {
      throw new MerkleError({
        code: 'INVALID_LEAF',
        message: `leaf ${i} is not 32 bytes`,
        details: { index: i },
      })
    }
  }
}
