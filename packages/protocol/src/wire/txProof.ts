import {
  decodeHeader,
  encodeHeader,
  HEADER_BYTES,
  type Header,
  hashHeader,
} from '../block/header.js'
import { Writer } from '../codec/writer.js'
import {
  decodeMerkleProof,
  encodeMerkleProof,
  MAX_MERKLE_PROOF_BYTES,
} from '../merkle/merkleProofCodec.js'
import type { MerkleProof } from '../merkle/types.js'
import { decodeTransaction, encodeTransaction } from '../tx/codec.js'
import { type Transaction, TX_LIMITS } from '../tx/types.js'
import { cappedReader } from './codec.js'
import { PROTOCOL_LIMITS } from './limits.js'

/** A confirmed transaction with its inclusion proof. `blockHash` and `height` come from `header`. */
export type TxProofMessage = {
  tx: Transaction
  header: Header
  blockHash: Uint8Array
  height: number
  proof: MerkleProof
}

/** `bytes tx ‖ header[220] ‖ bytes merkleProof` (leaf = the tx's wtxid, root = header.txRoot). */
export function encodeTxProofResponse(m: {
  tx: Transaction
  header: Header
  proof: MerkleProof
}): Uint8Array {
  const w = new Writer(512).bytes(encodeTransaction(m.tx)).raw(encodeHeader(m.header))
  return w.bytes(encodeMerkleProof(m.proof)).finish()
}

/**
 * Decodes a `tx-proof` body. Nothing is verified: the txid, the proof against `header.txRoot`
 * and the header's place on a verified chain are the caller's to check.
 * @throws {DecodeError}
 */
export function decodeTxProofResponse(bytes: Uint8Array): TxProofMessage {
  const r = cappedReader(
    bytes,
    PROTOCOL_LIMITS['tx-proof'].maxResponseBytes - 1,
    'tx-proof response',
  )
  const tx = decodeTransaction(r.bytes(TX_LIMITS.maxEncodedBytes, 'tx'))
  const header = decodeHeader(r.fixed(HEADER_BYTES, 'header'))
  const proof = decodeMerkleProof(r.bytes(MAX_MERKLE_PROOF_BYTES, 'proof'))
  r.finish()
  return { tx, header, blockHash: hashHeader(header), height: header.height, proof }
}
