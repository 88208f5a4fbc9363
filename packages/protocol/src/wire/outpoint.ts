import { Writer } from '../codec/writer.js'
import { decodeSmtProof, encodeSmtProof, MAX_SMT_PROOF_BYTES } from '../smt/smtProofCodec.js'
import type { SmtProof } from '../smt/types.js'
import { decodeUtxoEntry, encodeUtxoEntry, readOutPoint, writeOutPoint } from '../tx/codec.js'
import type { OutPoint, UtxoEntry } from '../tx/types.js'
import { cappedReader } from './codec.js'
import { MAX_UTXO_ENTRY_BYTES, OUTPOINT_BYTES, PROTOCOL_LIMITS } from './limits.js'

/** `outpoint (txid[32] ‖ u32 vout)`. */
export function encodeOutpointRequest(o: OutPoint): Uint8Array {
  const w = new Writer(OUTPOINT_BYTES)
  writeOutPoint(w, o)
  return w.finish()
}

/** @throws {DecodeError} */
export function decodeOutpointRequest(bytes: Uint8Array): OutPoint {
  const r = cappedReader(bytes, OUTPOINT_BYTES, 'outpoint request')
  const o = readOutPoint(r)
  r.finish()
  return o
}

/** An outpoint's entry (undefined when not unspent) and a (non-)membership proof at `tipHash`. */
export type OutpointMessage = { tipHash: Uint8Array; entry: UtxoEntry | undefined; proof: SmtProof }

/** `tipHash[32] ‖ bool present ‖ [bytes utxoEntry] ‖ bytes smtProof`. */
export function encodeOutpointResponse(m: OutpointMessage): Uint8Array {
  const w = new Writer(600).fixed(m.tipHash, 32).bool(m.entry !== undefined)
  if (m.entry !== undefined) w.bytes(encodeUtxoEntry(m.entry))
  return w.bytes(encodeSmtProof(m.proof)).finish()
}

/**
 * Decodes an `outpoint` body. Nothing is verified: the proof against the utxoRoot of `tipHash`
 * is the caller's to check.
 * @throws {DecodeError}
 */
export function decodeOutpointResponse(bytes: Uint8Array): OutpointMessage {
  const r = cappedReader(bytes, PROTOCOL_LIMITS.outpoint.maxResponseBytes - 1, 'outpoint response')
  const tipHash = r.fixed(32, 'tipHash')
  const entry = r.bool('present')
    ? decodeUtxoEntry(r.bytes(MAX_UTXO_ENTRY_BYTES, 'entry'))
    : undefined
  const proof = decodeSmtProof(r.bytes(MAX_SMT_PROOF_BYTES, 'proof'))
  r.finish()
  return { tipHash, entry, proof }
}
