import type { Transaction } from '@supernova/protocol'

/** Σ of a transaction's output amounts. */
export function sumOutputs(tx: Pick<Transaction, 'outputs'>): bigint {
  let total = 0n
  for (const o of tx.outputs) total += o.amount
  return total
}

/** What the fee of a transaction is, as far as the proven inputs tell. */
export type FeeResult =
  /** A coinbase spends nothing and pays no fee: it creates the block reward. */
  | { kind: 'coinbase' }
  /** Some inputs' amounts are not proven (yet): the fee cannot be told. */
  | { kind: 'unknown'; missing: number }
  | { kind: 'fee'; fee: bigint; inputs: bigint; outputs: bigint }

export type TransactionFeeParameters = {
  tx: Pick<Transaction, 'kind' | 'inputs' | 'outputs'>
  /** The amount each input spends, in input order; undefined where it is not proven (yet). */
  inputAmounts: readonly (bigint | undefined)[]
}

/**
 * The fee of a transaction: Σ amounts of the outputs it spends − Σ its outputs. Only from amounts
 * the caller proved (the spent outputs of Merkle-proven transactions); a coinbase has none.
 * @throws {RangeError} `inputAmounts` not one per input, or outputs above inputs (no valid
 * transaction pays out more than it spends: the amounts belong to another transaction).
 */
export function transactionFee({ tx, inputAmounts }: TransactionFeeParameters): FeeResult {
  if (tx.kind === 'coinbase') return { kind: 'coinbase' }
  if (inputAmounts.length !== tx.inputs.length)
    throw new RangeError(`${inputAmounts.length} input amounts for ${tx.inputs.length} inputs`)
  const missing = inputAmounts.filter((a) => a === undefined).length
  if (missing > 0) return { kind: 'unknown', missing }
  let inputs = 0n
  for (const a of inputAmounts) inputs += a as bigint
  const outputs = sumOutputs(tx)
  if (outputs > inputs)
    throw new RangeError(`outputs (${outputs}) exceed the inputs (${inputs}) they spend`)
  return { kind: 'fee', fee: inputs - outputs, inputs, outputs }
}

/**
 * Fee per encoded byte (witnesses included, as the mempool measures it), in base units.
 * @throws {RangeError} size not a positive integer, fee negative.
 */
export function feeRate(fee: bigint, size: number): number {
  if (!Number.isSafeInteger(size) || size < 1)
    throw new RangeError(`size must be a positive integer, got ${size}`)
  if (fee < 0n) throw new RangeError(`fee must not be negative, got ${fee}`)
  return Number(fee) / size
}

/** A fee rate for people: `12.5 units/byte` (up to two decimals, trailing zeros dropped). */
export function formatFeeRate(rate: number): string {
  const text = rate >= 100 ? Math.round(rate).toLocaleString('en-US') : `${Number(rate.toFixed(2))}`
  return `${text} units/byte`
}
