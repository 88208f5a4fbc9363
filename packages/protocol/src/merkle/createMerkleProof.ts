import { MerkleError } from './errors.js'
import { assertLeaves, merkleNode } from './shape.js'
import type { MerkleProof } from './types.js'

export type CreateMerkleProofParameters = {
  /** All leaves of the tree (a block's wtxids, in block order). */
  leaves: readonly Uint8Array[]
  /** Position of the leaf to prove. */
  index: number
}

export type CreateMerkleProofReturnType = MerkleProof

export type CreateMerkleProofErrorType = MerkleError

/**
 * Build the inclusion proof of `leaves[index]`. Costs the same n − 1 hashes as the root.
 *
 * @throws {MerkleError} `EMPTY_TREE`, `INVALID_LEAF`, `TOO_MANY_LEAVES`, `INDEX_OUT_OF_RANGE`.
 * @example
 * const proof = createMerkleProof({ leaves: wtxids, index: 3 })
 * isValidMerkleProof({ leaf: wtxids[3], proof, root: header.txRoot }) // true
 */
export function createMerkleProof({
  leaves,
  index,
}: CreateMerkleProofParameters): CreateMerkleProofReturnType {
  assertLeaves(leaves)
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
    throw new MerkleError({
      code: 'INDEX_OUT_OF_RANGE',
      message: `index ${index} is outside 0..${leaves.length - 1}`,
      details: { index, leafCount: leaves.length },
    })
  }
  const siblings: Uint8Array[] = []
  let level: readonly Uint8Array[] = leaves
  let pos = index
  while (level.length > 1) {
    const width = level.length
    if (pos % 2 === 1) siblings.push(level[pos - 1]!.slice())
    else if (pos + 1 < width) siblings.push(level[pos + 1]!.slice())
    const half = width >> 1
    const next = new Array<Uint8Array>(half + (width & 1))
    for (let i = 0; i < half; i++) next[i] = merkleNode(level[2 * i]!, level[2 * i + 1]!)
    if (width & 1) next[half] = level[width - 1]!
    level = next
    pos >>= 1
  }
  return { index, leafCount: leaves.length, siblings }
}
