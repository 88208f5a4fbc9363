import { assertInputSize, Reader } from '../codec/reader.js'
import { Writer } from '../codec/writer.js'
import { hash } from '../hash/blake3.js'

/**
 * Block header (SPEC §2). Fixed-size encoding of HEADER_BYTES, so proof of work is checked on the
 * raw bytes without parsing and miners rewrite the nonce in place.
 */
export type Header = {
  version: number
  height: number
  prevHash: Uint8Array
  /** Milliseconds since the UNIX epoch. */
  timestamp: number
  /** Compact target ("bits"), as in Bitcoin. */
  bits: number
  nonce: bigint
  /** Merkle root of the block's wtxids. */
  txRoot: Uint8Array
  /** Sparse-Merkle root of the UTXO set after this block. */
  utxoRoot: Uint8Array
  /** Hash of this block's compact address filter. */
  filterHash: Uint8Array
  /** Hash of the validator set in force after this block. */
  validatorSetHash: Uint8Array
  /** The epoch's randomness beacon. */
  randomness: Uint8Array
}

export const HEADER_VERSION = 1

/** Byte offsets of the fixed header layout. Part of consensus. */
export const HEADER_LAYOUT = {
  version: 0,
  height: 4,
  prevHash: 8,
  timestamp: 40,
  bits: 48,
  nonce: 52,
  txRoot: 60,
  utxoRoot: 92,
  filterHash: 124,
  validatorSetHash: 156,
  randomness: 188,
} as const
export const HEADER_BYTES = 220

export function writeHeader(w: Writer, h: Header): void {
  w.u32(h.version).u32(h.height).fixed(h.prevHash, 32).u64n(h.timestamp).u32(h.bits).u64(h.nonce)
  w.fixed(h.txRoot, 32)
    .fixed(h.utxoRoot, 32)
    .fixed(h.filterHash, 32)
    .fixed(h.validatorSetHash, 32)
    .fixed(h.randomness, 32)
}

export function readHeader(r: Reader): Header {
  return {
    version: r.u32('version'),
    height: r.u32('height'),
    prevHash: r.fixed(32, 'prevHash'),
    timestamp: r.u64n('timestamp'),
    bits: r.u32('bits'),
    nonce: r.u64('nonce'),
    txRoot: r.fixed(32, 'txRoot'),
    utxoRoot: r.fixed(32, 'utxoRoot'),
    filterHash: r.fixed(32, 'filterHash'),
    validatorSetHash: r.fixed(32, 'validatorSetHash'),
    randomness: r.fixed(32, 'randomness'),
  }
}

export function encodeHeader(h: Header): Uint8Array {
  const w = new Writer(HEADER_BYTES)
  writeHeader(w, h)
  return w.finish()
}

/** @throws {DecodeError} unless `bytes` is exactly one canonical header. */
export function decodeHeader(bytes: Uint8Array): Header {
  assertInputSize(bytes, HEADER_BYTES, 'header')
  const r = new Reader(bytes, 'header')
  const h = readHeader(r)
  r.finish()
  return h
}

/** The block hash: domain-separated BLAKE3 of the header encoding. Also the PoW hash. */
export function hashHeader(h: Header): Uint8Array {
  return hash('header', encodeHeader(h))
}

/** The block hash of an already-encoded header. */
export function hashHeaderBytes(bytes: Uint8Array): Uint8Array {
  return hash('header', bytes)
}
