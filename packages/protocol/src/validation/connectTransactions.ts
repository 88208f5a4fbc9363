import type { ChainParams } from '../params/types.js'
import type { SparseMerkleTree } from '../smt/SparseMerkleTree.js'
import { utxoKey, utxoValueHash } from '../tx/hashes.js'
import type { OutPoint, Transaction, UtxoEntry } from '../tx/types.js'
import { fail, withErrorContext } from './errors.js'
import {
  type InputSignature,
  outpointKey,
  type UtxoLookup,
  verifyTransactionInputs,
} from './verifyTransaction.js'

export type UtxoDiffEntry = { outpoint: OutPoint; entry: UtxoEntry }

export type ConnectTransactionsParameters = {
  /** All transactions of the block, coinbase first. */
  transactions: readonly Transaction[]
  txids: readonly Uint8Array[]
  height: number
  medianTimePast: number
  params: ChainParams
  genesisHash: Uint8Array
  /** The UTXO set before the block. */
  utxos: UtxoLookup
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
  const view: UtxoLookup = {
    get(o) {
      const k = outpointKey(o)
      return created.get(k)?.entry ?? (spentInBlock.has(k) ? undefined : p.utxos.get(o))
    },
  }
  let fees = 0n
  for (let t = 0; t < p.transactions.length; t++) {
    const tx = p.transactions[t]!
    if (t > 0) {
      const keys = tx.inputs.map((i) => outpointKey(i.prevout))
      for (let i = 0; i < keys.length; i++) {
        if (spentInBlock.has(keys[i]!))
          fail(
            'BLOCK_DOUBLE_SPEND',
            `transaction ${t} input ${i} spends an output already spent in this block`,
            { tx: t, input: i },
          )
      }
      const r = withErrorContext({ tx: t }, () =>
        verifyTransactionInputs({
          tx,
          utxos: view,
          height: p.height,
          medianTimePast: p.medianTimePast,
          params: p.params,
          genesisHash: p.genesisHash,
        }),
      )
      fees += r.fee
      for (const s of r.signatures) signatures.push({ ...s, tx: t })
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!
        spentInBlock.add(k)
        if (created.has(k)) created.delete(k)
        else spent.push({ outpoint: tx.inputs[i]!.prevout, entry: r.spent[i]! })
      }
    }
    const txid = p.txids[t]!
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
  return { fees, created: [...created.values()], spent, signatures }
}

/** The UTXO commitment after applying a block's diff. */
export function applyUtxoDiff(
  tree: SparseMerkleTree,
  diff: { created: readonly UtxoDiffEntry[]; spent: readonly UtxoDiffEntry[] },
): SparseMerkleTree {
  const changes: { key: Uint8Array; valueHash: Uint8Array | null }[] = []
  for (const s of diff.spent) changes.push({ key: utxoKey(s.outpoint), valueHash: null })
  for (const c of diff.created)
    changes.push({ key: utxoKey(c.outpoint), valueHash: utxoValueHash(c.entry) })
  return tree.update(changes)
}
