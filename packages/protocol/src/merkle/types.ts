/**
 * Inclusion proof of leaf `index` in a Merkle tree of `leafCount` leaves: the sibling hashes from
 * the leaf upward. Their number is exactly what `(index, leafCount)` implies — a level where the
 * path node is the lone (promoted) last node contributes none.
 */
export type MerkleProof = {
  index: number
  leafCount: number
  siblings: Uint8Array[]
}
