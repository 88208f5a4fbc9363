/**
 * Protocol ids, gossip topics, caps and timeouts of the node's protocols. They live in
 * @supernova/protocol (src/wire/protocols.ts and src/wire/limits.ts — `PROTOCOL_LIMITS` there is
 * the authority docs/network.md §2.2 is tested against), shared with the light client.
 */
export {
  gossipTopics,
  LOCK_BYTES,
  MAX_ERROR_MESSAGE_BYTES,
  MAX_FEE_ESTIMATE_TARGET,
  MAX_HEADERS_PER_REQUEST,
  MAX_REJECT_REASON_BYTES,
  MAX_UTXO_ENTRY_BYTES,
  MAX_UTXOS_PER_REQUEST,
  MAX_UTXOS_RESPONSE_BYTES,
  OUTPOINT_BYTES,
  PROTOCOL_LIMITS,
  PROTOCOL_NAMES,
  type ProtocolLimits,
  type ProtocolName,
  protocolId,
} from '@supernova/protocol'
