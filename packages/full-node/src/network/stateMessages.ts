/**
 * Bodies of the state-proof protocols `utxos` and `outpoint`: UTXO entries with sparse-Merkle
 * proofs against the utxoRoot of the block `tipHash`. Same codec rules as messages.ts; the
 * layouts are in docs/network.md §2.1.
 */
import {
  assertInputSize,
  DecodeError,
  decodeSmtProof,
  decodeUtxoEntry,
  encodeSmtProof,
  encodeUtxoEntry,
  type Lock,
  MAX_SMT_PROOF_BYTES,
  type OutPoint,
  Reader,
  readLock,
  readOutPoint,
  type SmtProof,
  type UtxoEntry,
  Writer,
  writeLock,
  writeOutPoint,
} from '@supernova/protocol'
import { assertCount } from './messages.js'
import {
  MAX_UTXO_ENTRY_BYTES,
  MAX_UTXOS_PER_REQUEST,
  OUTPOINT_BYTES,
  PROTOCOL_LIMITS,
} from './protocols.js'

function reader(bytes: Uint8Array, max: number, what: string): Reader {
  assertInputSize(bytes, max, what)
  return new Reader(bytes, what)
}

function decodeError(message: string): DecodeError {
  return new DecodeError({ code: 'INVALID_VALUE', message })
}

export type UtxosRequest = { lock: Lock; limit: number }

/** `lock (u8 type ‖ policyHash[32]) ‖ u16 limit` with limit in 1..1000. */
export function encodeUtxosRequest(q: UtxosRequest): Uint8Array {
  assertCount(q.limit, MAX_UTXOS_PER_REQUEST, 'utxos limit')
  const w = new Writer(35)
  writeLock(w, q.lock)
  return w.u16(q.limit).finish()
}

/** @throws {DecodeError} */
export function decodeUtxosRequest(bytes: Uint8Array): UtxosRequest {
  const r = reader(bytes, PROTOCOL_LIMITS.utxos.maxRequestBytes, 'utxos request')
  const q = { lock: readLock(r), limit: r.u16('limit') }
  r.finish()
  if (q.limit < 1 || q.limit > MAX_UTXOS_PER_REQUEST)
    throw decodeError(`utxos request: limit ${q.limit} outside 1..${MAX_UTXOS_PER_REQUEST}`)
  return q
}

export type ProvenUtxo = { outpoint: OutPoint; entry: UtxoEntry; proof: SmtProof }
/** UTXOs of a lock at `tipHash`, each proven against that block's utxoRoot. */
export type UtxosMessage = { tipHash: Uint8Array; more: boolean; utxos: ProvenUtxo[] }

/** Smallest encoded item: outpoint, a minimal entry and an empty-terminal proof. */
const MIN_UTXO_ITEM_BYTES = OUTPOINT_BYTES + 2 + 2

/**
 * `tipHash[32] ‖ bool more ‖ varint n ‖ n × (outpoint[36] ‖ bytes utxoEntry ‖ bytes smtProof)`.
 * `more` = the lock has UTXOs beyond these (the server hit the limit or the response cap).
 */
export function encodeUtxosResponse(m: UtxosMessage): Uint8Array {
  const w = new Writer(64 + m.utxos.length * 600).fixed(m.tipHash, 32).bool(m.more)
  w.varint(m.utxos.length)
  for (const u of m.utxos) writeProvenUtxo(w, u)
  return w.finish()
}

/** Bytes `writeProvenUtxo` writes for `u`. */
export function provenUtxoLength(u: ProvenUtxo): number {
  const w = new Writer(600)
  writeProvenUtxo(w, u)
  return w.length
}

function writeProvenUtxo(w: Writer, u: ProvenUtxo): void {
  writeOutPoint(w, u.outpoint)
  w.bytes(encodeUtxoEntry(u.entry)).bytes(encodeSmtProof(u.proof))
}

/** @throws {DecodeError} */
export function decodeUtxosResponse(bytes: Uint8Array): UtxosMessage {
  const r = reader(bytes, PROTOCOL_LIMITS.utxos.maxResponseBytes - 1, 'utxos response')
  const tipHash = r.fixed(32, 'tipHash')
  const more = r.bool('more')
  const n = r.count(MAX_UTXOS_PER_REQUEST, MIN_UTXO_ITEM_BYTES, 'utxos')
  const utxos: ProvenUtxo[] = []
  for (let i = 0; i < n; i++) {
    const outpoint = readOutPoint(r)
    const entry = decodeUtxoEntry(r.bytes(MAX_UTXO_ENTRY_BYTES, 'entry'))
    utxos.push({ outpoint, entry, proof: decodeSmtProof(r.bytes(MAX_SMT_PROOF_BYTES, 'proof')) })
  }
  r.finish()
  return { tipHash, more, utxos }
}

/** `outpoint (txid[32] ‖ u32 vout)`. */
export function encodeOutpointRequest(o: OutPoint): Uint8Array {
  const w = new Writer(OUTPOINT_BYTES)
  writeOutPoint(w, o)
  return w.finish()
}

/** @throws {DecodeError} */
export function decodeOutpointRequest(bytes: Uint8Array): OutPoint {
  const r = reader(bytes, OUTPOINT_BYTES, 'outpoint request')
  const o = readOutPoint(r)
  r.finish()
  return o
}

/** An outpoint's entry (absent when unspent-nowhere) and a (non-)membership proof at `tipHash`. */
export type OutpointMessage = { tipHash: Uint8Array; entry: UtxoEntry | undefined; proof: SmtProof }

/** `tipHash[32] ‖ bool present ‖ [bytes utxoEntry] ‖ bytes smtProof`. */
export function encodeOutpointResponse(m: OutpointMessage): Uint8Array {
  const w = new Writer(600).fixed(m.tipHash, 32).bool(m.entry !== undefined)
  if (m.entry !== undefined) w.bytes(encodeUtxoEntry(m.entry))
  return w.bytes(encodeSmtProof(m.proof)).finish()
}

/** @throws {DecodeError} */
export function decodeOutpointResponse(bytes: Uint8Array): OutpointMessage {
  const r = reader(bytes, PROTOCOL_LIMITS.outpoint.maxResponseBytes - 1, 'outpoint response')
  const tipHash = r.fixed(32, 'tipHash')
  const entry = r.bool('present')
    ? decodeUtxoEntry(r.bytes(MAX_UTXO_ENTRY_BYTES, 'entry'))
    : undefined
  const proof = decodeSmtProof(r.bytes(MAX_SMT_PROOF_BYTES, 'proof'))
  r.finish()
  return { tipHash, entry, proof }
}
