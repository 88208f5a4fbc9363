import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { toHex } from '../../src/bytes.js'
import { initHashing } from '../../src/hash/blake3.js'
import type { SmtChange } from '../../src/smt/applyChanges.js'
import { createSparseMerkleTree } from '../../src/smt/SparseMerkleTree.js'
import { KEY_POOL, value } from './helpers.js'

beforeAll(() => initHashing())

const k = fc.nat(KEY_POOL.length - 1)
const v = fc.nat(3)
const change = fc.record({
  k,
  v: fc.option(v, { nil: null }),
  expect: fc.oneof(fc.constant('absent' as const), v, fc.constant(undefined)),
})

describe('SparseMerkleTree.updateChecked', () => {
  it('applies exactly when every expectation holds and no key repeats; then equals update', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(k, v), { maxLength: 30 }),
        fc.array(change, { minLength: 1, maxLength: 12 }),
        (initial, raw) => {
          let tree = createSparseMerkleTree()
          for (const [key, val] of initial) tree = tree.set(KEY_POOL[key]!, value(val))
          const changes: SmtChange[] = raw.map((c) => ({
            key: KEY_POOL[c.k]!,
            valueHash: c.v === null ? null : value(c.v),
            ...(c.expect === undefined
              ? {}
              : { expect: c.expect === 'absent' ? ('absent' as const) : value(c.expect) }),
          }))
          const keys = changes.map((c) => toHex(c.key))
          const repeats = new Set(keys).size !== keys.length
          const holds = changes.every((c) => {
            if (c.expect === undefined) return true
            const held = tree.get(c.key)
            return c.expect === 'absent'
              ? held === undefined
              : held !== undefined && toHex(held) === toHex(c.expect)
          })
          const anyExpect = changes.some((c) => c.expect !== undefined)
          const before = toHex(tree.root)
          const checked = tree.updateChecked(changes)
          // Adopting fresh copies of the same arrays decides and hashes exactly alike.
          const fresh = changes.map((c) => ({
            ...c,
            key: c.key.slice(),
            valueHash: c.valueHash === null ? null : c.valueHash.slice(),
          }))
          const adopted = tree.updateChecked(fresh, { adopt: true })
          expect(toHex(tree.root)).toBe(before)
          if (holds && !(repeats && anyExpect)) {
            expect(checked).toBeDefined()
            expect(toHex(checked!.root)).toBe(toHex(tree.update(changes).root))
            expect(toHex(adopted!.root)).toBe(toHex(checked!.root))
          } else {
            expect(checked).toBeUndefined()
            expect(adopted).toBeUndefined()
          }
        },
      ),
      { numRuns: 1500 },
    )
  })
})
