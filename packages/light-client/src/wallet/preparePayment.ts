import {
  encodeAddress,
  getChainParams,
  type Lock,
  type OutPoint,
  outpointKey,
  type Policy,
  type SpentOutput,
  type Transaction,
} from '@supernova/protocol'
import type { LightClient } from '../client/types.js'
import type { Verification } from '../verify/types.js'
import {
  type BuildTransactionReturnType,
  buildTransaction,
  type Payment,
  type SpendableUtxo,
} from './buildTransaction.js'
import { WalletError } from './errors.js'
import { DEFAULT_MAX_FEE_RATE } from './feeChoice.js'
import { PaymentError } from './paymentErrors.js'
import type { RandomNumber } from './random.js'
import type { Wallet } from './wallet.js'
import type { WalletAddress } from './walletAddresses.js'

/** UTXO requests in flight at once by default, and at most. */
export const DEFAULT_UTXO_CONCURRENCY = 4
const MAX_UTXO_CONCURRENCY = 16

export type PreparePaymentParameters = {
  /** The verified SDK: its `getUtxos` proves each coin unspent against a verified header. */
  client: Pick<LightClient, 'network' | 'getUtxos'>
  wallet: Wallet
  outputs: readonly Payment[]
  /** Base units per byte (e.g. a choice of `estimateFees`); at least the relay floor. */
  feeRate: bigint
  /** The account spent from (default 0); change goes to its next change address. */
  account?: number
  /** Refused above this (units per byte). Default 10,000 (`DEFAULT_MAX_FEE_RATE`). */
  maxFeeRate?: bigint
  /**
   * Coins not to spend: the inputs of this wallet's payments still pending (their coins stay in
   * the UTXO set until they confirm). See `SendPaymentReturnType.spentOutpoints`.
   */
  excludeOutpoints?: readonly OutPoint[]
  /** UTXO requests at once (1..16). Default 4. */
  concurrency?: number
  maxInputs?: number
  random?: RandomNumber
  signal?: AbortSignal
}

/** One output of the transaction as a review screen shows it. */
export type PaymentOutput = {
  vout: number
  address: string
  amount: bigint
  lock: Lock
  /** The change output back to this wallet. */
  change: boolean
  /** Pays an address of this wallet (the change, or a payment to oneself). */
  own: boolean
}

export type PreparedPayment = {
  network: LightClient['network']
  account: number
  /** Unsigned: `sendPayment` signs exactly this. */
  tx: Transaction
  spent: (SpentOutput & { policy: Policy })[]
  /** The coins spent, in input order. */
  inputs: SpendableUtxo[]
  outputs: PaymentOutput[]
  /** Σ of the payments (change excluded). */
  amount: bigint
  fee: bigint
  /** The rate asked for. */
  feeRate: bigint
  /** Exact signed size in bytes (the mempool's measure). */
  size: number
  change?: { vout: number; amount: bigint; address: string }
  algorithm: BuildTransactionReturnType['algorithm']
  /** The coins' verification: the lowest header any of them was proven unspent at. */
  verification: Verification
  /** False when an address had more than 1,000 UTXOs: only those received were candidates. */
  complete: boolean
}

/**
 * Prepares a payment for review: the wallet's verified UTXOs (each proven unspent by an SMT
 * membership proof against a verified header; immature coinbase outputs and `excludeOutpoints`
 * left out) → coin selection and an exactly sized unsigned transaction → its decoded outputs, fee
 * and change. Scans the account's addresses up to the next unused one on each chain (the next
 * receive address may already have been handed out). Nothing is signed or sent.
 * @throws {PaymentError} FEE_RATE_TOO_HIGH, NO_ADDRESSES.
 * @throws {WalletError} UNKNOWN_ACCOUNT, WRONG_NETWORK (the client is on another network).
 * @throws {CoinSelectionError} INSUFFICIENT_FUNDS (`details.available`, `details.needed`), TOO_MANY_INPUTS.
 * @throws {TransactionBuildError} INVALID_ADDRESS, AMOUNT_BELOW_DUST, INVALID_FEE_RATE (below the floor), …
 * @throws {LightClientError} the verified calls' codes (NO_PEER, ALL_PEERS_FAILED, ABORTED).
 * @example
 * const prepared = await preparePayment({ client, wallet,
 *   outputs: [{ address: 'tnova1…', amount: 5n * COIN }], feeRate: fees.normal.feeRate })
 * review(prepared.outputs, prepared.fee) // then: await sendPayment({ client, wallet, prepared })
 */
export async function preparePayment(p: PreparePaymentParameters): Promise<PreparedPayment> {
  const account = p.account ?? 0
  const maxFeeRate = p.maxFeeRate ?? DEFAULT_MAX_FEE_RATE
  if (typeof p.feeRate === 'bigint' && p.feeRate > maxFeeRate)
    throw new PaymentError({
      code: 'FEE_RATE_TOO_HIGH',
      message: `fee rate ${p.feeRate} is above the cap ${maxFeeRate} units per byte`,
      details: { feeRate: p.feeRate, maxFeeRate },
    })
  if (p.client.network !== p.wallet.network)
    throw new WalletError({
      code: 'WRONG_NETWORK',
      message: `the client is on ${p.client.network}, the wallet on ${p.wallet.network}`,
    })
  const params = getChainParams(p.wallet.network)
  const coins = await verifiedCoins(p, scannedAddresses(p.wallet, account), params.coinbaseMaturity)
  const change = await p.wallet.changeAddress({ account })
  const built = buildTransaction({
    utxos: coins.utxos,
    outputs: p.outputs,
    change: { address: change.address, policy: change.policy },
    feeRate: p.feeRate,
    params,
    ...(p.maxInputs === undefined ? {} : { maxInputs: p.maxInputs }),
    ...(p.random === undefined ? {} : { random: p.random }),
  })
  const outputs = built.tx.outputs.map(
    (o, vout): PaymentOutput => ({
      vout,
      address: encodeAddress({ network: p.wallet.network, lock: o.lock }),
      amount: o.amount,
      lock: o.lock,
      change: vout === built.change?.vout,
      own: p.wallet.findAddress({ lock: o.lock }) !== undefined,
    }),
  )
  return {
    network: p.wallet.network,
    account,
    tx: built.tx,
    spent: built.spent,
    inputs: built.inputs,
    outputs,
    amount: outputs.reduce((s, o) => (o.change ? s : s + o.amount), 0n),
    fee: built.fee,
    feeRate: p.feeRate,
    size: built.size,
    ...(built.change ? { change: built.change } : {}),
    algorithm: built.algorithm,
    verification: coins.verification,
    complete: coins.complete,
  }
}

/** The account's addresses up to the next unused index of each chain. */
function scannedAddresses(wallet: Wallet, account: number): WalletAddress[] {
  const summary = wallet.accounts().find((a) => a.index === account)
  if (summary === undefined)
    throw new WalletError({
      code: 'UNKNOWN_ACCOUNT',
      message: `no account ${account}`,
      details: { index: account },
    })
  const next = { receive: summary.nextReceive, change: summary.nextChange }
  const addresses = wallet.addresses({ account }).filter((a) => a.index <= next[a.chain])
  if (addresses.length === 0)
    throw new PaymentError({ code: 'NO_ADDRESSES', message: `account ${account} has no address` })
  return addresses
}

/** Verified, mature, not excluded coins of `addresses`, `concurrency` requests at a time. */
async function verifiedCoins(
  p: PreparePaymentParameters,
  addresses: readonly WalletAddress[],
  maturity: number,
): Promise<{ utxos: SpendableUtxo[]; verification: Verification; complete: boolean }> {
  const concurrency = p.concurrency ?? DEFAULT_UTXO_CONCURRENCY
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_UTXO_CONCURRENCY)
    throw new RangeError(`concurrency ${concurrency} outside 1..${MAX_UTXO_CONCURRENCY}`)
  const excluded = new Set((p.excludeOutpoints ?? []).map(outpointKey))
  const utxos: SpendableUtxo[] = []
  let verification: Verification | undefined
  let complete = true
  for (let i = 0; i < addresses.length; i += concurrency) {
    const batch = addresses.slice(i, i + concurrency)
    const answers = await Promise.all(
      batch.map((a) =>
        p.client.getUtxos({ address: a.lock, ...(p.signal ? { signal: p.signal } : {}) }),
      ),
    )
    for (const [j, r] of answers.entries()) {
      const owner = batch[j]!
      complete &&= r.complete
      const at = r.verification
      if (verification === undefined || at.header.height < verification.header.height)
        verification = at
      for (const u of r.utxos) {
        // Spendable in the next block: a coinbase output `maturity` blocks deep by then.
        const mature = !u.entry.coinbase || at.header.height + 1 - u.entry.height >= maturity
        if (!mature || excluded.has(outpointKey(u.outpoint))) continue
        utxos.push({
          outpoint: u.outpoint,
          amount: u.entry.amount,
          lock: u.entry.lock,
          policy: owner.policy,
        })
      }
    }
  }
  return { utxos, verification: verification!, complete }
}
