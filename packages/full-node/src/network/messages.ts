/**
 * Request and response bodies of the node's request/response protocols, in the canonical binary
 * codec of @supernova/protocol (little-endian fixed ints, minimal LEB128 varints, strict decoders
 * that check every length against a cap and the bytes left before allocating, no trailing
 * bytes). docs/network.md is the reference for the layouts; the light client reimplements them.
 *
 * Every response frame starts with a `u8` result code (`RESULT_CODES`); on `OK` the body below
 * follows, on anything else a varint-prefixed UTF-8 message of at most 256 bytes.
 */
import {
  assertInputSize,
  DecodeError,
  decodeHeader,
  decodeMerkleProof,
  decodeTransaction,
  encodeHeader,
  encodeMerkleProof,
  encodeTransaction,
  HEADER_BYTES,
  type Header,
  hashHeader,
  MAX_MERKLE_PROOF_BYTES,
  type MerkleProof,
  Reader,
  type Transaction,
  TX_LIMITS,
  Writer,
} from '@supernova/protocol'
import type { NetworkErrorCode } from './errors.js'
import { MAX_ERROR_MESSAGE_BYTES, MAX_HEADERS_PER_REQUEST, PROTOCOL_LIMITS } from './protocols.js'

/** First byte of every response frame. */
export const RESULT_CODES = {
  OK: 0,
  NOT_FOUND: 1,
  BAD_REQUEST: 2,
  TOO_LARGE: 3,
  TIMEOUT: 4,
  RATE_LIMITED: 5,
  INTERNAL: 6,
} as const satisfies Partial<Record<NetworkErrorCode | 'OK', number>>
export type ResultName = keyof typeof RESULT_CODES
const RESULT_NAMES = Object.keys(RESULT_CODES) as ResultName[]

/** A decoded response frame: the result code and its body (the message when not OK). */
export type ResponseFrame =
  | { result: 'OK'; body: Uint8Array }
  | { result: Exclude<ResultName, 'OK'>; message: string }

export function encodeResponseFrame(frame: ResponseFrame): Uint8Array {
  const w = new Writer(frame.result === 'OK' ? frame.body.length + 1 : 64)
  w.u8(RESULT_CODES[frame.result])
  if (frame.result === 'OK') return w.raw(frame.body).finish()
  const message = new TextEncoder().encode(frame.message).subarray(0, MAX_ERROR_MESSAGE_BYTES)
  // Cutting at a byte cap can split a UTF-8 sequence; the decoder replaces it, never throws.
  return w.bytes(message).finish()
}

/** @throws {DecodeError} */
export function decodeResponseFrame(bytes: Uint8Array): ResponseFrame {
  const r = new Reader(bytes, 'response')
  const code = r.u8('result')
  const result = RESULT_NAMES.find((n) => RESULT_CODES[n] === code)
  if (result === undefined) throw decodeError(`unknown result code ${code}`)
  if (result === 'OK') return { result, body: bytes.subarray(1) }
  const message = new TextDecoder().decode(r.bytes(MAX_ERROR_MESSAGE_BYTES, 'message'))
  r.finish()
  return { result, message }
}

function decodeError(message: string, details: Record<string, unknown> = {}): DecodeError {
  return new DecodeError({ code: 'INVALID_VALUE', message, details })
}

// status ---------------------------------------------------------------------------------------

/** What a node says about its chain: enough to pick whom to sync from. */
export type StatusMessage = {
  genesisHash: Uint8Array
  tipHash: Uint8Array
  tipHeight: number
  /** Σ work of the tip's chain (≤ 2^256 − 1), sent as 32 bytes big-endian. */
  cumulativeWork: bigint
  /** Highest finalized height (0 until finality is active). */
  finalizedHeight: number
}

/** `genesisHash[32] ‖ tipHash[32] ‖ u32 tipHeight ‖ cumulativeWork[32, big-endian] ‖ u32 finalizedHeight`. */
export function encodeStatus(s: StatusMessage): Uint8Array {
  const w = new Writer(104).fixed(s.genesisHash, 32).fixed(s.tipHash, 32).u32(s.tipHeight)
  return w.fixed(u256ToBytes(s.cumulativeWork), 32).u32(s.finalizedHeight).finish()
}

/** @throws {DecodeError} */
export function decodeStatus(bytes: Uint8Array): StatusMessage {
  const r = reader(bytes, PROTOCOL_LIMITS.status.maxResponseBytes - 1, 'status')
  const s: StatusMessage = {
    genesisHash: r.fixed(32, 'genesisHash'),
    tipHash: r.fixed(32, 'tipHash'),
    tipHeight: r.u32('tipHeight'),
    cumulativeWork: bytesToU256(r.fixed(32, 'cumulativeWork')),
    finalizedHeight: r.u32('finalizedHeight'),
  }
  r.finish()
  if (s.finalizedHeight > s.tipHeight) throw decodeError('status: finalizedHeight above tipHeight')
  return s
}

function u256ToBytes(v: bigint): Uint8Array {
  if (v < 0n || v >= 1n << 256n) throw new RangeError('cumulativeWork outside 0..2^256-1')
  const out = new Uint8Array(32)
  let x = v
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(x & 0xffn)
    x >>= 8n
  }
  return out
}

function bytesToU256(b: Uint8Array): bigint {
  let v = 0n
  for (const byte of b) v = (v << 8n) | BigInt(byte)
  return v
}

function reader(bytes: Uint8Array, max: number, what: string): Reader {
  assertInputSize(bytes, max, what)
  return new Reader(bytes, what)
}

// headers --------------------------------------------------------------------------------------

export type HeadersRequest = { fromHeight: number; count: number }

/** `u32 fromHeight ‖ u16 count` with count in 1..2000. */
export function encodeHeadersRequest(q: HeadersRequest): Uint8Array {
  assertCount(q.count, MAX_HEADERS_PER_REQUEST, 'headers count')
  return new Writer(6).u32(q.fromHeight).u16(q.count).finish()
}

/** @throws {DecodeError} */
export function decodeHeadersRequest(bytes: Uint8Array): HeadersRequest {
  const r = reader(bytes, PROTOCOL_LIMITS.headers.maxRequestBytes, 'headers request')
  const q = { fromHeight: r.u32('fromHeight'), count: r.u16('count') }
  r.finish()
  if (q.count < 1 || q.count > MAX_HEADERS_PER_REQUEST)
    throw decodeError(`headers request: count ${q.count} outside 1..${MAX_HEADERS_PER_REQUEST}`)
  return q
}

/** `varint n ‖ n × header (220 bytes each)`: consecutive main-chain headers from fromHeight. */
export function encodeHeadersResponse(headers: readonly Header[]): Uint8Array {
  const w = new Writer(4 + headers.length * HEADER_BYTES).varint(headers.length)
  for (const h of headers) w.raw(encodeHeader(h))
  return w.finish()
}

/** @throws {DecodeError} */
export function decodeHeadersResponse(bytes: Uint8Array): Header[] {
  const r = reader(bytes, PROTOCOL_LIMITS.headers.maxResponseBytes - 1, 'headers response')
  const n = r.count(MAX_HEADERS_PER_REQUEST, HEADER_BYTES, 'headers')
  const headers: Header[] = []
  for (let i = 0; i < n; i++) headers.push(decodeHeader(r.fixed(HEADER_BYTES, 'header')))
  r.finish()
  return headers
}

// block, filter, tx-proof: a 32-byte hash in -----------------------------------------------------

/** `hash[32]`: the request of `block` (block hash), `filter` (block hash) and `tx-proof` (txid). */
export function encodeHashRequest(hash: Uint8Array): Uint8Array {
  return new Writer(32).fixed(hash, 32).finish()
}

/** @throws {DecodeError} */
export function decodeHashRequest(bytes: Uint8Array): Uint8Array {
  const r = reader(bytes, 32, 'hash request')
  const hash = r.fixed(32, 'hash')
  r.finish()
  return hash
}

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

/** @throws {DecodeError} */
export function decodeTxProofResponse(bytes: Uint8Array): TxProofMessage {
  const r = reader(bytes, PROTOCOL_LIMITS['tx-proof'].maxResponseBytes - 1, 'tx-proof response')
  const tx = decodeTransaction(r.bytes(TX_LIMITS.maxEncodedBytes, 'tx'))
  const header = decodeHeader(r.fixed(HEADER_BYTES, 'header'))
  const proof = decodeMerkleProof(r.bytes(MAX_MERKLE_PROOF_BYTES, 'proof'))
  r.finish()
  return { tx, header, blockHash: hashHeader(header), height: header.height, proof }
}

export function assertCount(n: number, max: number, what: string): void {
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new RangeError(`${what} ${n} outside 1..${max}`)
}
