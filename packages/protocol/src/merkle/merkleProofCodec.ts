import { assertInputSize, Reader } from '../codec/reader.js'
import { Writer } from '../codec/writer.js'
import { DecodeError } from '../errors.js'
import { MAX_MERKLE_LEAVES, MAX_MERKLE_SIBLINGS, merklePathLength } from './shape.js'
import type { MerkleProof } from './types.js'

/** Largest encoding: three varints (≤ 4 bytes each) and 32 siblings. */
export const MAX_MERKLE_PROOF_BYTES = 12 + 32 * MAX_MERKLE_SIBLINGS

/**
 * Canonical encoding of a Merkle proof:
 * `varint leafCount ‖ varint index ‖ varint siblingCount ‖ siblings (32 bytes each)`.
 *
 * @throws {RangeError} when the proof is not well-formed (index ≥ leafCount, a sibling not 32
 * bytes, or a sibling count that (index, leafCount) does not imply).
 */
export function encodeMerkleProof(proof: MerkleProof): Uint8Array {
  const { index, leafCount, siblings } = proof
  if (!Number.isSafeInteger(leafCount) || leafCount < 1 || leafCount > MAX_MERKLE_LEAVES) {
    throw new RangeError(
      `encodeMerkleProof: leafCount ${leafCount} is outside 1..${MAX_MERKLE_LEAVES}`,
    )
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= leafCount) {
    throw new RangeError(`encodeMerkleProof: index ${index} is outside 0..${leafCount - 1}`)
  }
  if (siblings.length !== merklePathLength(index, leafCount)) {
    throw new RangeError('encodeMerkleProof: sibling count does not match (index, leafCount)')
  }
  const w = new Writer(12 + 32 * siblings.length)
  w.varint(leafCount).varint(index).varint(siblings.length)
  for (const s of siblings) w.fixed(s, 32)
  return w.finish()
}

/**
 * Strict decoding of `encodeMerkleProof`'s output: minimal varints, leafCount in 1..2^24,
 * index < leafCount, exactly the implied number of siblings (≤ 32), no trailing bytes.
 *
 * @throws {DecodeError} on any malformed or non-canonical input.
 */
export function decodeMerkleProof(bytes: Uint8Array): MerkleProof {
  assertInputSize(bytes, MAX_MERKLE_PROOF_BYTES, 'MerkleProof')
  const r = new Reader(bytes, 'MerkleProof')
  const leafCount = r.varint(MAX_MERKLE_LEAVES, 'leafCount')
  if (leafCount === 0) {
    throw new DecodeError({
      code: 'INVALID_VALUE',
      message: 'MerkleProof: leafCount is 0',
      details: { field: 'leafCount' },
    })
  }
  const index = r.varint(leafCount - 1, 'index')
  const count = r.count(MAX_MERKLE_SIBLINGS, 32, 'siblings')
  const expected = merklePathLength(index, leafCount)
  if (count !== expected) {
    throw new DecodeError({
      code: 'INVALID_VALUE',
      message: `MerkleProof: ${count} siblings, but leaf ${index} of ${leafCount} needs ${expected}`,
      details: { field: 'siblings', count, expected },
    })
  }
  const siblings: Uint8Array[] = []
  for (let i = 0; i < count; i++) siblings.push(r.fixed(32, 'sibling'))
  r.finish()
  return { index, leafCount, siblings }
}
