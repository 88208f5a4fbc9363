import { blake3 } from '@noble/hashes/blake3.js'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { compareBytes, toHex, utf8 } from '../../src/bytes.js'
import { initHashing } from '../../src/hash/blake3.js'
import { createSparseMerkleTree, SparseMerkleTree } from '../../src/smt/SparseMerkleTree.js'
import { flipBit, KEY_POOL, referenceRoot, value, ZERO } from './helpers.js'

const op = fc.record({ k: fc.nat(KEY_POOL.length - 1), v: fc.option(fc.nat(3), { nil: null }) })
const hex = (b: Uint8Array | undefined) => (b === undefined ? undefined : toHex(b))

type Model = Map<string, [Uint8Array, Uint8Array]>
const modelEntries = (m: Model) => [...m.values()]

beforeAll(() => initHashing())

describe('SparseMerkleTree', () => {
  it('starts empty with the zero root', () => {
    const t = createSparseMerkleTree()
    expect(t).toBe(SparseMerkleTree.EMPTY)
    expect(t.root).toEqual(ZERO)
    expect(t.size).toBe(0)
    expect(t.get(KEY_POOL[0]!)).toBeUndefined()
  })

  it('places a lone leaf at the root and splits two keys where they first differ', () => {
    const [a] = KEY_POOL as [Uint8Array]
    const b = flipBit(a, 255)
    const one = SparseMerkleTree.EMPTY.set(a, value(1))
    expect(one.root).toEqual(referenceRoot([[a, value(1)]]))
    const two = one.set(b, value(2))
    expect(two.root).toEqual(
      referenceRoot([
        [a, value(1)],
        [b, value(2)],
      ]),
    )
    expect(two.size).toBe(2)
    expect(two.delete(b).root).toEqual(one.root)
  })

  it('equals a from-scratch rebuild after any insert/delete sequence, and tracks a Map model', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const model: Model = new Map()
        let t = SparseMerkleTree.EMPTY
        for (const { k, v } of ops) {
          const key = KEY_POOL[k]!
          if (v === null) {
            t = t.delete(key)
            model.delete(toHex(key))
          } else {
            t = t.set(key, value(v))
            model.set(toHex(key), [key, value(v)])
          }
        }
        expect(toHex(t.root)).toBe(toHex(referenceRoot(modelEntries(model))))
        expect(t.size).toBe(model.size)
        for (const key of KEY_POOL) expect(hex(t.get(key))).toBe(hex(model.get(toHex(key))?.[1]))
        const listed = [...t.entries()].map((e) => toHex(e.key))
        expect(listed).toEqual([...model.keys()].sort())
        // Order independence: inserting the final set in reverse order gives the same root.
        const rebuilt = modelEntries(model)
          .reverse()
          .reduce((acc, [k, v]) => acc.set(k, v), SparseMerkleTree.EMPTY)
        expect(toHex(rebuilt.root)).toBe(toHex(t.root))
      }),
      { numRuns: 300 },
    )
  })

  it('applies a batch exactly like the same changes one by one', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 30 }),
        fc.array(op, { maxLength: 60 }),
        (setup, batch) => {
          const start = SparseMerkleTree.EMPTY.update(
            setup.map(({ k, v }) => ({
              key: KEY_POOL[k]!,
              valueHash: v === null ? null : value(v),
            })),
          )
          const changes = batch.map(({ k, v }) => ({
            key: KEY_POOL[k]!,
            valueHash: v === null ? null : value(v),
          }))
          let oneByOne = start
          for (const c of changes)
            oneByOne =
              c.valueHash === null ? oneByOne.delete(c.key) : oneByOne.set(c.key, c.valueHash)
          const batched = start.update(changes)
          expect(toHex(batched.root)).toBe(toHex(oneByOne.root))
          expect(batched.size).toBe(oneByOne.size)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('leaves every older version intact (persistent snapshots)', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const model: Model = new Map()
        const versions: { tree: SparseMerkleTree; root: string; entries: string[] }[] = []
        let t = SparseMerkleTree.EMPTY
        for (const { k, v } of ops) {
          const key = KEY_POOL[k]!
          t = v === null ? t.delete(key) : t.set(key, value(v))
          if (v === null) model.delete(toHex(key))
          else model.set(toHex(key), [key, value(v)])
          const entries = modelEntries(model).map(([a, b]) => toHex(a) + toHex(b))
          versions.push({
            tree: t,
            root: toHex(referenceRoot(modelEntries(model))),
            entries: entries.sort(),
          })
        }
        for (const ver of versions) {
          expect(toHex(ver.tree.root)).toBe(ver.root)
          expect([...ver.tree.entries()].map((e) => toHex(e.key) + toHex(e.valueHash))).toEqual(
            ver.entries,
          )
        }
      }),
      { numRuns: 100 },
    )
  })

  it('returns to the zero root when every key is deleted', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(KEY_POOL.length - 1), { minLength: 1 }),
        fc.boolean(),
        (idx, batched) => {
          const keys = idx.map((i) => KEY_POOL[i]!)
          const full = SparseMerkleTree.EMPTY.update(
            keys.map((key, i) => ({ key, valueHash: value(i) })),
          )
          expect(full.size).toBe(keys.length)
          const empty = batched
            ? full.update(keys.map((key) => ({ key, valueHash: null })))
            : keys.reduce((t, key) => t.delete(key), full)
          expect(empty.root).toEqual(ZERO)
          expect(empty.size).toBe(0)
        },
      ),
    )
  })

  it('shares structure: a no-op change returns the same tree', () => {
    const t = SparseMerkleTree.EMPTY.update(
      KEY_POOL.slice(0, 8).map((key, i) => ({ key, valueHash: value(i) })),
    )
    expect(t.set(KEY_POOL[3]!, value(3))).toBe(t)
    expect(t.delete(KEY_POOL[12]!)).toBe(t)
    expect(t.update([])).toBe(t)
    expect(t.set(KEY_POOL[3]!, value(4))).not.toBe(t)
  })

  it('lets the last change to a repeated key win within a batch', () => {
    const [a, b] = KEY_POOL as [Uint8Array, Uint8Array]
    const t = SparseMerkleTree.EMPTY.update([
      { key: a, valueHash: value(1) },
      { key: b, valueHash: value(1) },
      { key: a, valueHash: value(2) },
      { key: b, valueHash: null },
    ])
    expect(t.size).toBe(1)
    expect(t.get(a)).toEqual(value(2))
    expect(t.root).toEqual(referenceRoot([[a, value(2)]]))
  })

  it('copies keys and values, so callers mutating their buffers cannot corrupt the tree', () => {
    const key = KEY_POOL[0]!.slice()
    const v = value(1)
    const t = SparseMerkleTree.EMPTY.set(key, v)
    const root = toHex(t.root)
    key[0]! ^= 1
    v[0]! ^= 1
    t.root.fill(0)
    expect(toHex(t.root)).toBe(root)
    expect(t.get(KEY_POOL[0]!)).toEqual(value(1))
  })

  it('matches the reference for 2,000 random keys with logarithmic depth', () => {
    const entries = Array.from(
      { length: 2000 },
      (_, i) => [blake3(utf8(`k${i}`)), value(i)] as const,
    )
    const t = SparseMerkleTree.EMPTY.update(entries.map(([key, valueHash]) => ({ key, valueHash })))
    expect(t.root).toEqual(referenceRoot(entries))
    const depths = entries.map(([k]) => t.createProof(k).siblings.length)
    const mean = depths.reduce((a, b) => a + b, 0) / depths.length
    expect(mean).toBeGreaterThan(9) // log2(2000) ≈ 11
    expect(mean).toBeLessThan(16)
    const sorted = [...t.entries()].map((e) => e.key)
    expect(sorted).toEqual(entries.map(([k]) => k).sort(compareBytes))
  })

  it('rejects keys and values that are not 32-byte Uint8Arrays', () => {
    const t = SparseMerkleTree.EMPTY
    expect(() => t.set(new Uint8Array(31), value(1))).toThrow(RangeError)
    expect(() => t.set(KEY_POOL[0]!, new Uint8Array(33))).toThrow(RangeError)
    expect(() => t.get('ab' as unknown as Uint8Array)).toThrow(TypeError)
    expect(() => t.update([{ key: [1, 2] as unknown as Uint8Array, valueHash: null }])).toThrow(
      TypeError,
    )
    expect(() => t.createProof(new Uint8Array(0))).toThrow(RangeError)
  })
})
