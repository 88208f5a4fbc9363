import { Writer } from '../codec/writer.js'
import { decodeTransaction, encodeTransaction } from '../tx/codec.js'
import type { Transaction } from '../tx/types.js'
import { cappedReader } from './codec.js'
import { PROTOCOL_LIMITS } from './limits.js'

/**
 * The `send-tx` request: the encoded transaction (protocol §5.1), witnesses included.
 * @throws {RangeError} an encoding over the request cap (`TX_LIMITS.maxEncodedBytes`).
 */
export function encodeSendTxRequest(tx: Transaction): Uint8Array {
  const bytes = encodeTransaction(tx)
  const max = PROTOCOL_LIMITS['send-tx'].maxRequestBytes
  if (bytes.length > max) throw new RangeError(`transaction of ${bytes.length} bytes over ${max}`)
  return bytes
}

/**
 * Decodes a `send-tx` request strictly: one transaction, nothing after it. Whether it is valid
 * is the mempool's to say.
 * @throws {DecodeError}
 */
export function decodeSendTxRequest(bytes: Uint8Array): Transaction {
  cappedReader(bytes, PROTOCOL_LIMITS['send-tx'].maxRequestBytes, 'send-tx request')
  return decodeTransaction(bytes)
}

/** The `send-tx` OK body: `txid[32]` of the accepted transaction. */
export function encodeSendTxResponse(txid: Uint8Array): Uint8Array {
  return new Writer(32).fixed(txid, 32).finish()
}

/**
 * The txid of an OK `send-tx` answer; that it is the sent transaction's is the caller's to check.
 * @throws {DecodeError} anything but exactly 32 bytes.
 */
export function decodeSendTxResponse(bytes: Uint8Array): Uint8Array {
  const r = cappedReader(bytes, 32, 'send-tx response')
  const txid = r.fixed(32, 'txid')
  r.finish()
  return txid
}
