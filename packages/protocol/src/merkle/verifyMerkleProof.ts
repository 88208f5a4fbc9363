import { equalBytes } from '../bytes.js'
import { ProofError, type ProofErrorCode } from './errors.js'
import { MAX_MERKLE_LEAVES, merkleNode, merklePathLength } from './shape.js'
import type { MerkleProof } from './types.js'

export type VerifyMerkleProofParameters = {
  /** The 32-byte leaf claimed to be included (a wtxid). */
  leaf: Uint8Array
  proof: MerkleProof
  /** The committed root (a header's `txRoot`). */
  root: Uint8Array
}

type Failure = { code: ProofErrorCode; message: string }

function isHash(x: unknown): x is Uint8Array {
  return x instanceof Uint8Array && x.length === 32
}

function malformed(message: string): Failure {
  return { code: 'MERKLE_PROOF_MALFORMED', message }
}

/** Why the proof fails, or undefined when it establishes `leaf ∈ root`. */
function merkleProofFailure({
  leaf,
  proof,
  root,
}: VerifyMerkleProofParameters): Failure | undefined {
  if (!isHash(leaf) || !isHash(root)) return malformed('leaf and root must be 32 bytes')
  if (typeof proof !== 'object' || proof === null || !Array.isArray(proof.siblings)) {
    return malformed('proof must be an object with a siblings array')
  }
  const { index, leafCount, siblings } = proof
  if (!Number.isSafeInteger(leafCount) || leafCount < 1 || leafCount > MAX_MERKLE_LEAVES) {
    return malformed(`leafCount ${leafCount} is outside 1..${MAX_MERKLE_LEAVES}`)
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= leafCount) {
    return malformed(`index ${index} is outside 0..${leafCount - 1}`)
  }
  const expected = merklePathLength(index, leafCount)
  if (siblings.length !== expected) {
    return malformed(
      `${siblings.length} siblings, but leaf ${index} of ${leafCount} needs ${expected}`,
    )
  }
  let cur = leaf
  let pos = index
  let width = leafCount
  let s = 0
  while (width > 1) {
    if (pos % 2 === 1 || pos + 1 < width) {
      const sibling = siblings[s++]
      if (!isHash(sibling)) return malformed(`sibling ${s - 1} is not 32 bytes`)
      cur = pos % 2 === 1 ? merkleNode(sibling, cur) : merkleNode(cur, sibling)
    }
    pos = Math.floor(pos / 2)
    width = Math.ceil(width / 2)
  }
  if (!equalBytes(cur, root))
    return { code: 'MERKLE_ROOT_MISMATCH', message: 'the proof leads to a different root' }
  return undefined
}

/**
 * True when `proof` shows that `leaf` sits at `proof.index` of a `proof.leafCount`-leaf tree with
 * root `root`. The sibling count must be exactly what (index, leafCount) implies. The root does
 * not commit to the leaf count (as in RFC 6962), so what a proof establishes is inclusion; the
 * position is pinned only for a known leaf count (index 0, the coinbase, always is). Never throws
 * on malformed input.
 */
export function isValidMerkleProof(parameters: VerifyMerkleProofParameters): boolean {
  return merkleProofFailure(parameters) === undefined
}

/**
 * Like `isValidMerkleProof`, but throws instead of returning false.
 *
 * @throws {ProofError} `MERKLE_PROOF_MALFORMED` (bad shape, index ≥ leafCount, wrong sibling
 * count) or `MERKLE_ROOT_MISMATCH`.
 */
export function verifyMerkleProof(parameters: VerifyMerkleProofParameters): void {
  const failure = merkleProofFailure(parameters)
  if (failure) {
    throw new ProofError({
      ...failure,
      details: { index: parameters.proof?.index, leafCount: parameters.proof?.leafCount },
    })
  }
}
