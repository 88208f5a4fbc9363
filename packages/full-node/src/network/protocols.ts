import {
  HEADER_BYTES,
  MAX_BLOCK_ENCODED_BYTES,
  MAX_BLOCK_FILTER_BYTES,
  MAX_MERKLE_PROOF_BYTES,
  MAX_SMT_PROOF_BYTES,
  type Network,
  TX_LIMITS,
} from '@supernova/protocol'

/** The request/response protocols a full node serves (docs/network.md). */
export const PROTOCOL_NAMES = [
  'status',
  'headers',
  'block',
  'tx-proof',
  'utxos',
  'outpoint',
  'filter',
] as const
export type ProtocolName = (typeof PROTOCOL_NAMES)[number]

/** `/supernova/<network>/<name>/1`. */
export function protocolId(network: Network, name: ProtocolName): string {
  return `/supernova/${network}/${name}/1`
}

/** Gossipsub topics: `/supernova/<network>/blocks/1` and `/supernova/<network>/txs/1`. */
export function gossipTopics(network: Network): { blocks: string; txs: string } {
  return { blocks: `/supernova/${network}/blocks/1`, txs: `/supernova/${network}/txs/1` }
}

/** Most headers one `headers` request may ask for. */
export const MAX_HEADERS_PER_REQUEST = 2000
/** Most UTXOs one `utxos` request may ask for. */
export const MAX_UTXOS_PER_REQUEST = 1000
/** Cap of an encoded `utxos` response; the server drops entries (setting `more`) to fit. */
export const MAX_UTXOS_RESPONSE_BYTES = 4 * 1024 * 1024
/** Cap of the UTF-8 message in an error response. */
export const MAX_ERROR_MESSAGE_BYTES = 256
/** Largest encoded UTXO entry: u64 amount, 33-byte lock, u32 height, bool coinbase. */
export const MAX_UTXO_ENTRY_BYTES = 8 + 33 + 4 + 1
/** Encoded lock: u8 type and a 32-byte policy hash. */
export const LOCK_BYTES = 33
/** Encoded outpoint: txid and u32 output index. */
export const OUTPOINT_BYTES = 36

export type ProtocolLimits = {
  /** Cap of the request frame's payload (bytes, not counting the length prefix). */
  maxRequestBytes: number
  /** Cap of the response frame's payload: u8 result code plus the body. */
  maxResponseBytes: number
  /** Bound on the whole exchange, dial to last byte, on both sides. */
  timeoutMs: number
}

/** One varint of up to 4 bytes, enough for any length below 2^28. */
const VARINT = 4

/** Caps and timeouts of every protocol. Part of the wire contract: clients rely on them. */
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
}
