import type { Lock, Transaction } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { feeRate, formatFeeRate, sumOutputs, transactionFee } from './fees'

const LOCK: Lock = { type: 'ed25519', policyHash: new Uint8Array(32) }
const outpoint = (vout: number) => ({ txid: new Uint8Array(32).fill(vout), vout })

function transfer(
  inputs: number,
  outputs: bigint[],
): Pick<Transaction, 'kind' | 'inputs' | 'outputs'> {
  return {
    kind: 'transfer',
    inputs: Array.from({ length: inputs }, (_, i) => ({ prevout: outpoint(i), sequence: 0 })),
    outputs: outputs.map((amount) => ({ amount, lock: LOCK })),
  }
}

describe('sumOutputs', () => {
  it('adds every output, beyond 2^53', () => {
    expect(sumOutputs(transfer(0, []))).toBe(0n)
    expect(sumOutputs(transfer(0, [2n ** 60n, 2n ** 60n, 1n]))).toBe(2n ** 61n + 1n)
  })
})

describe('transactionFee', () => {
  it('is inputs minus outputs once every input is proven', () => {
    expect(transactionFee({ tx: transfer(2, [700n, 250n]), inputAmounts: [600n, 400n] })).toEqual({
      kind: 'fee',
      fee: 50n,
      inputs: 1000n,
      outputs: 950n,
    })
    expect(transactionFee({ tx: transfer(1, [5n]), inputAmounts: [5n] })).toMatchObject({ fee: 0n })
  })

  it('says how many inputs are still unproven', () => {
    expect(
      transactionFee({ tx: transfer(3, [1n]), inputAmounts: [10n, undefined, undefined] }),
    ).toEqual({ kind: 'unknown', missing: 2 })
  })

  it('calls a coinbase a coinbase', () => {
    const coinbase = {
      kind: 'coinbase' as const,
      inputs: [],
      outputs: [{ amount: 5n, lock: LOCK }],
    }
    expect(transactionFee({ tx: coinbase, inputAmounts: [] })).toEqual({ kind: 'coinbase' })
  })

  it('refuses amounts that cannot belong to the transaction', () => {
    expect(() => transactionFee({ tx: transfer(2, [1n]), inputAmounts: [1n] })).toThrow(
      /1 input amounts for 2 inputs/,
    )
    expect(() => transactionFee({ tx: transfer(1, [10n]), inputAmounts: [9n] })).toThrow(
      /exceed the inputs/,
    )
  })
})

describe('feeRate and formatFeeRate', () => {
  it('divides the fee by the encoded size', () => {
    expect(feeRate(500n, 250)).toBe(2)
    expect(feeRate(0n, 100)).toBe(0)
    expect(formatFeeRate(feeRate(1000n, 300))).toBe('3.33 units/byte')
    expect(formatFeeRate(2)).toBe('2 units/byte')
    expect(formatFeeRate(12_345.6)).toBe('12,346 units/byte')
  })

  it('refuses a size that is not a positive integer and a negative fee', () => {
    expect(() => feeRate(1n, 0)).toThrow(RangeError)
    expect(() => feeRate(1n, 1.5)).toThrow(RangeError)
    expect(() => feeRate(-1n, 10)).toThrow(RangeError)
  })
})
