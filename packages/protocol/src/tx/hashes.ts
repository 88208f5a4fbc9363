import { withScratchWriter } from '../codec/scratch.js'
import { hash } from '../hash/blake3.js'
import { writeOutPoint, writeTransaction, writeUtxoEntry } from './codec.js'
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
    const bytes = w.written()
    return {
      txid: hash('txid', bytes.subarray(0, baseLength)),
      wtxid: hash('wtxid', bytes),
      size: bytes.length,
    }
  })
}

export function computeTxid(tx: Transaction): Uint8Array {
  return computeTransactionIds(tx).txid
}

/** The sparse-Merkle key of an outpoint in the UTXO commitment. */
export function utxoKey(outpoint: OutPoint): Uint8Array {
  return withScratchWriter((w) => {
    writeOutPoint(w, outpoint)
    return hash('smtKey', w.written())
  })
}

/** The sparse-Merkle value hash of an unspent output. */
export function utxoValueHash(entry: UtxoEntry): Uint8Array {
  return withScratchWriter((w) => {
    writeUtxoEntry(w, entry)
    return hash('utxo', w.written())
  })
}
