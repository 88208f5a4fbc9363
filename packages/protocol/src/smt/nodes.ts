import { ZERO_HASH } from '../bytes.js'
import { createNodeHasher } from '../hash/hash64.js'

/**
 * Nodes of the compacted sparse Merkle tree (Diem "Jellyfish"-style) over 256-bit keys.
 *
 * - An empty subtree hashes to 32 zero bytes.
 * - A subtree holding exactly one leaf *is* that leaf, placed at the shallowest depth where it is
 *   alone: `hash('smtLeaf', key ‖ valueHash)`.
 * - Any other subtree is a branch: `hash('smtNode', left ‖ right)`.
 *
 * Invariant: a branch holds at least two leaves, so it never has two empty children nor an empty
 * child beside a leaf. Nodes are immutable and shared between tree versions.
 */
export type SmtEmpty = { readonly kind: 'empty'; readonly hash: Uint8Array; readonly count: 0 }

export type SmtLeafNode = {
  readonly kind: 'leaf'
  readonly key: Uint8Array
  readonly valueHash: Uint8Array
  readonly hash: Uint8Array
  readonly count: 1
}

export type SmtBranch = {
  readonly kind: 'branch'
  readonly left: SmtNode
  readonly right: SmtNode
  readonly hash: Uint8Array
  /** Number of leaves below. */
  readonly count: number
}

export type SmtNode = SmtEmpty | SmtLeafNode | SmtBranch

/** Keys have 256 bits; no path is longer. */
export const SMT_KEY_BITS = 256

export const SMT_EMPTY: SmtEmpty = Object.freeze({
  kind: 'empty',
  hash: ZERO_HASH.slice(),
  count: 0,
})

/** Bit `depth` of `key`, MSB-first: bit 0 is the top bit of `key[0]`; 0 = left, 1 = right. */
export function keyBit(key: Uint8Array, depth: number): number {
  return (key[depth >> 3]! >> (7 - (depth & 7))) & 1
}

/** `hash('smtLeaf', key ‖ valueHash)` (one BLAKE3 compression, see merkle/hash64.ts). */
export const smtLeafHash = createNodeHasher('smtLeaf')

/** `hash('smtNode', left ‖ right)`. */
export const smtNodeHash = createNodeHasher('smtNode')

/** A leaf over private copies of `key` and `valueHash` — or over those very arrays, with `adopt`. */
export function createLeaf(key: Uint8Array, valueHash: Uint8Array, adopt = false): SmtLeafNode {
  const k = adopt ? key : key.slice()
  const v = adopt ? valueHash : valueHash.slice()
  return { kind: 'leaf', key: k, valueHash: v, hash: smtLeafHash(k, v), count: 1 }
}

/**
 * The node for children `left`/`right`, collapsing to keep the invariant: two empties are empty,
 * a leaf beside an empty moves up. Returns `previous` untouched when neither child changed.
 */
export function joinChildren(left: SmtNode, right: SmtNode, previous?: SmtBranch): SmtNode {
  if (previous !== undefined && previous.left === left && previous.right === right) return previous
  if (left.kind === 'empty' && right.kind !== 'branch') return right
  if (right.kind === 'empty' && left.kind === 'leaf') return left
  return {
    kind: 'branch',
    left,
    right,
    hash: smtNodeHash(left.hash, right.hash),
    count: left.count + right.count,
  }
}

/** Compare keys as 256-bit big-endian numbers (= left-to-right leaf order). */
export function compareKeys(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) {
    const d = a[i]! - b[i]!
    if (d !== 0) return d
  }
  return 0
}
