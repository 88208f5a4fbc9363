import { MAX_BLOCK_ENCODED_BYTES } from '../block/block.js'
import { HEADER_BYTES } from '../block/header.js'
import { MAX_BLOCK_FILTER_BYTES } from '../filter/params.js'
import { MAX_MERKLE_PROOF_BYTES } from '../merkle/merkleProofCodec.js'
import { MAX_SMT_PROOF_BYTES } from '../smt/smtProofCodec.js'
import { TX_LIMITS } from '../tx/types.js'
import type { ProtocolName } from './protocols.js'

/** Most headers one `headers` request may ask for. */
export const MAX_HEADERS_PER_REQUEST = 2000
/** Most UTXOs one `utxos` request may ask for. */
export const MAX_UTXOS_PER_REQUEST = 1000
/** Cap of an encoded `utxos` response body; the server drops entries (setting `more`) to fit. */
export const MAX_UTXOS_RESPONSE_BYTES = 4 * 1024 * 1024
/** Most filters one `filters` request may ask for. */
export const MAX_FILTERS_PER_REQUEST = 1000
/**
 * Cap of an encoded `filters` response body: the server stops before a filter that would cross
 * it (it always fits one: a filter is at most MAX_BLOCK_FILTER_BYTES, 3 MiB + 8).
 */
export const MAX_FILTERS_RESPONSE_BYTES = 4 * 1024 * 1024
/** Cap of the UTF-8 message in an error response. */
export const MAX_ERROR_MESSAGE_BYTES = 256
/** Cap of the machine-readable reason of a REJECTED response (a mempool or validation code). */
export const MAX_REJECT_REASON_BYTES = 64
/** Largest encoded UTXO entry: u64 amount, 33-byte lock, u32 height, bool coinbase. */
export const MAX_UTXO_ENTRY_BYTES = 8 + 33 + 4 + 1
/** Encoded lock: u8 type and a 32-byte policy hash. */
export const LOCK_BYTES = 33
/** Encoded outpoint: txid and u32 output index. */
export const OUTPOINT_BYTES = 36
/** Length prefixes are unsigned varints of at most 4 bytes: every cap below is under 2^28. */
export const MAX_LENGTH_PREFIX_BYTES = 4

export type ProtocolLimits = {
  /** Cap of the request frame's payload (bytes, not counting the length prefix). */
  maxRequestBytes: number
  /** Cap of the response frame's payload: u8 result code plus the body. */
  maxResponseBytes: number
  /** Bound on the whole exchange, dial to last byte, on both sides. */
  timeoutMs: number
}

/** One varint of up to 4 bytes, enough for any length below 2^28. */
const VARINT = MAX_LENGTH_PREFIX_BYTES

/**
 * Largest `mempool-summary` OK body: the head (tip height, time, count, bytes, floor), 18 buckets,
 * the projected block and up to 50 entries (equal to MAX_MEMPOOL_SUMMARY_BYTES, tested).
 */
const MEMPOOL_SUMMARY_BODY_BYTES = 28 + 1 + 18 * 8 + 32 + VARINT + 50 * 52

/**
 * Caps and timeouts of every protocol (docs/network.md §2.2, checked against that table by a
 * test). Part of the wire contract: servers and clients both enforce them.
 */
export const PROTOCOL_LIMITS: Readonly<Record<ProtocolName, ProtocolLimits>> = {
  status: { maxRequestBytes: 0, maxResponseBytes: 1 + 32 + 32 + 4 + 32 + 4, timeoutMs: 5_000 },
  headers: {
    maxRequestBytes: 4 + 2,
    maxResponseBytes: 1 + VARINT + MAX_HEADERS_PER_REQUEST * HEADER_BYTES,
    timeoutMs: 15_000,
  },
  block: { maxRequestBytes: 32, maxResponseBytes: 1 + MAX_BLOCK_ENCODED_BYTES, timeoutMs: 30_000 },
  'tx-proof': {
    maxRequestBytes: 32,
    maxResponseBytes:
      1 + VARINT + TX_LIMITS.maxEncodedBytes + HEADER_BYTES + VARINT + MAX_MERKLE_PROOF_BYTES,
    timeoutMs: 15_000,
  },
  utxos: {
    maxRequestBytes: LOCK_BYTES + 2,
    maxResponseBytes: 1 + MAX_UTXOS_RESPONSE_BYTES,
    timeoutMs: 30_000,
  },
  outpoint: {
    maxRequestBytes: OUTPOINT_BYTES,
    maxResponseBytes: 1 + 32 + 1 + 1 + MAX_UTXO_ENTRY_BYTES + VARINT + MAX_SMT_PROOF_BYTES,
    timeoutMs: 10_000,
  },
  filter: { maxRequestBytes: 32, maxResponseBytes: 1 + MAX_BLOCK_FILTER_BYTES, timeoutMs: 15_000 },
  // A range of filters by height (BIP157's getcfilters): u32 ‖ u16 in, up to 1,000 (hash, filter)
  // pairs out, cut short at the byte budget — one request instead of one per block.
  filters: {
    maxRequestBytes: 4 + 2,
    maxResponseBytes: 1 + MAX_FILTERS_RESPONSE_BYTES,
    timeoutMs: 30_000,
  },
  // The one upload: a transaction in, a txid or a REJECTED frame (message and reason) out.
  'send-tx': {
    maxRequestBytes: TX_LIMITS.maxEncodedBytes,
    maxResponseBytes: 1 + VARINT + MAX_ERROR_MESSAGE_BYTES + VARINT + MAX_REJECT_REASON_BYTES,
    timeoutMs: 10_000,
  },
  // Advice, small both ways: a u16 target in; two u64 rates, the tip height and a sample count
  // (24 bytes) out — the cap is the larger error frame, so RATE_LIMITED or BAD_REQUEST fit.
  'fee-estimate': {
    maxRequestBytes: 2,
    maxResponseBytes: 1 + VARINT + MAX_ERROR_MESSAGE_BYTES,
    timeoutMs: 5_000,
  },
  // A node's (unverifiable) report of its pool: nothing in, a bounded summary out — fixed
  // buckets and at most 50 entries (MAX_MEMPOOL_SUMMARY_BYTES, wire/mempoolSummary.ts).
  'mempool-summary': {
    maxRequestBytes: 0,
    maxResponseBytes: 1 + MEMPOOL_SUMMARY_BODY_BYTES,
    timeoutMs: 5_000,
  },
  // A txid in; the pool's transaction (first-seen time and its encoding) or NOT_FOUND out.
  'mempool-tx': {
    maxRequestBytes: 32,
    maxResponseBytes: 1 + 8 + VARINT + TX_LIMITS.maxEncodedBytes,
    timeoutMs: 10_000,
  },
}
