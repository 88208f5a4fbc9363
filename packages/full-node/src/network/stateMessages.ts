/**
 * Bodies of the state-proof protocols `utxos` and `outpoint` (docs/network.md §2.1). The codecs
 * live in @supernova/protocol (src/wire), shared with the light client.
 */
export {
  decodeOutpointRequest,
  decodeOutpointResponse,
  decodeUtxosRequest,
  decodeUtxosResponse,
  encodeOutpointRequest,
  encodeOutpointResponse,
  encodeUtxosRequest,
  encodeUtxosResponse,
  type OutpointMessage,
  type ProvenUtxo,
  provenUtxoLength,
  type UtxosMessage,
  type UtxosRequest,
} from '@supernova/protocol'
