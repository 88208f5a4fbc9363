/**
 * The page the Chromium test loads: nothing but the light client's network layer. The test calls
 * `window.lightClientProbe` with the node's bootstrap list and a transport.
 */
import { hashHeader, toHex } from '@supernova/protocol'
import { createLightClientNetwork } from '../../src/network/index.js'
import type { TransportName } from '../../src/network/types.js'

export type ProbeResult = {
  transport: string
  address: string
  tipHash: string
  tipHeight: number
  headerHashes: string[]
  events: string[]
}

async function probe(bootstrap: string[], transport: TransportName): Promise<ProbeResult> {
  const net = createLightClientNetwork({ network: 'devnet', bootstrap, transports: [transport] })
  const events: string[] = []
  net.on('peer:connect', (e) => events.push(`connect ${e.peer.transport}`))
  net.on('status', (e) => events.push(`status ${e.status.tipHeight}`))
  await net.start()
  try {
    const [peer] = await net.waitForPeers({ timeoutMs: 15_000 })
    if (peer === undefined) throw new Error('no peer')
    const { status } = await net.getStatus()
    const { headers } = await net.getHeaders({ fromHeight: 0, count: 50 })
    return {
      transport: peer.transport,
      address: peer.address,
      tipHash: toHex(status.tipHash),
      tipHeight: status.tipHeight,
      headerHashes: headers.map((h) => toHex(hashHeader(h))),
      events,
    }
  } finally {
    await net.stop()
  }
}

;(globalThis as { lightClientProbe?: typeof probe }).lightClientProbe = probe
