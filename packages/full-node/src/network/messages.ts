/**
 * Request and response bodies of the node's request/response protocols. The codecs live in
 * @supernova/protocol (src/wire), shared with the light client; docs/network.md is the reference
 * for the layouts. Re-exported here so the node's modules keep one local import path.
 */
export {
  decodeFeeEstimateRequest,
  decodeFeeEstimateResponse,
  decodeHashRequest,
  decodeHeadersRequest,
  decodeHeadersResponse,
  decodeResponseFrame,
  decodeSendTxRequest,
  decodeSendTxResponse,
  decodeStatus,
  decodeTxProofResponse,
  encodeFeeEstimateRequest,
  encodeFeeEstimateResponse,
  encodeHashRequest,
  encodeHeadersRequest,
  encodeHeadersResponse,
  encodeResponseFrame,
  encodeSendTxRequest,
  encodeSendTxResponse,
  encodeStatus,
  encodeTxProofResponse,
  type FeeEstimateMessage,
  type HeadersRequest,
  isRejectReason,
  RESULT_CODES,
  type ResponseFrame,
  type ResultName,
  type StatusMessage,
  type TxProofMessage,
} from '@supernova/protocol'
