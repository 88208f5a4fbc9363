import type { Lock, Transaction, TxOutput } from '@supernova/protocol'
import { toHex } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { outpointId, spentOutputs, txidsToFetch } from './spentOutputs'

const LOCK: Lock = { type: 'ed25519', policyHash: new Uint8Array(32) }
const id = (n: number) => new Uint8Array(32).fill(n)
const spend = (...outs: [number, number][]): Pick<Transaction, 'kind' | 'inputs'> => ({
  kind: 'transfer',
  inputs: outs.map(([t, vout]) => ({ prevout: { txid: id(t), vout }, sequence: 0 })),
})
const out = (amount: bigint): TxOutput => ({ amount, lock: LOCK })

describe('outpointId', () => {
  it('is lowercase hex and the output index', () => {
    expect(outpointId(id(171), 2)).toBe(`${'ab'.repeat(32)}:2`)
    expect(outpointId('AB'.repeat(32), 0)).toBe(`${'ab'.repeat(32)}:0`)
  })
})

describe('txidsToFetch', () => {
  it('lists each spent transaction once, skipping known outputs and coinbases', () => {
    const known = new Map([[outpointId(id(3), 0), out(1n)]])
    const coinbase = { kind: 'coinbase' as const, inputs: [] }
    expect(
      txidsToFetch([spend([1, 0], [2, 1], [1, 1]), spend([3, 0], [2, 0]), coinbase], known),
    ).toEqual([toHex(id(1)), toHex(id(2))])
    expect(txidsToFetch([])).toEqual([])
  })
})

describe('spentOutputs', () => {
  it('takes known outputs first, then proven transactions, else undefined', () => {
    const known = new Map([[outpointId(id(1), 0), out(5n)]])
    const proven = new Map([[toHex(id(2)), { outputs: [out(7n), out(8n)] }]])
    const tx = spend([1, 0], [2, 1], [2, 9], [4, 0])
    expect(spentOutputs(tx, known, proven)).toEqual([out(5n), out(8n), undefined, undefined])
  })
})
