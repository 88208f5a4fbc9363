import { Writer } from '../codec/writer.js'
import { cappedReader, invalidValue } from './codec.js'
import { PROTOCOL_LIMITS } from './limits.js'

/** What a node says about its chain (docs/network.md §2.1 `status`): enough to pick a peer. */
export type StatusMessage = {
  genesisHash: Uint8Array
  tipHash: Uint8Array
  tipHeight: number
  /** Σ work of the tip's chain (≤ 2^256 − 1), sent as 32 bytes big-endian. */
  cumulativeWork: bigint
  /** Highest finalized height (0 until finality is active), never above `tipHeight`. */
  finalizedHeight: number
}

/** Encoded size of a status body. */
export const STATUS_BYTES = 32 + 32 + 4 + 32 + 4

/**
 * `genesisHash[32] ‖ tipHash[32] ‖ u32 tipHeight ‖ cumulativeWork[32, big-endian] ‖ u32 finalizedHeight`.
 * @throws {RangeError} cumulativeWork outside 0..2^256−1.
 */
export function encodeStatus(s: StatusMessage): Uint8Array {
  const w = new Writer(STATUS_BYTES).fixed(s.genesisHash, 32).fixed(s.tipHash, 32).u32(s.tipHeight)
  return w.fixed(u256ToBytes(s.cumulativeWork), 32).u32(s.finalizedHeight).finish()
}

/** @throws {DecodeError} wrong length, or finalizedHeight above tipHeight. */
export function decodeStatus(bytes: Uint8Array): StatusMessage {
  const r = cappedReader(bytes, PROTOCOL_LIMITS.status.maxResponseBytes - 1, 'status')
  const s: StatusMessage = {
    genesisHash: r.fixed(32, 'genesisHash'),
    tipHash: r.fixed(32, 'tipHash'),
    tipHeight: r.u32('tipHeight'),
    cumulativeWork: bytesToU256(r.fixed(32, 'cumulativeWork')),
    finalizedHeight: r.u32('finalizedHeight'),
  }
  r.finish()
  if (s.finalizedHeight > s.tipHeight)
    throw invalidValue('status: finalizedHeight above tipHeight', {
      finalizedHeight: s.finalizedHeight,
      tipHeight: s.tipHeight,
    })
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
