import {
  encodeTransaction,
  type Lock,
  lockForPolicy,
  type Policy,
  SEQUENCE_FINAL,
  type SpentOutput,
  type Transaction,
  TX_VERSION,
  type TxOutput,
  toHex,
} from '@supernova/protocol'
import { WalletError } from './errors.js'

/** Most inputs one transfer spends; keeps the transaction well under size and sig-check caps. */
export const MAX_TRANSFER_INPUTS = 200
/** ed25519 signature length: the witness of a key policy has a fixed size, so sizes are exact. */
const SIGNATURE_BYTES = 64

/** A spendable output of the wallet's own lock. */
export type SpendableUtxo = { txid: Uint8Array; vout: number; amount: bigint }

export type BuildTransferParameters = {
  /** Candidate coins, all locked by `policy`. Only mature, confirmed coins belong here. */
  utxos: readonly SpendableUtxo[]
  /** Units paid to `to`. */
  amount: bigint
  to: Lock
  /** Where change goes (normally the wallet's own lock). */
  change: Lock
  /** The spend policy behind every coin's lock (a single-key policy). */
  policy: Policy
  /** Fee in units per byte of the encoded transaction (witnesses included). */
  feeRate: bigint
  /** Outputs below this are invalid: smaller change is left to the miner as fee. */
  dustThreshold: bigint
  maxInputs?: number
}

export type BuildTransferReturnType = {
  /** The unsigned transfer (witnesses empty). */
  tx: Transaction
  spent: (SpentOutput & { policy: Policy })[]
  fee: bigint
  /** Change returned to the wallet; 0n when none (dust change goes to the fee). */
  changeAmount: bigint
  /** Encoded size once signed, in bytes. */
  size: number
}

function unsignedTx(inputs: readonly SpendableUtxo[], outputs: readonly TxOutput[]): Transaction {
  return {
    version: TX_VERSION,
    kind: 'transfer',
    inputs: inputs.map((u) => ({
      prevout: { txid: u.txid, vout: u.vout },
      sequence: SEQUENCE_FINAL,
    })),
    outputs,
    locktime: 0,
    payload: new Uint8Array(0),
    witnesses: [],
  }
}

/** Encoded size of `tx` once every input carries a key-policy witness with one signature. */
function signedSize(tx: Transaction, policy: Policy): number {
  const satisfaction = { type: 'signature', signature: new Uint8Array(SIGNATURE_BYTES) } as const
  return encodeTransaction({ ...tx, witnesses: tx.inputs.map(() => ({ policy, satisfaction })) })
    .length
}

/**
 * Builds an unsigned transfer of `amount` to `to`: coins largest first until they cover the
 * amount plus the fee at `feeRate` for the exact signed size; change back to `change` unless it
 * would be dust, in which case it is added to the fee.
 * @throws {WalletError} `AMOUNT_BELOW_DUST`, `INSUFFICIENT_FUNDS` or `TOO_MANY_INPUTS`.
 */
export function buildTransfer(params: BuildTransferParameters): BuildTransferReturnType {
  const { amount, dustThreshold } = params
  if (amount < dustThreshold)
    throw new WalletError({
      code: 'AMOUNT_BELOW_DUST',
      message: `amount ${amount} units is below the dust threshold ${dustThreshold}`,
    })
  const maxInputs = params.maxInputs ?? MAX_TRANSFER_INPUTS
  const coins = dedupe(params.utxos).sort((a, b) =>
    a.amount > b.amount ? -1 : a.amount < b.amount ? 1 : 0,
  )
  const selected: SpendableUtxo[] = []
  let sum = 0n
  for (const coin of coins) {
    if (selected.length === maxInputs)
      throw new WalletError({
        code: 'TOO_MANY_INPUTS',
        message: `paying ${amount} units needs more than ${maxInputs} coins; send a smaller amount first`,
      })
    selected.push(coin)
    sum += coin.amount
    if (sum < amount) continue
    const built = tryBuild(params, selected, sum)
    if (built) return built
  }
  throw new WalletError({
    code: 'INSUFFICIENT_FUNDS',
    message: `spendable balance ${sum} units does not cover ${amount} units plus the fee`,
    details: { spendable: sum.toString(), amount: amount.toString() },
  })
}

function tryBuild(
  p: BuildTransferParameters,
  selected: readonly SpendableUtxo[],
  sum: bigint,
): BuildTransferReturnType | undefined {
  const pay: TxOutput = { amount: p.amount, lock: p.to }
  const lock = lockForPolicy(p.policy)
  const spent = selected.map((u) => ({ amount: u.amount, lock, policy: p.policy }))
  // With change: only when the change output itself is not dust.
  const withChange = unsignedTx(selected, [pay, { amount: 0n, lock: p.change }])
  const sizeWithChange = signedSize(withChange, p.policy)
  const changeAmount = sum - p.amount - p.feeRate * BigInt(sizeWithChange)
  if (changeAmount >= p.dustThreshold) {
    const tx = unsignedTx(selected, [pay, { amount: changeAmount, lock: p.change }])
    const fee = sum - p.amount - changeAmount
    return { tx, spent, fee, changeAmount, size: sizeWithChange }
  }
  const tx = unsignedTx(selected, [pay])
  const size = signedSize(tx, p.policy)
  if (sum - p.amount < p.feeRate * BigInt(size)) return undefined
  return { tx, spent, fee: sum - p.amount, changeAmount: 0n, size }
}

function dedupe(utxos: readonly SpendableUtxo[]): SpendableUtxo[] {
  const seen = new Map<string, SpendableUtxo>()
  for (const u of utxos) seen.set(`${toHex(u.txid)}:${u.vout}`, u)
  return [...seen.values()]
}
