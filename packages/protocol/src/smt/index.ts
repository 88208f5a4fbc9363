export type { SmtChange } from './applyChanges.js'
export { type CreateSmtProofParameters, createSmtProof } from './createSmtProof.js'
export { SMT_KEY_BITS } from './nodes.js'
export { createSparseMerkleTree, SparseMerkleTree } from './SparseMerkleTree.js'
export { decodeSmtProof, encodeSmtProof, MAX_SMT_PROOF_BYTES } from './smtProofCodec.js'
export type { SmtProof, SmtProofTerminal } from './types.js'
export {
  isValidSmtMembershipProof,
  isValidSmtNonMembershipProof,
  type VerifySmtMembershipParameters,
  type VerifySmtNonMembershipParameters,
  verifySmtMembership,
  verifySmtNonMembership,
} from './verifySmtProof.js'
