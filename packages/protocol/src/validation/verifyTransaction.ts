import { equalBytes, toHex } from '../bytes.js'
import type { SignatureSchemes } from '../crypto/types.js'
import { BaseError } from '../errors.js'
import type { ChainParams } from '../params/types.js'
import { checkPolicy } from '../policy/check.js'
import { isLockForPolicy } from '../policy/codec.js'
import {
  LOCKTIME_THRESHOLD,
  type RequiredSignature,
  SEQUENCE_DISABLE_FLAG,
  SEQUENCE_FINAL,
} from '../policy/types.js'
import { computeSighash, createSighashContext } from '../tx/sighash.js'
import {
  ACTIVE_TX_KINDS,
  type OutPoint,
  type Transaction,
  TX_LIMITS,
  TX_VERSION,
  type UtxoEntry,
} from '../tx/types.js'
import { fail } from './errors.js'

/** An unspent output's place in the UTXO commitment: `utxoKey(outpoint)`, `utxoValueHash(entry)`. */
export type UtxoCommitment = { key: Uint8Array; valueHash: Uint8Array }

/** Synchronous UTXO lookup; async stores prefetch a block's inputs into one of these. */
export type UtxoLookup = {
  get(outpoint: OutPoint): UtxoEntry | undefined
  /**
   * The commitment of the entry `get` returns for `outpoint`, when the view still holds what
   * `applyUtxoDiff` computed as it created the output (the diff's `created[].commitment`): block
   * validation then does not hash the spent output again. It must be exactly that output's.
   */
  commitment?(outpoint: OutPoint): UtxoCommitment | undefined
}

/**
 * A string key for maps of outpoints; in memory only, never persisted or shown. A well-formed
 * outpoint (32-byte txid, u32 vout) maps one to one onto 18 UTF-16 code units — the txid's 16
 * little-endian byte pairs, then vout's low and high halves — which builds and hashes ~6× faster
 * than hex (block validation makes several lookups per input). Anything else gets a hex key of
 * another length, so it can never collide with a well-formed one.
 */
export function outpointKey(o: OutPoint): string {
  const t = o.txid
  const v = o.vout
  if (t.length === 32 && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) {
    return String.fromCharCode(
      t[0]! | (t[1]! << 8),
      t[2]! | (t[3]! << 8),
      t[4]! | (t[5]! << 8),
      t[6]! | (t[7]! << 8),
      t[8]! | (t[9]! << 8),
      t[10]! | (t[11]! << 8),
      t[12]! | (t[13]! << 8),
      t[14]! | (t[15]! << 8),
      t[16]! | (t[17]! << 8),
      t[18]! | (t[19]! << 8),
      t[20]! | (t[21]! << 8),
      t[22]! | (t[23]! << 8),
      t[24]! | (t[25]! << 8),
      t[26]! | (t[27]! << 8),
      t[28]! | (t[29]! << 8),
      t[30]! | (t[31]! << 8),
      v & 0xffff,
      v >>> 16,
    )
  }
  const odd = `x${toHex(t)}:${String(v)}`
  return odd.length === 18 ? `${odd}.` : odd
}

export type VerifyTransactionStructureParameters = {
  tx: Transaction
  /** Encoded size in bytes, witnesses included. */
  size: number
  params: ChainParams
}

/**
 * Context-free rules: size, version, active kind, input/output shape, no duplicate inputs, no
 * dust, amounts within the supply cap, coinbase shape.
 * @throws {ValidationError} with a TX_* code.
 */
export function verifyTransactionStructure({
  tx,
  size,
  params,
}: VerifyTransactionStructureParameters): void {
  if (size > params.maxTxBytes)
    fail('TX_TOO_LARGE', `transaction is ${size} bytes, the limit is ${params.maxTxBytes}`, {
      size,
      max: params.maxTxBytes,
    })
  if (tx.version !== TX_VERSION)
    fail('TX_BAD_VERSION', `unsupported transaction version ${tx.version}`, { version: tx.version })
  if (!ACTIVE_TX_KINDS.has(tx.kind))
    fail('TX_KIND_NOT_ACTIVE', `transaction kind '${tx.kind}' is not active on this chain yet`, {
      kind: tx.kind,
    })
  if (tx.witnesses.length !== tx.inputs.length) {
    fail('TX_WITNESS_MISMATCH', `${tx.inputs.length} inputs but ${tx.witnesses.length} witnesses`, {
      inputs: tx.inputs.length,
      witnesses: tx.witnesses.length,
    })
  }
  if (tx.kind === 'coinbase') {
    if (tx.inputs.length > 0)
      fail('TX_COINBASE_HAS_INPUTS', 'a coinbase spends nothing', { inputs: tx.inputs.length })
    if (tx.locktime !== 0)
      fail('TX_COINBASE_BAD_LOCKTIME', `a coinbase has locktime 0, not ${tx.locktime}`, {
        locktime: tx.locktime,
      })
    if (tx.payload.length < 4 || tx.payload.length > 4 + TX_LIMITS.maxCoinbaseExtraBytes) {
      fail(
        'TX_COINBASE_BAD_PAYLOAD',
        `coinbase payload must be 4..${4 + TX_LIMITS.maxCoinbaseExtraBytes} bytes (height, then miner data)`,
        { length: tx.payload.length },
      )
    }
  } else {
    if (tx.inputs.length === 0) fail('TX_NO_INPUTS', 'transaction has no inputs')
    if (tx.outputs.length === 0) fail('TX_NO_OUTPUTS', 'transaction has no outputs')
  }
  if (tx.inputs.length > 1) {
    const seen = new Set<string>()
    for (let i = 0; i < tx.inputs.length; i++) {
      const k = outpointKey(tx.inputs[i]!.prevout)
      if (seen.has(k))
        fail('TX_DUPLICATE_INPUT', `input ${i} spends an outpoint an earlier input spends`, {
          input: i,
        })
      seen.add(k)
    }
  }
  let total = 0n
  for (let i = 0; i < tx.outputs.length; i++) {
    const amount = tx.outputs[i]!.amount
    if (amount < params.dustThreshold)
      fail(
        'TX_OUTPUT_DUST',
        `output ${i} of ${amount} is below the dust threshold ${params.dustThreshold}`,
        { output: i, amount: amount.toString() },
      )
    if (amount > params.maxSupply)
      fail('TX_OUTPUT_TOO_LARGE', `output ${i} exceeds the supply cap`, {
        output: i,
        amount: amount.toString(),
      })
    total += amount
    if (total > params.maxSupply)
      fail('TX_OUTPUTS_OVERFLOW', 'outputs add up to more than the supply cap', { output: i })
  }
}

/** The coinbase's committed height (first four payload bytes, little-endian). */
export function coinbaseHeight(tx: Transaction): number {
  const p = tx.payload
  return (p[0]! | (p[1]! << 8) | (p[2]! << 16) | (p[3]! << 24)) >>> 0
}

export type VerifyTransactionInputsParameters = {
  tx: Transaction
  utxos: UtxoLookup
  /** Height of the block the transaction is (or would be) in. */
  height: number
  /** Median time past (ms) of that block's parent. */
  medianTimePast: number
  params: ChainParams
  /** Genesis hash of the network, committed in every sighash (cross-network replay protection). */
  genesisHash: Uint8Array
  /** The transaction's txid when the caller has it (it must be of `tx`); computed if not. */
  txid?: Uint8Array
}

export type InputSignature = RequiredSignature & { input: number }

export type VerifyTransactionInputsReturnType = {
  fee: bigint
  spent: UtxoEntry[]
  /** Signatures that must verify; the caller batch-verifies them (see `verifySignatures`). */
  signatures: InputSignature[]
}

/**
 * Contextual rules of a non-coinbase transaction against the UTXO set: inputs exist and are
 * mature, absolute and relative locks are met, each revealed policy matches the spent lock and is
 * satisfied, and no value is created. Signatures are returned, not verified.
 * @throws {ValidationError} with a TX_* code.
 */
export function verifyTransactionInputs(
  p: VerifyTransactionInputsParameters,
): VerifyTransactionInputsReturnType {
  const { tx, utxos, height, params } = p
  if (tx.kind === 'coinbase')
    fail('TX_UNEXPECTED_COINBASE', 'a coinbase is only valid as the first transaction of a block')
  const allFinal = tx.inputs.every((i) => i.sequence === SEQUENCE_FINAL)
  if (tx.locktime !== 0 && !allFinal) {
    const bound = tx.locktime < LOCKTIME_THRESHOLD ? height : Math.floor(p.medianTimePast / 1000)
    if (tx.locktime >= bound)
      fail('TX_NOT_FINAL', `locktime ${tx.locktime} not yet reached (${bound})`, {
        locktime: tx.locktime,
        bound,
      })
  }
  const spent: UtxoEntry[] = new Array(tx.inputs.length)
  let inputTotal = 0n
  for (let i = 0; i < tx.inputs.length; i++) {
    const input = tx.inputs[i]!
    const entry = utxos.get(input.prevout)
    if (!entry)
      fail('TX_MISSING_INPUT', `input ${i} spends an unknown or spent output`, {
        input: i,
        txid: toHex(input.prevout.txid),
        vout: input.prevout.vout,
      })
    const age = height - entry.height
    if (entry.coinbase && age < params.coinbaseMaturity) {
      fail(
        'TX_IMMATURE_COINBASE',
        `input ${i} spends a coinbase output ${age} blocks old; ${params.coinbaseMaturity} required`,
        { input: i, age },
      )
    }
    if ((input.sequence & SEQUENCE_DISABLE_FLAG) === 0 && age < input.sequence) {
      fail(
        'TX_SEQUENCE_LOCKED',
        `input ${i} is relatively locked for ${input.sequence} blocks, the output is ${age} deep`,
        { input: i, age, sequence: input.sequence },
      )
    }
    if (!isLockForPolicy(entry.lock, tx.witnesses[i]!.policy))
      fail('TX_LOCK_MISMATCH', `input ${i} reveals a policy that does not match the spent lock`, {
        input: i,
      })
    spent[i] = entry
    inputTotal += entry.amount
  }
  let outputTotal = 0n
  for (const o of tx.outputs) outputTotal += o.amount
  if (inputTotal < outputTotal) {
    fail('TX_INPUTS_BELOW_OUTPUTS', `outputs (${outputTotal}) exceed inputs (${inputTotal})`, {
      inputs: inputTotal.toString(),
      outputs: outputTotal.toString(),
    })
  }
  const ctx = createSighashContext({ tx, spent, genesisHash: p.genesisHash, txid: p.txid })
  const signatures: InputSignature[] = []
  for (let i = 0; i < tx.inputs.length; i++) {
    const witness = tx.witnesses[i]!
    const context = {
      sighash: computeSighash(ctx, i),
      txLocktime: tx.locktime,
      sequence: tx.inputs[i]!.sequence,
    }
    let required: RequiredSignature[]
    try {
      required = checkPolicy({
        policy: witness.policy,
        satisfaction: witness.satisfaction,
        context,
      })
    } catch (e) {
      const code = (e as { code?: unknown }).code
      fail(
        'TX_POLICY_NOT_SATISFIED',
        `input ${i}: ${(e as Error).message}`,
        { input: i, policyCode: code },
        e,
      )
    }
    for (const r of required)
      signatures.push({ key: r.key, signature: r.signature, message: r.message, input: i })
    if (signatures.length > params.maxTxSigChecks) {
      fail(
        'TX_TOO_MANY_SIG_CHECKS',
        `the transaction needs more than ${params.maxTxSigChecks} signature checks`,
        { input: i, max: params.maxTxSigChecks },
      )
    }
  }
  return { fee: inputTotal - outputTotal, spent, signatures }
}

/**
 * Verifies collected signatures in one batch per scheme; on failure, finds the first bad one.
 * @throws {ValidationError} TX_BAD_SIGNATURE naming the input (and `tx` index when given).
 */
export async function verifySignatures(
  schemes: SignatureSchemes,
  signatures: readonly (InputSignature & { tx?: number })[],
): Promise<void> {
  if (signatures.length === 0) return
  const groups = new Map<string, (InputSignature & { tx?: number })[]>()
  for (let k = 0; k < signatures.length; k++) {
    const s = signatures[k]!
    // The same (key, message, signature) is checked once, however often a policy repeats it.
    // Repeats can only come from one input's policy (every input signs its own sighash), so only
    // the earlier signatures of the same input are compared.
    let repeat = false
    for (let j = k - 1; j >= 0; j--) {
      const p = signatures[j]!
      if (p.input !== s.input || p.tx !== s.tx) break
      if (
        p.key.scheme === s.key.scheme &&
        equalBytes(p.key.publicKey, s.key.publicKey) &&
        equalBytes(p.signature, s.signature) &&
        equalBytes(p.message, s.message)
      ) {
        repeat = true
        break
      }
    }
    if (repeat) continue
    const g = groups.get(s.key.scheme)
    if (g) g.push(s)
    else groups.set(s.key.scheme, [s])
  }
  for (const [scheme, group] of groups) {
    const impl = schemes[scheme as keyof SignatureSchemes]
    const items = group.map((s) => ({
      publicKey: s.key.publicKey,
      message: s.message,
      signature: s.signature,
    }))
    if (await impl.batchVerify(items)) continue
    for (let i = 0; i < group.length; i++) {
      if (!(await impl.verify(items[i]!))) {
        const s = group[i]!
        fail(
          'TX_BAD_SIGNATURE',
          `invalid ${scheme} signature on input ${s.input}${s.tx === undefined ? '' : ` of transaction ${s.tx}`}`,
          { input: s.input, tx: s.tx, scheme },
        )
      }
    }
    // Every signature verified alone but the batch failed: a backend bug, not the block's fault.
    throw new BaseError({
      code: 'BATCH_VERIFY_INCONSISTENT',
      message: `${scheme} batch verification failed although each signature verifies alone`,
      details: { scheme },
    })
  }
}
