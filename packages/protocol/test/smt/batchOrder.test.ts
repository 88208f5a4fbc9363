import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { toHex } from '../../src/bytes.js'
import { initHashing } from '../../src/hash/blake3.js'
import type { SmtChange } from '../../src/smt/applyChanges.js'
import { createSparseMerkleTree } from '../../src/smt/SparseMerkleTree.js'
import { referenceRoot } from './helpers.js'

beforeAll(() => initHashing())

/**
 * Keys in few families sharing their first bytes, so a batch sorts many keys whose leading 48 bits
 * tie (the batch sort's slow path) next to keys that differ early (its fast path).
 */
const key = fc
  .tuple(fc.nat(3), fc.integer({ min: 3, max: 9 }), fc.uint8Array({ minLength: 32, maxLength: 32 }))
  .map(([family, shared, tail]) => {
    const k = tail.slice()
    for (let i = 0; i < shared; i++) k[i] = family * 17 + i
    return k
  })
const value = fc.uint8Array({ minLength: 32, maxLength: 32 })

describe('SparseMerkleTree batch order', () => {
  it('a batch of many changes, shared prefixes and repeated keys included, equals them applied one by one (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.option(value, { nil: null })), { minLength: 33, maxLength: 400 }),
        (raw) => {
          // Repeats of earlier keys: the last change to a key wins.
          const changes: SmtChange[] = raw.map(([k, v], i) => ({
            key: i % 7 === 6 ? raw[i - 3]![0] : k,
            valueHash: v,
          }))
          let oneByOne = createSparseMerkleTree()
          const model = new Map<string, [Uint8Array, Uint8Array]>()
          for (const c of changes) {
            oneByOne = c.valueHash ? oneByOne.set(c.key, c.valueHash) : oneByOne.delete(c.key)
            if (c.valueHash) model.set(toHex(c.key), [c.key, c.valueHash])
            else model.delete(toHex(c.key))
          }
          const batched = createSparseMerkleTree().update(changes)
          expect(toHex(batched.root)).toBe(toHex(oneByOne.root))
          const sorted = [...model.values()].sort(([a], [b]) => (toHex(a) < toHex(b) ? -1 : 1))
          expect(toHex(batched.root)).toBe(toHex(referenceRoot(sorted)))
        },
      ),
      { numRuns: 60 },
    )
  })
})
