/**
 * Fee advice for the send form. The site's light client runs in a shared worker whose SDK offers
 * no fee estimate, so the page dials the bootstrap nodes itself for the moment it takes to ask
 * (libp2p `fee-estimate`, the light client's `estimateFees`: median of several peers, clamped
 * between the relay floor and a cap) and hangs up. Loaded on demand: libp2p stays out of the
 * wallet page's first bundle.
 */
import {
  createLightClientNetwork,
  type EstimateFeesReturnType,
  estimateFees,
} from '@supernova/light-client'
import { getChainParams, type Network } from '@supernova/protocol'

export type EstimateFeesFromPeersParameters = {
  network: Network
  /** The site's bootstrap multiaddrs (`/api/bootstrap`). */
  bootstrap: readonly string[]
  signal?: AbortSignal
}

/**
 * Fast, normal and slow fee choices from the nodes' advice (unverifiable by nature: a fee
 * estimate is an opinion about mempools, not a fact a proof can check).
 * @throws {PaymentError} NO_FEE_ESTIMATE, ABORTED. @throws {NetworkError} NO_PEER (none reachable).
 */
export async function estimateFeesFromPeers(
  p: EstimateFeesFromPeersParameters,
): Promise<EstimateFeesReturnType> {
  const net = createLightClientNetwork({
    network: p.network,
    bootstrap: p.bootstrap.filter((a) => a.includes('/ws/')),
    transports: ['websockets'],
    reconnect: { minMs: 500, maxMs: 2_000 },
  })
  await net.start()
  try {
    await net.waitForPeers({ timeoutMs: 8_000, ...(p.signal ? { signal: p.signal } : {}) })
    return await estimateFees({
      network: net,
      params: getChainParams(p.network),
      timeoutMs: 4_000,
      ...(p.signal ? { signal: p.signal } : {}),
    })
  } finally {
    await net.stop()
  }
}
