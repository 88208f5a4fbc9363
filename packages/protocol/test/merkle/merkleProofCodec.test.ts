import { blake3 } from '@noble/hashes/blake3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { concatBytes, fromHex, utf8 } from '../../src/bytes.js'
import { DecodeError } from '../../src/errors.js'
import { createMerkleProof } from '../../src/merkle/createMerkleProof.js'
import {
  decodeMerkleProof,
  encodeMerkleProof,
  MAX_MERKLE_PROOF_BYTES,
} from '../../src/merkle/merkleProofCodec.js'

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => blake3(utf8(`leaf${i}`)))

const decodeCode = (bytes: Uint8Array) => {
  try {
    decodeMerkleProof(bytes)
    return 'ok'
  } catch (e) {
    expect(e).toBeInstanceOf(DecodeError)
    return (e as DecodeError).code
  }
}

describe('encodeMerkleProof / decodeMerkleProof', () => {
  it('round-trips every proof of trees up to 40 leaves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), (n, a) => {
        const leaves = leavesOf(n)
        const proof = createMerkleProof({ leaves, index: a % n })
        const bytes = encodeMerkleProof(proof)
        expect(decodeMerkleProof(bytes)).toEqual(proof)
        expect(encodeMerkleProof(decodeMerkleProof(bytes))).toEqual(bytes)
      }),
    )
  })

  it('has the documented layout', () => {
    const leaves = leavesOf(3)
    const proof = createMerkleProof({ leaves, index: 2 })
    expect(encodeMerkleProof(proof)).toEqual(concatBytes(fromHex('030201'), proof.siblings[0]!))
  })

  it('rejects malformed encodings', () => {
    const proof = createMerkleProof({ leaves: leavesOf(6), index: 2 })
    const good = encodeMerkleProof(proof)
    const sib = (n: number) => new Uint8Array(32 * n).fill(7)
    expect(decodeCode(good)).toBe('ok')
    expect(decodeCode(concatBytes(good, new Uint8Array([0])))).toBe('TRAILING_BYTES')
    expect(decodeCode(good.subarray(0, good.length - 1))).toBe('UNEXPECTED_END')
    expect(decodeCode(new Uint8Array())).toBe('UNEXPECTED_END')
    expect(decodeCode(concatBytes(fromHex('000000'), sib(0)))).toBe('INVALID_VALUE') // leafCount 0
    expect(decodeCode(concatBytes(fromHex('030301'), sib(1)))).toBe('LENGTH_TOO_LARGE') // index = leafCount
    expect(decodeCode(concatBytes(fromHex('030002'), sib(2)))).toBe('ok')
    expect(decodeCode(concatBytes(fromHex('030001'), sib(1)))).toBe('INVALID_VALUE') // needs 2 siblings
    expect(decodeCode(concatBytes(fromHex('03000a'), sib(10)))).toBe('INVALID_VALUE')
    expect(decodeCode(concatBytes(fromHex('030021'), sib(2)))).toBe('LENGTH_TOO_LARGE') // > 32 siblings
    expect(decodeCode(concatBytes(fromHex('83000002'), sib(2)))).toBe('NON_MINIMAL_VARINT')
    expect(decodeCode(concatBytes(fromHex('8180800800'), sib(0)))).toBe('LENGTH_TOO_LARGE') // 2^24 + 1 leaves
    expect(decodeCode(new Uint8Array(MAX_MERKLE_PROOF_BYTES + 1))).toBe('INPUT_TOO_LARGE')
  })

  it('refuses to encode a malformed proof', () => {
    const proof = createMerkleProof({ leaves: leavesOf(6), index: 2 })
    expect(() => encodeMerkleProof({ ...proof, siblings: proof.siblings.slice(1) })).toThrow(
      RangeError,
    )
    expect(() => encodeMerkleProof({ ...proof, index: 6 })).toThrow(RangeError)
    expect(() =>
      encodeMerkleProof({ ...proof, siblings: [new Uint8Array(3), ...proof.siblings.slice(1)] }),
    ).toThrow(RangeError)
  })
})
