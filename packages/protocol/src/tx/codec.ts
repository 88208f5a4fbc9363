import { assertInputSize, invalidTag, Reader } from '../codec/reader.js'
import { Writer } from '../codec/writer.js'

import {
  readLock,
  readPolicy,
  readSatisfaction,
  writeLock,
  writePolicy,
  writeSatisfaction,
} from '../policy/codec.js'
import {
  type OutPoint,
  type Transaction,
  TX_KIND_CODES,
  TX_KINDS,
  TX_LIMITS,
  type TxInput,
  type TxOutput,
  type UtxoEntry,
  type Witness,
} from './types.js'

const MIN_INPUT_BYTES = 32 + 4 + 4
const MIN_OUTPUT_BYTES = 8 + 33
/** A witness is at least a policy tag and a one-byte satisfaction. */
const MIN_WITNESS_BYTES = 2

export function writeOutPoint(w: Writer, o: OutPoint): void {
  w.fixed(o.txid, 32).u32(o.vout)
}

export function readOutPoint(r: Reader): OutPoint {
  return { txid: r.fixed(32, 'prevout.txid'), vout: r.u32('prevout.vout') }
}

export function encodeOutPoint(o: OutPoint): Uint8Array {
  const w = new Writer(36)
  writeOutPoint(w, o)
  return w.finish()
}

/** Writes everything except witnesses: exactly the bytes the txid commits to. */
export function writeTxBase(w: Writer, tx: Transaction): void {
  w.u16(tx.version).u8(TX_KIND_CODES[tx.kind])
  w.varint(tx.inputs.length)
  for (const i of tx.inputs) {
    writeOutPoint(w, i.prevout)
    w.u32(i.sequence)
  }
  w.varint(tx.outputs.length)
  for (const o of tx.outputs) {
    w.u64(o.amount)
    writeLock(w, o.lock)
  }
  w.u32(tx.locktime)
  w.bytes(tx.payload)
}

/** Writes the tx and returns the length of its witness-free prefix. */
export function writeTransaction(w: Writer, tx: Transaction): number {
  if (tx.witnesses.length !== tx.inputs.length) {
    throw new RangeError(
      `transaction has ${tx.inputs.length} inputs but ${tx.witnesses.length} witnesses`,
    )
  }
  const start = w.length
  writeTxBase(w, tx)
  const baseLength = w.length - start
  for (const wit of tx.witnesses) {
    writePolicy(w, wit.policy)
    writeSatisfaction(w, wit.satisfaction, wit.policy)
  }
  return baseLength
}

export type EncodedTransaction = {
  /** The full canonical encoding, witnesses included. */
  bytes: Uint8Array
  /** Length of the witness-free prefix that the txid hashes. */
  baseLength: number
}

export function encodeTransactionWithBase(tx: Transaction): EncodedTransaction {
  const w = new Writer(256)
  const baseLength = writeTransaction(w, tx)
  return { bytes: w.finish(), baseLength }
}

/** The canonical encoding of a transaction, witnesses included. */
export function encodeTransaction(tx: Transaction): Uint8Array {
  return encodeTransactionWithBase(tx).bytes
}

/** Reads a transaction; `maxBytes` bounds the input count checks (defaults to the codec cap). */
export function readTransaction(r: Reader): { tx: Transaction; baseLength: number } {
  const start = r.offset
  const version = r.u16('version')
  const kindCode = r.u8('kind')
  const kind = TX_KINDS[kindCode]
  if (kind === undefined) throw invalidTag('transaction', 'kind', kindCode)
  const nIn = r.count(
    TX_LIMITS.maxEncodedBytes / MIN_INPUT_BYTES,
    MIN_INPUT_BYTES + MIN_WITNESS_BYTES,
    'inputs',
  )
  const inputs: TxInput[] = new Array(nIn)
  for (let i = 0; i < nIn; i++)
    inputs[i] = { prevout: readOutPoint(r), sequence: r.u32('sequence') }
  const nOut = r.count(TX_LIMITS.maxEncodedBytes / MIN_OUTPUT_BYTES, MIN_OUTPUT_BYTES, 'outputs')
  const outputs: TxOutput[] = new Array(nOut)
  for (let i = 0; i < nOut; i++) outputs[i] = { amount: r.u64('amount'), lock: readLock(r) }
  const locktime = r.u32('locktime')
  const payload = r.bytes(TX_LIMITS.maxPayloadBytes, 'payload')
  const baseLength = r.offset - start
  const witnesses: Witness[] = new Array(nIn)
  for (let i = 0; i < nIn; i++) {
    const policy = readPolicy(r)
    witnesses[i] = { policy, satisfaction: readSatisfaction(r, policy) }
  }
  return { tx: { version, kind, inputs, outputs, locktime, payload, witnesses }, baseLength }
}

/**
 * Strictly decodes one transaction: the whole input must be consumed.
 * @throws {DecodeError} on malformed, non-canonical, truncated or oversize input.
 */
export function decodeTransaction(bytes: Uint8Array): Transaction {
  assertInputSize(bytes, TX_LIMITS.maxEncodedBytes, 'transaction')
  const r = new Reader(bytes, 'transaction')
  const { tx } = readTransaction(r)
  r.finish()
  return tx
}

export function writeUtxoEntry(w: Writer, e: UtxoEntry): void {
  w.u64(e.amount)
  writeLock(w, e.lock)
  w.u32(e.height).bool(e.coinbase)
}

export function readUtxoEntry(r: Reader): UtxoEntry {
  return {
    amount: r.u64('amount'),
    lock: readLock(r),
    height: r.u32('height'),
    coinbase: r.bool('coinbase'),
  }
}

export function encodeUtxoEntry(e: UtxoEntry): Uint8Array {
  const w = new Writer(50)
  writeUtxoEntry(w, e)
  return w.finish()
}

/** @throws {DecodeError} */
export function decodeUtxoEntry(bytes: Uint8Array): UtxoEntry {
  const r = new Reader(bytes, 'utxo entry')
  const e = readUtxoEntry(r)
  r.finish()
  return e
}
