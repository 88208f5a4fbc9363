/**
 * The wire format of the full node's request/response protocols (docs/network.md §2): protocol
 * ids, result codes, caps and timeouts, and strict request/response codecs. Pure and I/O-free —
 * the full node's server and client and the light client's network share them.
 */
export {
  decodeFeeEstimateRequest,
  decodeFeeEstimateResponse,
  encodeFeeEstimateRequest,
  encodeFeeEstimateResponse,
  FEE_ESTIMATE_BYTES,
  type FeeEstimateMessage,
  MAX_FEE_ESTIMATE_TARGET,
} from './feeEstimate.js'
export {
  type BlockFilterItem,
  decodeFiltersRequest,
  decodeFiltersResponse,
  encodeFiltersRequest,
  encodeFiltersResponse,
  FILTERS_COUNT_BYTES,
  type FiltersRequest,
  filterItemLength,
} from './filters.js'
export {
  decodeBlockResponse,
  decodeFilterResponse,
  decodeHashRequest,
  encodeHashRequest,
} from './hashRequest.js'
export {
  decodeHeadersRequest,
  decodeHeadersResponse,
  encodeHeadersRequest,
  encodeHeadersResponse,
  type HeadersRequest,
} from './headers.js'
export {
  LOCK_BYTES,
  MAX_ERROR_MESSAGE_BYTES,
  MAX_FILTERS_PER_REQUEST,
  MAX_FILTERS_RESPONSE_BYTES,
  MAX_HEADERS_PER_REQUEST,
  MAX_LENGTH_PREFIX_BYTES,
  MAX_REJECT_REASON_BYTES,
  MAX_UTXO_ENTRY_BYTES,
  MAX_UTXOS_PER_REQUEST,
  MAX_UTXOS_RESPONSE_BYTES,
  OUTPOINT_BYTES,
  PROTOCOL_LIMITS,
  type ProtocolLimits,
} from './limits.js'
export {
  decodeMempoolSummaryRequest,
  decodeMempoolSummaryResponse,
  emptyFeeHistogram,
  encodeMempoolSummaryRequest,
  encodeMempoolSummaryResponse,
  FEE_RATE_SCALE,
  feeRateBucket,
  MAX_MEMPOOL_SUMMARY_BYTES,
  MAX_MEMPOOL_SUMMARY_ENTRIES,
  MEMPOOL_FEE_RATE_EDGES,
  type MempoolFeeBucket,
  type MempoolSummaryEntry,
  type MempoolSummaryMessage,
  type ProjectedBlock,
} from './mempoolSummary.js'
export {
  decodeMempoolTxResponse,
  encodeMempoolTxResponse,
  type MempoolTxMessage,
} from './mempoolTx.js'
export {
  decodeOutpointRequest,
  decodeOutpointResponse,
  encodeOutpointRequest,
  encodeOutpointResponse,
  type OutpointMessage,
} from './outpoint.js'
export { gossipTopics, PROTOCOL_NAMES, type ProtocolName, protocolId } from './protocols.js'
export {
  decodeResponseFrame,
  type ErrorResultName,
  encodeResponseFrame,
  isRejectReason,
  RESULT_CODES,
  type ResponseFrame,
  type ResultName,
} from './responseFrame.js'
export {
  decodeSendTxRequest,
  decodeSendTxResponse,
  encodeSendTxRequest,
  encodeSendTxResponse,
} from './sendTx.js'
export { decodeStatus, encodeStatus, STATUS_BYTES, type StatusMessage } from './status.js'
export {
  decodeTxProofResponse,
  encodeTxProofResponse,
  type TxProofMessage,
} from './txProof.js'
export {
  decodeUtxosRequest,
  decodeUtxosResponse,
  encodeUtxosRequest,
  encodeUtxosResponse,
  type ProvenUtxo,
  provenUtxoLength,
  type UtxosMessage,
  type UtxosRequest,
} from './utxos.js'
