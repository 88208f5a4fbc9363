import { assertInputSize, Reader } from '../codec/reader.js'
import { Writer } from '../codec/writer.js'
import { readTransaction, writeTransaction } from '../tx/codec.js'
import type { Transaction } from '../tx/types.js'
import { HEADER_BYTES, type Header, readHeader, writeHeader } from './header.js'

export type Block = { header: Header; transactions: readonly Transaction[] }

/** Upper bound on any encoded block before parsing; chain params set the consensus cap. */
export const MAX_BLOCK_ENCODED_BYTES = 4_000_000
/** The smallest possible encoded transaction, used to cap the count before allocating. */
const MIN_TX_BYTES = 2 + 1 + 1 + 1 + 4 + 1

export function writeBlock(w: Writer, b: Block): void {
  writeHeader(w, b.header)
  w.varint(b.transactions.length)
  for (const tx of b.transactions) writeTransaction(w, tx)
}

export function encodeBlock(b: Block): Uint8Array {
  const w = new Writer(HEADER_BYTES + 512 * b.transactions.length)
  writeBlock(w, b)
  return w.finish()
}

/** @throws {DecodeError} on malformed, truncated, oversize or non-canonical input. */
export function decodeBlock(bytes: Uint8Array): Block {
  assertInputSize(bytes, MAX_BLOCK_ENCODED_BYTES, 'block')
  const r = new Reader(bytes, 'block')
  const header = readHeader(r)
  const n = r.count(MAX_BLOCK_ENCODED_BYTES / MIN_TX_BYTES, MIN_TX_BYTES, 'transactions')
  const transactions: Transaction[] = new Array(n)
  for (let i = 0; i < n; i++) transactions[i] = readTransaction(r).tx
  r.finish()
  return { header, transactions }
}
