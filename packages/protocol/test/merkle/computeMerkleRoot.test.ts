import { blake3 } from '@noble/hashes/blake3.js'
import { describe, expect, it } from 'vitest'
import { concatBytes, toHex, utf8 } from '../../src/bytes.js'
import { domainKey, initHashing } from '../../src/hash/blake3.js'
import { computeMerkleRoot } from '../../src/merkle/computeMerkleRoot.js'
import { MerkleError } from '../../src/merkle/errors.js'

const MERKLE_KEY = domainKey('merkle')
const node = (l: Uint8Array, r: Uint8Array) => blake3(concatBytes(l, r), { key: MERKLE_KEY })

/** RFC 6962 §2.1 recursion, written straight from the definition with noble BLAKE3. */
function referenceRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 1) return leaves[0]!
  let k = 1
  while (k * 2 < leaves.length) k *= 2
  return node(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)))
}

const leavesOf = (n: number, label = 'tx') =>
  Array.from({ length: n }, (_, i) => blake3(utf8(`${label}${i}`)))

function checkAgainstReference(): void {
  for (let n = 1; n <= 33; n++) {
    const leaves = leavesOf(n)
    expect(toHex(computeMerkleRoot(leaves)), `n = ${n}`).toBe(toHex(referenceRoot(leaves)))
  }
}

describe('computeMerkleRoot', () => {
  it(
    'matches the recursive RFC 6962 reference for n = 1..33 (noble fallback)',
    checkAgainstReference,
  )

  it('matches the reference for n = 1..33 and 1000 with WASM hashing', async () => {
    await initHashing()
    checkAgainstReference()
    const big = leavesOf(1000)
    expect(toHex(computeMerkleRoot(big))).toBe(toHex(referenceRoot(big)))
  })

  it('has the documented shapes', () => {
    const [a, b, c, d, e] = leavesOf(5) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ]
    expect(computeMerkleRoot([a])).toEqual(a)
    expect(computeMerkleRoot([a, b])).toEqual(node(a, b))
    expect(computeMerkleRoot([a, b, c])).toEqual(node(node(a, b), c))
    expect(computeMerkleRoot([a, b, c, d, e])).toEqual(node(node(node(a, b), node(c, d)), e))
  })

  it('keeps a stable golden root (consensus)', () => {
    expect(toHex(computeMerkleRoot(leavesOf(7)))).toBe(GOLDEN_ROOT_7)
  })

  it('returns a copy for a single leaf', () => {
    const [a] = leavesOf(1) as [Uint8Array]
    const root = computeMerkleRoot([a])
    root[0]! ^= 1
    expect(root).not.toEqual(a)
  })

  it('does not duplicate odd nodes (no CVE-2012-2459 malleability)', () => {
    for (let n = 1; n <= 17; n++) {
      const leaves = leavesOf(n)
      const root = toHex(computeMerkleRoot(leaves))
      expect(toHex(computeMerkleRoot([...leaves, leaves[n - 1]!]))).not.toBe(root)
      if (n >= 2)
        expect(
          toHex(computeMerkleRoot([...leaves.slice(0, n - 2), leaves[n - 1]!, leaves[n - 2]!])),
        ).not.toBe(root)
    }
  })

  it('rejects an empty list, a short leaf and a non-array leaf with typed errors', () => {
    expect(() => computeMerkleRoot([])).toThrow(MerkleError)
    expect(() => computeMerkleRoot([])).toThrow(/EMPTY_TREE/)
    expect(() => computeMerkleRoot([new Uint8Array(32), new Uint8Array(31)])).toThrow(
      /INVALID_LEAF/,
    )
    expect(() => computeMerkleRoot(['x' as unknown as Uint8Array])).toThrow(/INVALID_LEAF/)
  })
})

/** Root of leaves blake3('tx0') … blake3('tx6'); pinned so any change of the tree shape or domain shows. */
const GOLDEN_ROOT_7 = 'f5a577b7e0f6204d1e862a5e804b8a4605e8997859ee32a164ba3689ed5c7aa4'
