/**
 * Exact sizes for fee computation. The node's mempool measures a transaction by its canonical
 * encoding with witnesses (`computeTransactionIds(tx).size`, i.e. `encodeTransaction(tx).length`)
 * and its fee rate as fee ÷ that size, in base units per byte. Single-key ed25519 and BIP340
 * witnesses have a fixed size (64-byte signatures), so a transaction's signed size is known
 * exactly before signing.
 */
import {
  encodePolicy,
  encodeSatisfaction,
  encodeTransaction,
  type Policy,
  type Transaction,
  TX_VERSION,
  type TxInput,
  type TxOutput,
  varintLength,
  type Witness,
} from '@supernova/protocol'
import { TransactionBuildError } from './errors.js'

/** Signature length of the wallet's schemes (ed25519 and BIP340 alike). */
const SIGNATURE_BYTES = 64
/** Outpoint (32-byte txid, u32 vout) and u32 sequence. */
const INPUT_BASE_BYTES = 36 + 4

/** A witness of `policy` with a placeholder signature of the real length. */
export function placeholderWitness(policy: Policy): Witness {
  assertSizablePolicy(policy)
  return { policy, satisfaction: { type: 'signature', signature: new Uint8Array(SIGNATURE_BYTES) } }
}

/**
 * Throws unless `policy` is a single ed25519 or secp256k1 key — the only policies whose witness
 * size this builder knows.
 * @throws {TransactionBuildError} `UNSUPPORTED_POLICY`.
 */
export function assertSizablePolicy(policy: Policy): void {
  if (
    policy.type !== 'key' ||
    (policy.key.scheme !== 'ed25519' && policy.key.scheme !== 'secp256k1')
  )
    throw new TransactionBuildError({
      code: 'UNSUPPORTED_POLICY',
      message: 'only single ed25519 or secp256k1 key policies can be spent by this builder',
    })
}

/** Bytes one input spending an output of `policy` adds to the signed transaction. */
export function inputSize(policy: Policy): number {
  const w = placeholderWitness(policy)
  return (
    INPUT_BASE_BYTES +
    encodePolicy(w.policy).length +
    encodeSatisfaction(w.satisfaction, w.policy).length
  )
}

/** An unsigned transfer with final sequences and locktime 0. */
export function transferSkeleton(
  inputs: readonly TxInput[],
  outputs: readonly TxOutput[],
): Transaction {
  return {
    version: TX_VERSION,
    kind: 'transfer',
    inputs,
    outputs,
    locktime: 0,
    payload: new Uint8Array(0),
    witnesses: [],
  }
}

/** Encoded size of `tx` once each input carries its placeholder witness. */
export function signedSize(tx: Transaction, policies: readonly Policy[]): number {
  return encodeTransaction({ ...tx, witnesses: policies.map(placeholderWitness) }).length
}

/**
 * Bytes of a transfer with `outputs` and no inputs, counting the input-count varint for up to
 * `maxInputs` inputs (so it never undercounts; over by a byte or two at most).
 */
export function baseSize(outputs: readonly TxOutput[], maxInputs: number): number {
  return encodeTransaction(transferSkeleton([], outputs)).length - 1 + varintLength(maxInputs)
}
