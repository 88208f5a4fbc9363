import type { SparseMerkleTree } from './SparseMerkleTree.js'
import type { SmtProof } from './types.js'

export type CreateSmtProofParameters = { tree: SparseMerkleTree; key: Uint8Array }

/**
 * Proof that `key` is in `tree` (terminal = its leaf) or is not (terminal = empty or another
 * leaf on its path). Costs no hashing: node hashes are cached.
 *
 * @throws {TypeError | RangeError} when `key` is not a 32-byte Uint8Array.
 * @example
 * const proof = createSmtProof({ tree: utxos, key })
 * isValidSmtMembershipProof({ root: utxos.root, key, valueHash, proof }) // true when present
 */
export function createSmtProof({ tree, key }: CreateSmtProofParameters): SmtProof {
  return tree.createProof(key)
}
