import { describe, expect, it } from 'vitest'
import { blockFilterItems, computeBlockFilter, encodeLock } from '../../src/block/commitments.js'
import { toHex } from '../../src/bytes.js'
import { buildBlockFilter } from '../../src/filter/index.js'
import type { Lock } from '../../src/policy/types.js'
import type { Transaction } from '../../src/tx/types.js'

const lock = (type: Lock['type'], n: number): Lock => ({
  type,
  policyHash: Uint8Array.from({ length: 32 }, (_, i) => (n * 7 + i) & 0xff),
})
const a = lock('ed25519', 1)
const b = lock('ed25519', 2)
const c = lock('policy', 1) // same hash as `a`, another type: another item

const tx = (outputs: Lock[], inputs: number): Transaction =>
  ({
    version: 1,
    kind: 'transfer',
    inputs: Array.from({ length: inputs }, () => ({
      prevout: { txid: new Uint8Array(32), vout: 0 },
      sequence: 0,
    })),
    outputs: outputs.map((l) => ({ amount: 1n, lock: l })),
    locktime: 0,
    payload: new Uint8Array(0),
    witnesses: Array.from({ length: inputs }, () => ({}) as Transaction['witnesses'][number]),
  }) as Transaction

describe('blockFilterItems', () => {
  it('lists each lock once, in first-seen order, and the filter is the one of every item', () => {
    const transactions = [tx([a], 0), tx([b, a], 1), tx([c, b], 2)]
    const inputLocks = [[], [a], [b, c]]
    const items = blockFilterItems(transactions, inputLocks)
    expect(items.map(toHex)).toEqual([a, b, c].map((l) => toHex(encodeLock(l))))
    const every = [a, b, a, a, c, b, b, c].map(encodeLock)
    const prevHash = new Uint8Array(32).fill(9)
    expect(toHex(computeBlockFilter({ prevHash, transactions, inputLocks }))).toBe(
      toHex(buildBlockFilter({ key: prevHash, items: every })),
    )
  })
})
