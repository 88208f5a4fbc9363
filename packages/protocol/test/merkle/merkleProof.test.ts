import { blake3 } from '@noble/hashes/blake3.js'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { utf8 } from '../../src/bytes.js'
import { initHashing } from '../../src/hash/blake3.js'
import { computeMerkleRoot } from '../../src/merkle/computeMerkleRoot.js'
import { createMerkleProof } from '../../src/merkle/createMerkleProof.js'
import { MerkleError, ProofError } from '../../src/merkle/errors.js'
import type { MerkleProof } from '../../src/merkle/types.js'
import { isValidMerkleProof, verifyMerkleProof } from '../../src/merkle/verifyMerkleProof.js'

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => blake3(utf8(`leaf${i}`)))

/**
 * The turns a proof of (index, leafCount) takes, from the leaf up, written from the RFC 6962
 * recursion (top-down split at the largest power of two below n), independent of the code.
 */
function pathShape(index: number, leafCount: number): string {
  const turns: string[] = []
  let i = index
  let n = leafCount
  while (n > 1) {
    let k = 1
    while (k * 2 < n) k *= 2
    if (i < k) {
      turns.push('L')
      n = k
    } else {
      turns.push('R')
      i -= k
      n -= k
    }
  }
  return turns.reverse().join('')
}

const allProofs = (n: number) => {
  const leaves = leavesOf(n)
  const root = computeMerkleRoot(leaves)
  return { leaves, root, proofs: leaves.map((_, index) => createMerkleProof({ leaves, index })) }
}

beforeAll(() => initHashing())

describe('createMerkleProof / isValidMerkleProof', () => {
  it('every proof verifies for n = 1..33, with exactly one sibling per level of its path', () => {
    for (let n = 1; n <= 33; n++) {
      const { leaves, root, proofs } = allProofs(n)
      proofs.forEach((proof, i) => {
        expect(proof.siblings.length).toBe(pathShape(i, n).length)
        expect(isValidMerkleProof({ leaf: leaves[i]!, proof, root })).toBe(true)
        expect(() => verifyMerkleProof({ leaf: leaves[i]!, proof, root })).not.toThrow()
      })
    }
  })

  it('never verifies for another leaf, another index or another root', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        fc.nat(),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (n, a, b, junk) => {
          const { leaves, root, proofs } = allProofs(n)
          const i = a % n
          const proof = proofs[i]!
          for (let j = 0; j < n; j++) {
            if (j !== i) expect(isValidMerkleProof({ leaf: leaves[j]!, proof, root })).toBe(false)
            if (j !== i)
              expect(
                isValidMerkleProof({ leaf: leaves[i]!, proof: { ...proof, index: j }, root }),
              ).toBe(false)
          }
          expect(isValidMerkleProof({ leaf: junk, proof, root })).toBe(false)
          expect(isValidMerkleProof({ leaf: leaves[i]!, proof, root: junk })).toBe(false)
          if (proof.siblings.length > 0) {
            const s = b % proof.siblings.length
            const siblings = proof.siblings.map((x) => x.slice())
            siblings[s]![b % 32]! ^= 1 << (b % 8)
            expect(
              isValidMerkleProof({ leaf: leaves[i]!, proof: { ...proof, siblings }, root }),
            ).toBe(false)
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  // The root does not commit to leafCount (RFC 6962 does not either): a proof is accepted for
  // another (index, leafCount) exactly when that position takes the same turns up the tree.
  it('accepts another (index, leafCount) exactly when it has the same path shape', () => {
    for (let n = 1; n <= 20; n++) {
      const { leaves, root, proofs } = allProofs(n)
      proofs.forEach((proof, i) => {
        for (let n2 = 1; n2 <= 40; n2++) {
          for (let j = 0; j < n2; j++) {
            const ok = isValidMerkleProof({
              leaf: leaves[i]!,
              proof: { ...proof, index: j, leafCount: n2 },
              root,
            })
            expect(ok, `${i}/${n} as ${j}/${n2}`).toBe(pathShape(j, n2) === pathShape(i, n))
          }
        }
      })
    }
  })

  it('pins the index for a fixed leafCount and proves index 0 (the coinbase) soundly', () => {
    const { leaves, root, proofs } = allProofs(13)
    expect(isValidMerkleProof({ leaf: leaves[0]!, proof: proofs[0]!, root })).toBe(true)
    for (let j = 1; j < 13; j++)
      expect(
        isValidMerkleProof({ leaf: leaves[j]!, proof: { ...proofs[j]!, index: 0 }, root }),
      ).toBe(false)
  })

  it('rejects malformed proofs with MERKLE_PROOF_MALFORMED and wrong roots with MERKLE_ROOT_MISMATCH', () => {
    const { leaves, root, proofs } = allProofs(6)
    const leaf = leaves[2]!
    const proof = proofs[2]!
    const code = (p: MerkleProof, l: Uint8Array = leaf, r: Uint8Array = root) => {
      try {
        verifyMerkleProof({ leaf: l, proof: p, root: r })
        return 'ok'
      } catch (e) {
        expect(e).toBeInstanceOf(ProofError)
        return (e as ProofError).code
      }
    }
    expect(code(proof)).toBe('ok')
    expect(code({ ...proof, siblings: [...proof.siblings, root] })).toBe('MERKLE_PROOF_MALFORMED')
    expect(code({ ...proof, siblings: proof.siblings.slice(1) })).toBe('MERKLE_PROOF_MALFORMED')
    expect(code({ ...proof, index: 6 })).toBe('MERKLE_PROOF_MALFORMED')
    expect(code({ ...proof, index: -1 })).toBe('MERKLE_PROOF_MALFORMED')
    expect(code({ ...proof, index: 1.5 })).toBe('MERKLE_PROOF_MALFORMED')
    expect(code({ ...proof, leafCount: 0, index: 0 })).toBe('MERKLE_PROOF_MALFORMED')
    expect(code({ ...proof, leafCount: 2 ** 24 + 1 })).toBe('MERKLE_PROOF_MALFORMED')
    expect(
      code({ ...proof, siblings: [proof.siblings[0]!, new Uint8Array(31), proof.siblings[2]!] }),
    ).toBe('MERKLE_PROOF_MALFORMED')
    expect(code(proof, leaf.subarray(1))).toBe('MERKLE_PROOF_MALFORMED')
    expect(code(null as unknown as MerkleProof)).toBe('MERKLE_PROOF_MALFORMED')
    expect(code(proof, leaves[3]!)).toBe('MERKLE_ROOT_MISMATCH')
    expect(isValidMerkleProof({ leaf, proof: { ...proof, siblings: [] }, root })).toBe(false)
  })

  it('validates its input with typed errors', () => {
    const leaves = leavesOf(4)
    for (const index of [-1, 4, 0.5, Number.NaN]) {
      expect(() => createMerkleProof({ leaves, index })).toThrow(MerkleError)
    }
    expect(() => createMerkleProof({ leaves: [], index: 0 })).toThrow(/EMPTY_TREE/)
  })
})
