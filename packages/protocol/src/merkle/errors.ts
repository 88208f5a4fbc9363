import { BaseError } from '../errors.js'

/** Why a Merkle or sparse-Merkle proof was rejected. */
export type ProofErrorCode =
  | 'MERKLE_PROOF_MALFORMED'
  | 'MERKLE_ROOT_MISMATCH'
  | 'SMT_PROOF_MALFORMED'
  | 'SMT_PROOF_NON_CANONICAL'
  | 'SMT_TERMINAL_MISMATCH'
  | 'SMT_VALUE_MISMATCH'
  | 'SMT_KEY_PRESENT'
  | 'SMT_PREFIX_MISMATCH'
  | 'SMT_ROOT_MISMATCH'

/**
 * Thrown by `verifyMerkleProof`, `verifySmtMembership` and `verifySmtNonMembership` when a proof
 * does not establish its claim. A peer that served such a proof for a committed root is lying.
 */
export class ProofError extends BaseError<ProofErrorCode> {
  override name = 'ProofError'
}

/** Why a Merkle tree could not be built or a proof could not be created. */
export type MerkleErrorCode =
  | 'EMPTY_TREE'
  | 'INVALID_LEAF'
  | 'INDEX_OUT_OF_RANGE'
  | 'TOO_MANY_LEAVES'

/** Thrown when building a Merkle root or proof from bad input (a caller bug, not a peer's). */
export class MerkleError extends BaseError<MerkleErrorCode> {
  override name = 'MerkleError'
}
