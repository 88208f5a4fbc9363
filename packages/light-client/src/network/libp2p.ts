import type { Libp2p, PeerId } from '@libp2p/interface'
import { noise } from '@libp2p/noise'
import { webRTCDirect } from '@libp2p/webrtc'
import { webSockets } from '@libp2p/websockets'
import { yamux } from '@libp2p/yamux'
import { createLibp2p } from 'libp2p'
import { noiseCrypto } from './noiseCrypto.js'
import { generatePeerKey } from './peerKey.js'

export type LightClientLibp2p = Libp2p

export type CreateClientLibp2pParameters = {
  /** Most connections libp2p keeps (the target plus room for dials in flight). */
  maxConnections: number
  /** Refuses dials to banned peers. */
  isBanned: (peerId: string) => boolean
}

/**
 * A dial-only libp2p host with the browser transports (WebSockets, WebRTC-direct), noise and
 * yamux (docs/network.md §1) — the same code in browsers and Node, no listener. Its peer key is
 * fresh for every host (`generatePeerKey`); noise derives its X25519 keys without building curve
 * tables (`noiseCrypto`).
 *
 * No identify or ping service: the client learns nothing from identify (it dials the addresses it
 * was handed and speaks only the protocols of docs/network.md §2), and running it cost each
 * connection an exchange plus peer-store writes while the client starts. Without a ping handler
 * a node's connection monitor still gets its answer (a refused protocol proves the connection
 * alive), and the client's own monitor pings the node.
 *
 * libp2p's browser default refuses insecure WebSockets and private addresses; the light client
 * dials only addresses it was handed (the site's bootstrap list, often a local devnet on
 * `ws://127.0.0.1`), so that filter is replaced by the ban check.
 */
export async function createClientLibp2p(
  p: CreateClientLibp2pParameters,
): Promise<LightClientLibp2p> {
  return createLibp2p({
    privateKey: await generatePeerKey(),
    start: false,
    addresses: { listen: [] },
    transports: [webSockets(), webRTCDirect()],
    connectionEncrypters: [noise(noiseCrypto === undefined ? {} : { crypto: noiseCrypto })],
    streamMuxers: [yamux()],
    connectionGater: {
      denyDialMultiaddr: () => false,
      denyDialPeer: (peerId: PeerId) => p.isBanned(peerId.toString()),
    },
    connectionManager: { maxConnections: p.maxConnections },
  })
}
