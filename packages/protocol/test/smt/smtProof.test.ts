import { blake3 } from '@noble/hashes/blake3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { utf8 } from '../../src/bytes.js'
import { ProofError } from '../../src/merkle/errors.js'
import { createSmtProof } from '../../src/smt/createSmtProof.js'
import { SparseMerkleTree } from '../../src/smt/SparseMerkleTree.js'
import type { SmtProof } from '../../src/smt/types.js'
import {
  isValidSmtMembershipProof,
  isValidSmtNonMembershipProof,
  verifySmtMembership,
  verifySmtNonMembership,
} from '../../src/smt/verifySmtProof.js'
import { flipBit, KEY_POOL, leafHash, nodeHash, value, ZERO } from './helpers.js'

// This file runs on the pure-JS (noble) hashing path; SparseMerkleTree.test.ts runs on WASM.

const treeOf = (idx: readonly number[], vals: readonly number[]) =>
  SparseMerkleTree.EMPTY.update(
    idx.map((i, j) => ({ key: KEY_POOL[i]!, valueHash: value(vals[j] ?? 0) })),
  )

function codeOf(fn: () => void): string {
  try {
    fn()
    return 'ok'
  } catch (e) {
    expect(e).toBeInstanceOf(ProofError)
    return (e as ProofError).code
  }
}

describe('SMT proofs', () => {
  it('prove membership of present keys and non-membership of absent ones, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(KEY_POOL.length - 1), { maxLength: KEY_POOL.length }),
        fc.array(fc.nat(3), { minLength: KEY_POOL.length, maxLength: KEY_POOL.length }),
        (idx, vals) => {
          const tree = treeOf(idx, vals)
          const root = tree.root
          const present = new Set(idx)
          const proofs = KEY_POOL.map((key) => createSmtProof({ tree, key }))
          KEY_POOL.forEach((key, i) => {
            const proof = proofs[i]!
            const v = tree.get(key)
            if (present.has(i)) {
              expect(isValidSmtMembershipProof({ root, key, valueHash: v!, proof })).toBe(true)
              expect(isValidSmtMembershipProof({ root, key, valueHash: value(9), proof })).toBe(
                false,
              )
              expect(isValidSmtNonMembershipProof({ root, key, proof })).toBe(false)
            } else {
              expect(isValidSmtNonMembershipProof({ root, key, proof })).toBe(true)
              expect(isValidSmtMembershipProof({ root, key, valueHash: value(0), proof })).toBe(
                false,
              )
            }
            // For another key, the proof is accepted only if it *is* that key's own proof
            // (canonical uniqueness: a proof that ends in a leaf is also the non-membership proof of
            // every other key routed to that leaf), and it never proves another key present.
            KEY_POOL.forEach((other, j) => {
              if (j === i) return
              const ov = tree.get(other) ?? value(0)
              const asMember = isValidSmtMembershipProof({ root, key: other, valueHash: ov, proof })
              const asNonMember = isValidSmtNonMembershipProof({ root, key: other, proof })
              if (asMember || asNonMember) expect(proof).toEqual(proofs[j])
              if (present.has(i)) expect(asMember).toBe(false)
              if (present.has(j)) expect(asNonMember).toBe(false)
            })
            // Never against another root.
            const otherRoot = tree.set(KEY_POOL[(i + 1) % KEY_POOL.length]!, value(7)).root
            if (present.has(i)) {
              expect(
                isValidSmtMembershipProof({ root: otherRoot, key, valueHash: v!, proof }),
              ).toBe(false)
            }
          })
        },
      ),
      { numRuns: 100 },
    )
  })

  it('never verifies with a flipped bit anywhere in a sibling', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(KEY_POOL.length - 1), { minLength: 2 }),
        fc.nat(),
        fc.nat(),
        (idx, a, b) => {
          const tree = treeOf(idx, [])
          const key = KEY_POOL[idx[a % idx.length]!]!
          const proof = tree.createProof(key)
          if (proof.siblings.length === 0) return
          const siblings = proof.siblings.map((s) => s.slice())
          siblings[b % siblings.length]![(b >> 5) % 32]! ^= 1 << (b % 8)
          expect(
            isValidSmtMembershipProof({
              root: tree.root,
              key,
              valueHash: value(0),
              proof: { ...proof, siblings },
            }),
          ).toBe(false)
        },
      ),
    )
  })

  it('handles the deepest possible path: keys differing only in bit 255', () => {
    const a = blake3(utf8('deep'))
    const b = flipBit(a, 255)
    const tree = SparseMerkleTree.EMPTY.set(a, value(1)).set(b, value(2))
    const proof = tree.createProof(a)
    expect(proof.siblings.length).toBe(256)
    expect(proof.siblings.slice(0, 255).every((s) => s.every((x) => x === 0))).toBe(true)
    expect(proof.siblings[255]).toEqual(leafHash(b, value(2)))
    expect(isValidSmtMembershipProof({ root: tree.root, key: a, valueHash: value(1), proof })).toBe(
      true,
    )
    const c = flipBit(a, 254)
    const absent = tree.createProof(c)
    expect(absent.terminal).toEqual({ type: 'empty' })
    expect(isValidSmtNonMembershipProof({ root: tree.root, key: c, proof: absent })).toBe(true)
  })

  it('proves non-membership in the empty tree and in a one-key tree', () => {
    const [a, b] = KEY_POOL as [Uint8Array, Uint8Array]
    const empty = SparseMerkleTree.EMPTY
    const p0 = empty.createProof(a)
    expect(p0).toEqual({ siblings: [], terminal: { type: 'empty' } })
    expect(isValidSmtNonMembershipProof({ root: empty.root, key: a, proof: p0 })).toBe(true)
    const one = empty.set(a, value(1))
    const p1 = one.createProof(b)
    expect(p1.siblings).toEqual([])
    expect(isValidSmtNonMembershipProof({ root: one.root, key: b, proof: p1 })).toBe(true)
    expect(codeOf(() => verifySmtNonMembership({ root: one.root, key: a, proof: p1 }))).toBe(
      'SMT_KEY_PRESENT',
    )
  })

  it('rejects non-canonical, malformed and mismatching proofs with typed codes', () => {
    const [a, b] = KEY_POOL as [Uint8Array, Uint8Array]
    const la = leafHash(a, value(1))
    // A leaf beside an empty sibling would have been stored one level up: refuse it even when
    // the hashes line up with a (non-canonical) root built that way.
    const fakeRoot = a[0]! >> 7 ? nodeHash(ZERO, la) : nodeHash(la, ZERO)
    const nonCanonical: SmtProof = {
      siblings: [ZERO],
      terminal: { type: 'leaf', key: a, valueHash: value(1) },
    }
    expect(
      codeOf(() =>
        verifySmtMembership({ root: fakeRoot, key: a, valueHash: value(1), proof: nonCanonical }),
      ),
    ).toBe('SMT_PROOF_NON_CANONICAL')
    const emptyBesideEmpty: SmtProof = { siblings: [ZERO], terminal: { type: 'empty' } }
    expect(
      codeOf(() => verifySmtNonMembership({ root: ZERO, key: a, proof: emptyBesideEmpty })),
    ).toBe('SMT_PROOF_NON_CANONICAL')

    const tree = SparseMerkleTree.EMPTY.set(a, value(1)).set(b, value(2))
    const root = tree.root
    const proof = tree.createProof(a)
    expect(codeOf(() => verifySmtMembership({ root, key: a, valueHash: value(1), proof }))).toBe(
      'ok',
    )
    expect(codeOf(() => verifySmtMembership({ root, key: a, valueHash: value(2), proof }))).toBe(
      'SMT_VALUE_MISMATCH',
    )
    expect(codeOf(() => verifySmtMembership({ root, key: b, valueHash: value(2), proof }))).toBe(
      'SMT_TERMINAL_MISMATCH',
    )
    expect(
      codeOf(() => verifySmtMembership({ root: ZERO, key: a, valueHash: value(1), proof })),
    ).toBe('SMT_ROOT_MISMATCH')
    const tooLong: SmtProof = { ...proof, siblings: Array.from({ length: 257 }, () => la) }
    expect(
      codeOf(() => verifySmtMembership({ root, key: a, valueHash: value(1), proof: tooLong })),
    ).toBe('SMT_PROOF_MALFORMED')
    const shortSibling: SmtProof = { ...proof, siblings: [new Uint8Array(31)] }
    expect(
      codeOf(() => verifySmtMembership({ root, key: a, valueHash: value(1), proof: shortSibling })),
    ).toBe('SMT_PROOF_MALFORMED')
    const badTerminal = { ...proof, terminal: { type: 'branch' } } as unknown as SmtProof
    expect(codeOf(() => verifySmtNonMembership({ root, key: a, proof: badTerminal }))).toBe(
      'SMT_PROOF_MALFORMED',
    )
    expect(codeOf(() => verifySmtNonMembership({ root, key: a.subarray(1), proof }))).toBe(
      'SMT_PROOF_MALFORMED',
    )
    expect(
      codeOf(() => verifySmtMembership({ root, key: a, valueHash: new Uint8Array(1), proof })),
    ).toBe('SMT_PROOF_MALFORMED')
    expect(
      isValidSmtMembershipProof({
        root,
        key: a,
        valueHash: value(1),
        proof: null as unknown as SmtProof,
      }),
    ).toBe(false)

    // Non-membership of c via a's leaf needs c to share a's path prefix: here a and b split at
    // bit 0 (KEY_POOL[1] flips bit 255 of a, so use a key on the other side instead).
    const other = flipBit(a, 0)
    const t2 = SparseMerkleTree.EMPTY.set(a, value(1)).set(other, value(2))
    const pa = t2.createProof(a)
    expect(pa.siblings.length).toBe(1)
    const stranger = flipBit(other, 7) // bit 0 = 1: its path goes right, not to a's leaf
    expect(codeOf(() => verifySmtNonMembership({ root: t2.root, key: stranger, proof: pa }))).toBe(
      'SMT_PREFIX_MISMATCH',
    )
    expect(codeOf(() => verifySmtNonMembership({ root: t2.root, key: a, proof: pa }))).toBe(
      'SMT_KEY_PRESENT',
    )
    const neighbour = flipBit(a, 9) // same bit 0 as a, absent: a's leaf proves it
    expect(codeOf(() => verifySmtNonMembership({ root: t2.root, key: neighbour, proof: pa }))).toBe(
      'ok',
    )
  })
})
