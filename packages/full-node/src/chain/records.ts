import {
  decodeHeader,
  encodeHeader,
  HEADER_BYTES,
  type Header,
  type OutPoint,
  Reader,
  readOutPoint,
  readUtxoEntry,
  type UtxoEntry,
  Writer,
  writeOutPoint,
  writeUtxoEntry,
} from '@supernova/protocol'

/** Status bits of a stored header entry. */
export const STATUS = {
  /** The block body is stored. */
  HAS_BLOCK: 1,
  /** The block passed full validation when it was connected (at least once). */
  VALID: 2,
  /** The block (or an ancestor) failed validation: never connect it. */
  INVALID: 4,
} as const

export type HeaderRecord = {
  header: Header
  height: number
  cumulativeWork: bigint
  status: number
}

export function encodeHeaderRecord(r: HeaderRecord): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + 4 + 32 + 1)
  out.set(encodeHeader(r.header), 0)
  const view = new DataView(out.buffer)
  view.setUint32(HEADER_BYTES, r.height, false)
  let w = r.cumulativeWork
  for (let i = 31; i >= 0; i--) {
    out[HEADER_BYTES + 4 + i] = Number(w & 0xffn)
    w >>= 8n
  }
  out[HEADER_BYTES + 36] = r.status
  return out
}

export function decodeHeaderRecord(bytes: Uint8Array): HeaderRecord {
  if (bytes.length !== HEADER_BYTES + 37)
    throw new RangeError(`header record of ${bytes.length} bytes`)
  const header = decodeHeader(bytes.subarray(0, HEADER_BYTES))
  const height = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    HEADER_BYTES,
    false,
  )
  let work = 0n
  for (let i = 0; i < 32; i++) work = (work << 8n) | BigInt(bytes[HEADER_BYTES + 4 + i]!)
  return { header, height, cumulativeWork: work, status: bytes[HEADER_BYTES + 36]! }
}

export type TxLocationRecord = { blockHash: Uint8Array; index: number; height: number }

export function encodeTxLocation(l: TxLocationRecord): Uint8Array {
  return new Writer(40).fixed(l.blockHash, 32).u32(l.index).u32(l.height).finish()
}

export function decodeTxLocation(bytes: Uint8Array): TxLocationRecord {
  const r = new Reader(bytes, 'tx location')
  const l = { blockHash: r.fixed(32), index: r.u32(), height: r.u32() }
  r.finish()
  return l
}

export type HistoryRecord = { txid: Uint8Array; received: bigint; sent: bigint }

export function encodeHistory(h: HistoryRecord): Uint8Array {
  return new Writer(48).fixed(h.txid, 32).u64(h.received).u64(h.sent).finish()
}

export function decodeHistory(bytes: Uint8Array): HistoryRecord {
  const r = new Reader(bytes, 'history')
  const h = { txid: r.fixed(32), received: r.u64(), sent: r.u64() }
  r.finish()
  return h
}

export function encodeSpender(txid: Uint8Array, input: number): Uint8Array {
  return new Writer(36).fixed(txid, 32).u32(input).finish()
}

export function decodeSpender(bytes: Uint8Array): { txid: Uint8Array; input: number } {
  const r = new Reader(bytes, 'spender')
  const s = { txid: r.fixed(32), input: r.u32() }
  r.finish()
  return s
}

/** Undo data: the outputs a block spent, to restore them when it is disconnected. */
export function encodeUndo(spent: readonly { outpoint: OutPoint; entry: UtxoEntry }[]): Uint8Array {
  const w = new Writer(16 + spent.length * 90)
  w.varint(spent.length)
  for (const s of spent) {
    writeOutPoint(w, s.outpoint)
    writeUtxoEntry(w, s.entry)
  }
  return w.finish()
}

export function decodeUndo(bytes: Uint8Array): { outpoint: OutPoint; entry: UtxoEntry }[] {
  const r = new Reader(bytes, 'undo')
  const n = r.count(1 << 22, 36 + 46, 'spent')
  const out: { outpoint: OutPoint; entry: UtxoEntry }[] = []
  for (let i = 0; i < n; i++) out.push({ outpoint: readOutPoint(r), entry: readUtxoEntry(r) })
  r.finish()
  return out
}
