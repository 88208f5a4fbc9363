/** Where a proof's path ends: the lone leaf of that subtree, or an empty subtree. */
export type SmtProofTerminal =
  | { type: 'leaf'; key: Uint8Array; valueHash: Uint8Array }
  | { type: 'empty' }

/**
 * A sparse-Merkle-tree proof for one key: the sibling hashes along the key's path from the root
 * downward (`siblings[i]` is the sibling at depth i + 1; 32 zero bytes for an empty subtree),
 * and what the path ends in. It proves membership (terminal is the key's leaf) or
 * non-membership (terminal is empty, or another key's leaf sharing the path prefix).
 */
export type SmtProof = {
  siblings: Uint8Array[]
  terminal: SmtProofTerminal
}
