import {
  type ChainParams,
  isLockForPolicy,
  type Lock,
  type OutPoint,
  outpointKey,
  type Policy,
  SEQUENCE_FINAL,
  type SpentOutput,
  type Transaction,
  type TxOutput,
} from '@supernova/protocol'
import { TransactionBuildError } from './errors.js'
import { cryptoRandomNumber, type RandomNumber, randomIndex } from './random.js'
import { DEFAULT_MAX_INPUTS, selectCoins } from './selectCoins.js'
import { assertSizablePolicy, baseSize, inputSize, signedSize, transferSkeleton } from './txSize.js'
import { decodeRecipient, validatePayments } from './validatePayments.js'

/** A coin the wallet can spend: where it is, what it holds, and the policy behind its lock. */
export type SpendableUtxo = { outpoint: OutPoint; amount: bigint; lock: Lock; policy: Policy }

/** One payment: a bech32m address of the builder's network and an amount in base units. */
export type Payment = { address: string; amount: bigint }

export type BuildTransactionParameters = {
  /** Candidate coins: confirmed and mature (coinbase outputs `coinbaseMaturity` deep). */
  utxos: readonly SpendableUtxo[]
  outputs: readonly Payment[]
  /** Where change goes, with the policy behind that address (a wallet `changeAddress()` fits). */
  change: { address: string; policy: Policy }
  /**
   * Fee rate in base units per byte of the signed transaction's canonical encoding, witnesses
   * included — the unit of the node's mempool (`fee / computeTransactionIds(tx).size`), its relay
   * floor `params.mempool.minFeeRate` and its `estimateFee` answer. At least the relay floor.
   */
  feeRate: bigint
  params: ChainParams
  maxInputs?: number
  /** Randomness for coin selection's fallback and the order of inputs and change. */
  random?: RandomNumber
}

export type BuildTransactionReturnType = {
  /** The unsigned transaction (no witnesses): sign it with `wallet.signTransaction`. */
  tx: Transaction
  /** Per input, in order: what `signTransaction` needs. */
  spent: (SpentOutput & { policy: Policy })[]
  /** The coins spent, in input order. */
  inputs: SpendableUtxo[]
  /** Σ inputs − Σ outputs, at least `feeRate × size`. */
  fee: bigint
  /** Exact encoded size in bytes once signed (the mempool's measure). */
  size: number
  /** The change output, if any (never below the dust threshold). */
  change?: { vout: number; amount: bigint; address: string }
  algorithm: 'bnb' | 'knapsack'
}

/**
 * Builds an unsigned transfer paying `outputs`: validates the recipients (network included) and
 * amounts, selects coins (branch-and-bound, then a knapsack fallback with change ≥ dust), sizes
 * the signed transaction exactly and pays `feeRate` per byte of it. Inputs and the change
 * position are shuffled with `random`. Pure: no network, no keys.
 * @throws {TransactionBuildError} `INVALID_ADDRESS`, `INVALID_AMOUNT`, `AMOUNT_BELOW_DUST`,
 * `INVALID_FEE_RATE`, `NO_OUTPUTS`, `DUPLICATE_UTXO`, `UTXO_POLICY_MISMATCH`,
 * `UNSUPPORTED_POLICY`, `TX_TOO_LARGE`.
 * @throws {CoinSelectionError} `INSUFFICIENT_FUNDS` (with `available` and `needed`), `TOO_MANY_INPUTS`.
 * @example
 * const built = buildTransaction({ utxos, outputs: [{ address: 'tnova1…', amount: 10n * COIN }],
 *   change: await wallet.changeAddress(), feeRate: 2n, params: TESTNET })
 * const signed = wallet.signTransaction({ tx: built.tx, spent: built.spent })
 */
export function buildTransaction(p: BuildTransactionParameters): BuildTransactionReturnType {
  const random = p.random ?? cryptoRandomNumber
  const maxInputs = p.maxInputs ?? DEFAULT_MAX_INPUTS
  const payments = validatePayments(p.outputs, p.params)
  const changeLock = decodeRecipient(p.change.address, p.params, 'change')
  if (!isLockForPolicy(changeLock, p.change.policy))
    throw new TransactionBuildError({
      code: 'INVALID_ADDRESS',
      message: 'the change policy does not match the change address',
      details: { reason: 'CHANGE_POLICY_MISMATCH' },
    })
  assertSizablePolicy(p.change.policy)
  assertFeeRate(p.feeRate, p.params)
  const coins = checkUtxos(p.utxos)
  const target = payments.reduce((s, o) => s + o.amount, 0n)
  const changeOutput: TxOutput = { amount: 0n, lock: changeLock }
  const base = baseSize(payments, maxInputs)
  const selection = selectCoins({
    coins,
    target,
    baseSize: base,
    changeOutputSize: baseSize([...payments, changeOutput], maxInputs) - base,
    changeSpendSize: inputSize(p.change.policy),
    feeRate: p.feeRate,
    dustThreshold: p.params.dustThreshold,
    maxInputs,
    random,
  })
  const inputs = shuffle(
    selection.selected.map((c) => c.utxo),
    random,
  )
  const outputs = [...payments]
  const vout = selection.change > 0n ? randomIndex(random, outputs.length + 1) : -1
  if (vout >= 0) outputs.splice(vout, 0, changeOutput)
  const txInputs = inputs.map((u) => ({ prevout: u.outpoint, sequence: SEQUENCE_FINAL }))
  const size = signedSize(
    transferSkeleton(txInputs, outputs),
    inputs.map((u) => u.policy),
  )
  if (size > p.params.maxTxBytes)
    throw new TransactionBuildError({
      code: 'TX_TOO_LARGE',
      message: `the signed transaction would be ${size} bytes, over ${p.params.maxTxBytes}`,
      details: { size },
    })
  // The exact size is at most selection's estimate, so the change only grows (stays ≥ dust).
  if (vout >= 0)
    outputs[vout] = {
      ...changeOutput,
      amount: selection.inputTotal - target - p.feeRate * BigInt(size),
    }
  const tx = transferSkeleton(txInputs, outputs)
  const change =
    vout >= 0 ? { vout, amount: outputs[vout]!.amount, address: p.change.address } : undefined
  return {
    tx,
    spent: inputs.map((u) => ({ amount: u.amount, lock: u.lock, policy: u.policy })),
    inputs,
    fee: selection.inputTotal - outputs.reduce((s, o) => s + o.amount, 0n),
    size,
    ...(change ? { change } : {}),
    algorithm: selection.algorithm,
  }
}

/** The coins as selection candidates; checks each is spendable by its policy and unique. */
function checkUtxos(
  utxos: readonly SpendableUtxo[],
): { utxo: SpendableUtxo; amount: bigint; inputSize: number }[] {
  const seen = new Set<string>()
  return utxos.map((u, i) => {
    const key = outpointKey(u.outpoint)
    if (seen.has(key))
      throw new TransactionBuildError({
        code: 'DUPLICATE_UTXO',
        message: `coin ${i} is offered twice`,
        details: { index: i },
      })
    seen.add(key)
    if (typeof u.amount !== 'bigint' || u.amount <= 0n)
      throw new TransactionBuildError({
        code: 'INVALID_AMOUNT',
        message: `coin ${i} has no positive amount`,
        details: { index: i },
      })
    if (!isLockForPolicy(u.lock, u.policy))
      throw new TransactionBuildError({
        code: 'UTXO_POLICY_MISMATCH',
        message: `coin ${i}'s lock is not the lock of its policy`,
        details: { index: i },
      })
    return { utxo: u, amount: u.amount, inputSize: inputSize(u.policy) }
  })
}

function assertFeeRate(feeRate: bigint, params: ChainParams): void {
  if (typeof feeRate !== 'bigint' || feeRate < params.mempool.minFeeRate)
    throw new TransactionBuildError({
      code: 'INVALID_FEE_RATE',
      message: `fee rate must be a bigint of at least ${params.mempool.minFeeRate} units per byte (the relay floor)`,
      details: { minFeeRate: params.mempool.minFeeRate },
    })
}

/** Fisher–Yates with `random`, on a copy. */
function shuffle<T>(items: readonly T[], random: RandomNumber): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}
