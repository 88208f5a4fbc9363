import { assertInputSize, Reader } from '../codec/reader.js'
import { Writer } from '../codec/writer.js'
import { hashRange } from '../hash/blake3.js'
import { readTransaction, writeTransaction } from '../tx/codec.js'
import type { TransactionIds } from '../tx/hashes.js'
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
  return readBlock(bytes, undefined)
}

/** A block decoded from its encoding, with every transaction's ids taken from those bytes. */
export type DecodedBlock = {
  block: Block
  /** The encoding decoded: canonical, so exactly `encodeBlock(block)`. */
  bytes: Uint8Array
  /** `computeTransactionIds` of each transaction, in order. */
  ids: TransactionIds[]
}

/**
 * `decodeBlock`, plus each transaction's txid, wtxid and size hashed straight from the bytes it
 * was read from. The codec is canonical (every accepted encoding is the one `encodeBlock` writes;
 * see the codec property tests), so these are exactly `computeTransactionIds` of the decoded
 * transactions — without encoding each one again.
 * @throws {DecodeError} as `decodeBlock`.
 */
export function decodeBlockWithIds(bytes: Uint8Array): DecodedBlock {
  const ids: TransactionIds[] = []
  return { block: readBlock(bytes, ids), bytes, ids }
}

function readBlock(bytes: Uint8Array, ids: TransactionIds[] | undefined): Block {
  assertInputSize(bytes, MAX_BLOCK_ENCODED_BYTES, 'block')
  const r = new Reader(bytes, 'block')
  const header = readHeader(r)
  const n = r.count(MAX_BLOCK_ENCODED_BYTES / MIN_TX_BYTES, MIN_TX_BYTES, 'transactions')
  const transactions: Transaction[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const start = r.offset
    const { tx, baseLength } = readTransaction(r)
    transactions[i] = tx
    if (ids) {
      const end = r.offset
      ids.push({
        txid: hashRange('txid', bytes, start, start + baseLength),
        wtxid: hashRange('wtxid', bytes, start, end),
        size: end - start,
      })
    }
  }
  r.finish()
  return { header, transactions }
}
