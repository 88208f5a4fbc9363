import { withScratchWriter } from '../codec/scratch.js'
import { hashRange } from '../hash/blake3.js'
import { writeOutPoint, writeTransaction, writeTxBase, writeUtxoEntry } from './codec.js'
import type { OutPoint, Transaction, UtxoEntry } from './types.js'

export type TransactionIds = {
  /** Hash of the witness-free encoding: what outpoints refer to; not malleable by witnesses. */
  txid: Uint8Array
  /** Hash of the full encoding: what the block's txRoot commits to. */
  wtxid: Uint8Array
  /** Encoded size in bytes, witnesses included. */
  size: number
}

/** Encodes once and returns both ids and the size. */
export function computeTransactionIds(tx: Transaction): TransactionIds {
  return withScratchWriter((w) => {
    const baseLength = writeTransaction(w, tx)
    const bytes = w.scratch()
    return {
      txid: hashRange('txid', bytes, 0, baseLength),
      wtxid: hashRange('wtxid', bytes, 0, w.length),
      size: w.length,
    }
  })
}

/** The txid alone: witnesses are neither encoded nor needed (a transaction being signed has none). */
export function computeTxid(tx: Transaction): Uint8Array {
  return withScratchWriter((w) => {
    writeTxBase(w, tx)
    return hashRange('txid', w.scratch(), 0, w.length)
  })
}

/** The sparse-Merkle key of an outpoint in the UTXO commitment. */
export function utxoKey(outpoint: OutPoint): Uint8Array {
  return withScratchWriter((w) => {
    writeOutPoint(w, outpoint)
    return hashRange('smtKey', w.scratch(), 0, w.length)
  })
}

/** The sparse-Merkle value hash of an unspent output. */
export function utxoValueHash(entry: UtxoEntry): Uint8Array {
  return withScratchWriter((w) => {
    writeUtxoEntry(w, entry)
    return hashRange('utxo', w.scratch(), 0, w.length)
  })
}
