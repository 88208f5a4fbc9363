import type { Network } from '../params/network.js'

/** The request/response protocols a full node serves (docs/network.md §2). */
export const PROTOCOL_NAMES = [
  'status',
  'headers',
  'block',
  'tx-proof',
  'utxos',
  'outpoint',
  'filter',
  'filters',
  'send-tx',
  'fee-estimate',
  'mempool-summary',
  'mempool-tx',
] as const
export type ProtocolName = (typeof PROTOCOL_NAMES)[number]

/**
 * The libp2p protocol id of a request/response protocol: `/supernova/<network>/<name>/1`.
 * @example protocolId('devnet', 'status') // '/supernova/devnet/status/1'
 */
export function protocolId(network: Network, name: ProtocolName): string {
  return `/supernova/${network}/${name}/1`
}

/** Gossipsub topics (docs/network.md §3): `/supernova/<network>/blocks/1` and `…/txs/1`. */
export function gossipTopics(network: Network): { blocks: string; txs: string } {
  return { blocks: `/supernova/${network}/blocks/1`, txs: `/supernova/${network}/txs/1` }
}
