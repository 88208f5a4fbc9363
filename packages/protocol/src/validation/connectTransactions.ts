import { equalBytes, toHex } from '../bytes.js'
import { BaseError } from '../errors.js'
import type { ChainParams } from '../params/types.js'
import type { Lock } from '../policy/types.js'
import type { SmtChange } from '../smt/applyChanges.js'
import type { SparseMerkleTree } from '../smt/SparseMerkleTree.js'
import { utxoKey, utxoValueHash } from '../tx/hashes.js'
import type { OutPoint, Transaction, UtxoEntry } from '../tx/types.js'
import { fail, ValidationError } from './errors.js'
import {
  type InputSignature,
  outpointKey,
  type UtxoCommitment,
  type UtxoLookup,
  verifyTransactionInputs,
} from './verifyTransaction.js'

export type UtxoDiffEntry = {
  outpoint: OutPoint
  entry: UtxoEntry
  /**
   * The entry's key and value hash in the UTXO commitment: set on every created entry by
   * `applyUtxoDiff`, on a spent one when the lookup remembered it (`UtxoLookup.commitment`).
   */
  commitment?: UtxoCommitment | undefined
}

export type ConnectTransactionsParameters = {
  /** All transactions of the block, coinbase first. */
  transactions: readonly Transaction[]
  /** The txids, or a function giving transaction `t`'s txid when it is first needed. */
  txids: readonly Uint8Array[] | ((t: number) => Uint8Array)
  height: number
  medianTimePast: number
  params: ChainParams
  genesisHash: Uint8Array
  /** The UTXO set before the block. */
  utxos: UtxoLookup
  /**
   * Called with the signatures of whole transactions as soon as a chunk of them is collected
   * (and once more with the rest), so a caller can verify them on other threads while the
   * remaining transactions are checked. Chunks start at 32 signatures, so the verifiers start
   * early, and double up to `signatureChunk` (default 256).
   */
  onSignatures?: (signatures: (InputSignature & { tx: number })[]) => void
  signatureChunk?: number
}

export type ConnectTransactionsReturnType = {
  /** Σ fees of the non-coinbase transactions. */
  fees: bigint
  /** Outputs the block adds to the set (outputs created and spent within the block excluded). */
  created: UtxoDiffEntry[]
  /** Outputs the block removes from the set, with their entries: the block's undo data. */
  spent: UtxoDiffEntry[]
  /** Every signature the block's inputs need, tagged with tx and input index. */
  signatures: (InputSignature & { tx: number })[]
  /** Per transaction, the lock each input spends (matched to its witness's policy); [] for a coinbase. */
  inputLocks: Lock[][]
}

/**
 * Applies a block's transactions in order against the UTXO set (later transactions may spend
 * earlier ones' outputs), enforcing every per-transaction contextual rule and no double spends
 * inside the block. Signatures are collected, not verified.
 * @throws {ValidationError}
 */
export function connectTransactions(
  p: ConnectTransactionsParameters,
): ConnectTransactionsReturnType {
  const created = new Map<string, UtxoDiffEntry>()
  const spentInBlock = new Set<string>()
  const spent: UtxoDiffEntry[] = []
  const signatures: (InputSignature & { tx: number })[] = []
  const inputLocks: Lock[][] = []
  const view: UtxoLookup = {
    get(o) {
      const k = outpointKey(o)
      return created.get(k)?.entry ?? (spentInBlock.has(k) ? undefined : p.utxos.get(o))
    },
  }
  let fees = 0n
  let emitted = 0
  const maxChunk = p.signatureChunk ?? 256
  let chunk = Math.min(32, maxChunk)
  for (let t = 0; t < p.transactions.length; t++) {
    const tx = p.transactions[t]!
    const txid = typeof p.txids === 'function' ? p.txids(t) : p.txids[t]!
    // Index 0 is the coinbase only if it is one; anything else goes through every input rule
    // (and a coinbase anywhere but first is rejected there).
    if (t > 0 || tx.kind !== 'coinbase') {
      const keys = tx.inputs.map((i) => outpointKey(i.prevout))
      for (let i = 0; i < keys.length; i++) {
        if (spentInBlock.has(keys[i]!))
          fail(
            'BLOCK_DOUBLE_SPEND',
            `transaction ${t} input ${i} spends an output already spent in this block`,
            { tx: t, input: i },
          )
      }
      // Inline rather than withErrorContext: no closure per transaction on the hot path.
      let r: ReturnType<typeof verifyTransactionInputs>
      try {
        r = verifyTransactionInputs({
          tx,
          utxos: view,
          height: p.height,
          medianTimePast: p.medianTimePast,
          params: p.params,
          genesisHash: p.genesisHash,
          txid,
        })
      } catch (e) {
        if (e instanceof ValidationError)
          Object.assign(e.details as Record<string, unknown>, { tx: t })
        throw e
      }
      fees += r.fee
      inputLocks.push(r.spent.map((e) => e.lock))
      // The signatures are fresh objects of this call: tag them in place.
      for (const s of r.signatures) {
        ;(s as InputSignature & { tx: number }).tx = t
        signatures.push(s as InputSignature & { tx: number })
      }
      if (p.onSignatures && signatures.length - emitted >= chunk) {
        p.onSignatures(signatures.slice(emitted))
        emitted = signatures.length
        chunk = Math.min(chunk * 2, maxChunk)
      }
      if (signatures.length > p.params.maxBlockSigChecks) {
        fail(
          'BLOCK_TOO_MANY_SIG_CHECKS',
          `the block needs more than ${p.params.maxBlockSigChecks} signature checks`,
          { tx: t, max: p.params.maxBlockSigChecks },
        )
      }
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!
        spentInBlock.add(k)
        if (created.has(k)) created.delete(k)
        else {
          const outpoint = tx.inputs[i]!.prevout
          spent.push({ outpoint, entry: r.spent[i]!, commitment: p.utxos.commitment?.(outpoint) })
        }
      }
    } else inputLocks.push([])
    const coinbase = tx.kind === 'coinbase'
    for (let vout = 0; vout < tx.outputs.length; vout++) {
      const o = tx.outputs[vout]!
      const outpoint = { txid, vout }
      created.set(outpointKey(outpoint), {
        outpoint,
        entry: { amount: o.amount, lock: o.lock, height: p.height, coinbase },
      })
    }
  }
  if (p.onSignatures && signatures.length > emitted) p.onSignatures(signatures.slice(emitted))
  return { fees, created: [...created.values()], spent, signatures, inputLocks }
}

/**
 * The UTXO set and its commitment disagree: a store or caller bug, never the block's fault. The
 * node must stop and resynchronise rather than carry on with a root the network does not share.
 */
export class UtxoCommitmentError extends BaseError<'UTXO_SET_INCONSISTENT'> {
  override name = 'UtxoCommitmentError'
}

/**
 * The UTXO commitment after applying a block's diff. Every spent entry must be in the tree with
 * exactly that value, and no created outpoint may already exist (BIP30): the set and its
 * commitment are cross-checked on every block. A spent entry's `commitment`, when given, is used
 * instead of hashing it; every created entry gets its `commitment` set (the caller's objects).
 * @throws {UtxoCommitmentError} when a spent entry is not what the tree holds.
 * @throws {ValidationError} `BLOCK_DUPLICATE_OUTPUT` when an outpoint would be created twice.
 */
export function applyUtxoDiff(
  tree: SparseMerkleTree,
  diff: { created: readonly UtxoDiffEntry[]; spent: readonly UtxoDiffEntry[] },
): SparseMerkleTree {
  // Both checks ride on the update's own descent; only a refusal pays for naming the culprit.
  const changes: SmtChange[] = []
  for (const s of diff.spent) {
    const c = s.commitment
    if (c !== undefined) changes.push({ key: c.key, valueHash: null, expect: c.valueHash })
    else changes.push({ key: utxoKey(s.outpoint), valueHash: null, expect: utxoValueHash(s.entry) })
  }
  for (const c of diff.created) {
    // Handed back with the entry (for a view that spends it later): the tree keeps these arrays.
    c.commitment = { key: utxoKey(c.outpoint), valueHash: utxoValueHash(c.entry) }
    changes.push({ key: c.commitment.key, valueHash: c.commitment.valueHash, expect: 'absent' })
  }
  // Keys and value hashes are never written to, by the tree or anyone holding them: it may keep them.
  const next = tree.updateChecked(changes, { adopt: true })
  if (next) return next
  explainRefusedDiff(tree, diff)
  throw new UtxoCommitmentError({
    code: 'UTXO_SET_INCONSISTENT',
    message: 'the block changes an outpoint twice in the UTXO commitment',
  })
}

/** Throws the first broken expectation of a refused diff, in diff order. */
function explainRefusedDiff(
  tree: SparseMerkleTree,
  diff: { created: readonly UtxoDiffEntry[]; spent: readonly UtxoDiffEntry[] },
): void {
  for (const s of diff.spent) {
    const held = tree.get(utxoKey(s.outpoint))
    if (held === undefined || !equalBytes(held, utxoValueHash(s.entry))) {
      throw new UtxoCommitmentError({
        code: 'UTXO_SET_INCONSISTENT',
        message: `spent output ${toHex(s.outpoint.txid)}:${s.outpoint.vout} is ${held ? 'different' : 'missing'} in the UTXO commitment`,
      })
    }
  }
  for (const c of diff.created) {
    if (tree.has(utxoKey(c.outpoint)))
      fail(
        'BLOCK_DUPLICATE_OUTPUT',
        `output ${toHex(c.outpoint.txid)}:${c.outpoint.vout} already exists`,
        { vout: c.outpoint.vout },
      )
  }
}
