export { computeMerkleRoot } from './computeMerkleRoot.js'
export {
  type CreateMerkleProofErrorType,
  type CreateMerkleProofParameters,
  type CreateMerkleProofReturnType,
  createMerkleProof,
} from './createMerkleProof.js'
export { MerkleError, type MerkleErrorCode, ProofError, type ProofErrorCode } from './errors.js'
export { decodeMerkleProof, encodeMerkleProof, MAX_MERKLE_PROOF_BYTES } from './merkleProofCodec.js'
export { MAX_MERKLE_LEAVES, MAX_MERKLE_SIBLINGS } from './shape.js'
export type { MerkleProof } from './types.js'
export {
  isValidMerkleProof,
  type VerifyMerkleProofParameters,
  verifyMerkleProof,
} from './verifyMerkleProof.js'
