import { assertLeaves, merkleNode } from './shape.js'

/**
 * The Merkle root (`txRoot`) of 32-byte leaves (wtxids). RFC 6962 shape, no duplication of odd
 * nodes; a single leaf is its own root. Iterative and in place: one array of `⌈n/2⌉` references
 * plus the n − 1 node hashes themselves.
 *
 * @throws {MerkleError} `EMPTY_TREE` for no leaves, `INVALID_LEAF`, `TOO_MANY_LEAVES` (> 2^24).
 * @example
 * const txRoot = computeMerkleRoot(block.txs.map(wtxid))
 */
export function computeMerkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  assertLeaves(leaves)
  let width = leaves.length
  if (width === 1) return leaves[0]!.slice()
  const work: Uint8Array[] = new Array<Uint8Array>((width + 1) >> 1)
  let src: readonly Uint8Array[] = leaves
  while (width > 1) {
    const half = width >> 1
    // Writing work[i] after reading src[2i], src[2i + 1] is safe in place: later reads are ≥ 2i + 2.
    for (let i = 0; i < half; i++) work[i] = merkleNode(src[2 * i]!, src[2 * i + 1]!)
    if (width & 1) work[half] = src[width - 1]!
    width = half + (width & 1)
    src = work
  }
  return work[0]!
}
