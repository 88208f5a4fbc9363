import { Writer } from '../codec/writer.js'
import { readLock, writeLock } from '../policy/lock.js'
import type { Lock } from '../policy/types.js'
import { decodeSmtProof, encodeSmtProof, MAX_SMT_PROOF_BYTES } from '../smt/smtProofCodec.js'
import type { SmtProof } from '../smt/types.js'
import { decodeUtxoEntry, encodeUtxoEntry, readOutPoint, writeOutPoint } from '../tx/codec.js'
import type { OutPoint, UtxoEntry } from '../tx/types.js'
import { assertCount, cappedReader, invalidValue } from './codec.js'
import {
  MAX_UTXO_ENTRY_BYTES,
  MAX_UTXOS_PER_REQUEST,
  OUTPOINT_BYTES,
  PROTOCOL_LIMITS,
} from './limits.js'

/** `utxos` request: up to `limit` unspent outputs of `lock`. */
export type UtxosRequest = { lock: Lock; limit: number }

/**
 * `lock (u8 type ‖ policyHash[32]) ‖ u16 limit` with limit in 1..1000.
 * @throws {RangeError} limit outside 1..1000.
 */
export function encodeUtxosRequest(q: UtxosRequest): Uint8Array {
  assertCount(q.limit, MAX_UTXOS_PER_REQUEST, 'utxos limit')
  const w = new Writer(35)
  writeLock(w, q.lock)
  return w.u16(q.limit).finish()
}

/** @throws {DecodeError} */
export function decodeUtxosRequest(bytes: Uint8Array): UtxosRequest {
  const r = cappedReader(bytes, PROTOCOL_LIMITS.utxos.maxRequestBytes, 'utxos request')
  const q = { lock: readLock(r), limit: r.u16('limit') }
  r.finish()
  if (q.limit < 1 || q.limit > MAX_UTXOS_PER_REQUEST)
    throw invalidValue(`utxos request: limit ${q.limit} outside 1..${MAX_UTXOS_PER_REQUEST}`)
  return q
}

/** One unspent output with its sparse-Merkle membership proof. */
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

/** Bytes `encodeUtxosResponse` spends on `u` (for servers filling a response up to its cap). */
export function provenUtxoLength(u: ProvenUtxo): number {
  const w = new Writer(600)
  writeProvenUtxo(w, u)
  return w.length
}

function writeProvenUtxo(w: Writer, u: ProvenUtxo): void {
  writeOutPoint(w, u.outpoint)
  w.bytes(encodeUtxoEntry(u.entry)).bytes(encodeSmtProof(u.proof))
}

/**
 * Decodes a `utxos` body. Nothing is verified: the proofs against the utxoRoot of `tipHash`, the
 * lock of each entry and the header of `tipHash` are the caller's to check.
 * @throws {DecodeError}
 */
export function decodeUtxosResponse(bytes: Uint8Array): UtxosMessage {
  const r = cappedReader(bytes, PROTOCOL_LIMITS.utxos.maxResponseBytes - 1, 'utxos response')
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
