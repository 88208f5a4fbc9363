import { Writer } from '../codec/writer.js'
import { decodeTransaction, encodeTransaction } from '../tx/codec.js'
import { type Transaction, TX_LIMITS } from '../tx/types.js'
import { cappedReader } from './codec.js'
import { PROTOCOL_LIMITS } from './limits.js'

/**
 * A transaction in the node's mempool (docs/network.md §2.1 `mempool-tx`), with its encoding.
 * Unverified: the txid, the inputs and the signatures are the caller's to check.
 */
export type MempoolTxMessage = {
  tx: Transaction
  /** The transaction's encoding as sent (witnesses included): its size is `bytes.length`. */
  bytes: Uint8Array
  /** When the node first saw it (ms since the epoch, the node's clock). */
  firstSeen: number
}

/** `firstSeen u64 ‖ bytes tx` (tx in protocol §5.1 encoding, ≤ 1,000,000 bytes). */
export function encodeMempoolTxResponse(m: { tx: Transaction; firstSeen: number }): Uint8Array {
  const tx = encodeTransaction(m.tx)
  return new Writer(tx.length + 16).u64n(m.firstSeen).bytes(tx).finish()
}

/**
 * Decodes a `mempool-tx` OK body strictly (one transaction, nothing after it). Nothing is
 * verified: that it has the txid asked for, and that it is valid, are the caller's to check.
 * @throws {DecodeError}
 */
export function decodeMempoolTxResponse(bytes: Uint8Array): MempoolTxMessage {
  const r = cappedReader(
    bytes,
    PROTOCOL_LIMITS['mempool-tx'].maxResponseBytes - 1,
    'mempool-tx response',
  )
  const firstSeen = r.u64n('firstSeen')
  const txBytes = r.bytes(TX_LIMITS.maxEncodedBytes, 'tx')
  r.finish()
  return { tx: decodeTransaction(txBytes), bytes: txBytes, firstSeen }
}
