import { devnetAccount, encodeTransaction, type Lock } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { buildTransfer, type SpendableUtxo } from '../../src/wallet/buildTransfer.js'
import { WalletError } from '../../src/wallet/errors.js'
import { signTransfer } from '../../src/wallet/signTransfer.js'

const me = devnetAccount(0)
const them: Lock = devnetAccount(1).lock
const DUST = 546n

function coin(i: number, amount: bigint): SpendableUtxo {
  const txid = new Uint8Array(32)
  txid[0] = i
  return { txid, vout: i, amount }
}

const build = (utxos: SpendableUtxo[], amount: bigint, feeRate = 2n, maxInputs?: number) =>
  buildTransfer({
    utxos,
    amount,
    to: them,
    change: me.lock,
    policy: me.policy,
    feeRate,
    dustThreshold: DUST,
    ...(maxInputs ? { maxInputs } : {}),
  })

function codeOf(f: () => unknown): string | undefined {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(WalletError)
    return (e as WalletError).code
  }
  return undefined
}

describe('buildTransfer', () => {
  it('picks the largest coins first and returns change', () => {
    const r = build([coin(1, 1_000n), coin(2, 50_000n), coin(3, 20_000n)], 30_000n)
    expect(r.tx.inputs.map((i) => i.prevout.vout)).toEqual([2])
    expect(r.tx.outputs[0]).toEqual({ amount: 30_000n, lock: them })
    expect(r.tx.outputs[1]).toEqual({ amount: r.changeAmount, lock: me.lock })
    expect(r.fee + r.changeAmount + 30_000n).toBe(50_000n)
  })

  it('charges exactly feeRate × the signed size', () => {
    const r = build([coin(1, 40_000n), coin(2, 30_000n)], 60_000n, 3n)
    expect(r.tx.inputs).toHaveLength(2)
    const signed = signTransfer({
      tx: r.tx,
      spent: r.spent,
      secretKey: me.secretKey,
      publicKey: me.publicKey,
      genesisHash: new Uint8Array(32),
    })
    expect(encodeTransaction(signed.tx).length).toBe(r.size)
    expect(r.fee).toBe(3n * BigInt(r.size))
  })

  it('folds change below the dust threshold into the fee', () => {
    const oneOutput = build([coin(1, 100_000n)], 90_000n)
    const feeWithChange = 2n * BigInt(oneOutput.size)
    // Leave just under fee + dust: no change output, everything left is fee.
    const amount = 100_000n - feeWithChange - DUST + 1n
    const r = build([coin(1, 100_000n)], amount)
    expect(r.tx.outputs).toHaveLength(1)
    expect(r.changeAmount).toBe(0n)
    expect(r.fee).toBe(100_000n - amount)
    // At exactly fee + dust, change is kept.
    const kept = build([coin(1, 100_000n)], 100_000n - feeWithChange - DUST)
    expect(kept.changeAmount).toBe(DUST)
  })

  it('adds coins while the fee of the extra input is not covered', () => {
    const r = build([coin(1, 10_000n), coin(2, 10_000n)], 10_000n)
    expect(r.tx.inputs).toHaveLength(2)
  })

  it('fails with typed errors', () => {
    expect(codeOf(() => build([coin(1, 1_000n)], 1_000n))).toBe('INSUFFICIENT_FUNDS')
    expect(codeOf(() => build([], 1_000n))).toBe('INSUFFICIENT_FUNDS')
    expect(codeOf(() => build([coin(1, 10_000n)], 545n))).toBe('AMOUNT_BELOW_DUST')
    const many = Array.from({ length: 5 }, (_, i) => coin(i, 1_000n))
    expect(codeOf(() => build(many, 4_000n, 1n, 3))).toBe('TOO_MANY_INPUTS')
  })

  it('never spends the same coin twice, even if the node lists it twice', () => {
    const r = build([coin(1, 5_000n), coin(1, 5_000n), coin(2, 5_000n)], 8_000n, 1n)
    const keys = r.tx.inputs.map((i) => `${i.prevout.txid[0]}:${i.prevout.vout}`)
    expect(new Set(keys).size).toBe(keys.length)
  })
})
