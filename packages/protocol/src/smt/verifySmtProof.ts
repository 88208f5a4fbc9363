import { equalBytes } from '../bytes.js'
import { ProofError, type ProofErrorCode } from '../merkle/errors.js'
import { keyBit, SMT_KEY_BITS, smtLeafHash, smtNodeHash } from './nodes.js'
import type { SmtProof } from './types.js'

/*
 * Soundness. Leaves and branches hash under different BLAKE3 keys (domains 'smtLeaf', 'smtNode')
 * and no one can find a preimage of the all-zero empty hash. The verifier folds the terminal up
 * the key's path into a root; if that equals an honest root, then — walking down from the top —
 * by collision resistance each hash on the path is the honest node at that position, every
 * level above the terminal is an honest *branch* (a leaf or empty node would need a cross-domain
 * collision or a zero preimage), and the terminal is the honest node at path position
 * `key[0 .. siblings.length)`. An honest tree keeps every key's leaf on that key's own path, so:
 * - terminal = leaf(key, v) ⇒ the tree maps key → v;
 * - terminal = empty ⇒ no key with that prefix exists, key included;
 * - terminal = leaf(k′ ≠ key) sharing the prefix ⇒ that subtree holds k′ alone, so not key.
 * The canonicality checks (no zero deepest sibling, prefix sharing, ≤ 256 siblings) are not
 * needed for soundness; they make each (root, key) have exactly one accepted proof.
 */

type Failure = { code: ProofErrorCode; message: string }

export type VerifySmtMembershipParameters = {
  root: Uint8Array
  key: Uint8Array
  valueHash: Uint8Array
  proof: SmtProof
}

export type VerifySmtNonMembershipParameters = {
  root: Uint8Array
  key: Uint8Array
  proof: SmtProof
}

function isHash(x: unknown): x is Uint8Array {
  return x instanceof Uint8Array && x.length === 32
}

function isZero(h: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (h[i] !== 0) return false
  return true
}

/** True when `a` and `b` agree on their first `bits` bits (MSB-first). */
function sharesPrefix(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  const full = bits >> 3
  for (let i = 0; i < full; i++) if (a[i] !== b[i]) return false
  const rest = bits & 7
  if (rest === 0) return true
  const mask = (0xff00 >> rest) & 0xff
  return ((a[full]! ^ b[full]!) & mask) === 0
}

function malformed(message: string): Failure {
  return { code: 'SMT_PROOF_MALFORMED', message }
}

/** Shape checks shared by both claims. */
function shapeFailure(root: unknown, key: unknown, proof: SmtProof): Failure | undefined {
  if (!isHash(root) || !isHash(key)) return malformed('root and key must be 32 bytes')
  if (typeof proof !== 'object' || proof === null || !Array.isArray(proof.siblings)) {
    return malformed('proof must be an object with a siblings array')
  }
  const { siblings, terminal } = proof
  if (siblings.length > SMT_KEY_BITS)
    return malformed(`${siblings.length} siblings exceeds ${SMT_KEY_BITS}`)
  for (let i = 0; i < siblings.length; i++)
    if (!isHash(siblings[i])) return malformed(`sibling ${i} is not 32 bytes`)
  if (typeof terminal !== 'object' || terminal === null) return malformed('missing terminal')
  if (terminal.type === 'leaf') {
    if (!isHash(terminal.key) || !isHash(terminal.valueHash))
      return malformed('terminal leaf fields must be 32 bytes')
  } else if (terminal.type !== 'empty') {
    return malformed('terminal type must be leaf or empty')
  }
  const depth = siblings.length
  // A lone leaf (or an empty node) beside an empty sibling would have been collapsed upward.
  if (depth > 0 && isZero(siblings[depth - 1]!)) {
    return {
      code: 'SMT_PROOF_NON_CANONICAL',
      message: 'the deepest sibling is empty, so the terminal belongs higher',
    }
  }
  return undefined
}

/** Fold `start` (the terminal's hash) up `key`'s path and compare with `root`. */
function rootFailure(
  root: Uint8Array,
  key: Uint8Array,
  siblings: readonly Uint8Array[],
  start: Uint8Array,
): Failure | undefined {
  // One buffer for the running hash: the hasher reads its input before writing its output.
  const cur = start
  for (let depth = siblings.length - 1; depth >= 0; depth--) {
    const sibling = siblings[depth]!
    if (keyBit(key, depth)) smtNodeHash(sibling, cur, cur)
    else smtNodeHash(cur, sibling, cur)
  }
  return equalBytes(cur, root)
    ? undefined
    : { code: 'SMT_ROOT_MISMATCH', message: 'the proof leads to a different root' }
}

function membershipFailure({
  root,
  key,
  valueHash,
  proof,
}: VerifySmtMembershipParameters): Failure | undefined {
  const shape = shapeFailure(root, key, proof)
  if (shape) return shape
  if (!isHash(valueHash)) return malformed('valueHash must be 32 bytes')
  const t = proof.terminal
  if (t.type !== 'leaf' || !equalBytes(t.key, key)) {
    return {
      code: 'SMT_TERMINAL_MISMATCH',
      message: 'the proof does not end in the leaf of this key',
    }
  }
  if (!equalBytes(t.valueHash, valueHash))
    return { code: 'SMT_VALUE_MISMATCH', message: 'the leaf holds a different value' }
  return rootFailure(root, key, proof.siblings, smtLeafHash(key, valueHash))
}

function nonMembershipFailure({
  root,
  key,
  proof,
}: VerifySmtNonMembershipParameters): Failure | undefined {
  const shape = shapeFailure(root, key, proof)
  if (shape) return shape
  const t = proof.terminal
  if (t.type === 'empty') return rootFailure(root, key, proof.siblings, new Uint8Array(32))
  if (equalBytes(t.key, key))
    return { code: 'SMT_KEY_PRESENT', message: 'the proof shows the key is present' }
  if (!sharesPrefix(t.key, key, proof.siblings.length)) {
    return { code: 'SMT_PREFIX_MISMATCH', message: "the terminal leaf is not on the key's path" }
  }
  return rootFailure(root, key, proof.siblings, smtLeafHash(t.key, t.valueHash))
}

function fail(f: Failure | undefined): void {
  if (f) throw new ProofError(f)
}

/** True when `proof` shows that the tree with root `root` maps `key` to `valueHash`. Never throws. */
export function isValidSmtMembershipProof(parameters: VerifySmtMembershipParameters): boolean {
  return membershipFailure(parameters) === undefined
}

/** True when `proof` shows that `key` is absent from the tree with root `root`. Never throws. */
export function isValidSmtNonMembershipProof(
  parameters: VerifySmtNonMembershipParameters,
): boolean {
  return nonMembershipFailure(parameters) === undefined
}

/**
 * Like `isValidSmtMembershipProof`, but throws.
 * @throws {ProofError} `SMT_PROOF_MALFORMED`, `SMT_PROOF_NON_CANONICAL`, `SMT_TERMINAL_MISMATCH`,
 * `SMT_VALUE_MISMATCH` or `SMT_ROOT_MISMATCH`.
 */
export function verifySmtMembership(parameters: VerifySmtMembershipParameters): void {
  fail(membershipFailure(parameters))
}

/**
 * Like `isValidSmtNonMembershipProof`, but throws.
 * @throws {ProofError} `SMT_PROOF_MALFORMED`, `SMT_PROOF_NON_CANONICAL`, `SMT_KEY_PRESENT`,
 * `SMT_PREFIX_MISMATCH` or `SMT_ROOT_MISMATCH`.
 */
export function verifySmtNonMembership(parameters: VerifySmtNonMembershipParameters): void {
  fail(nonMembershipFailure(parameters))
}
