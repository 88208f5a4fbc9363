import { type GossipSub, gossipsub, StrictNoSign } from '@libp2p/gossipsub'
import { createPeerScoreParams, createTopicScoreParams } from '@libp2p/gossipsub/score'
import { type Identify, identify } from '@libp2p/identify'
import type { ConnectionGater, Libp2p, PrivateKey } from '@libp2p/interface'
import { noise } from '@libp2p/noise'
import { type Ping, ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { webRTCDirect } from '@libp2p/webrtc'
import { webSockets } from '@libp2p/websockets'
import { yamux } from '@libp2p/yamux'
import { MAX_BLOCK_ENCODED_BYTES } from '@supernova/protocol'
import { createLibp2p } from 'libp2p'
import type { WebRtcCertificate } from './certificate.js'

export type NodeServices = { identify: Identify; ping: Ping; pubsub: GossipSub }
export type SupernovaLibp2p = Libp2p<NodeServices>

export type CreateLibp2pNodeParameters = {
  privateKey: PrivateKey
  certificate: WebRtcCertificate
  host: string
  tcpPort: number
  wsPort: number
  webrtcPort: number
  announce?: readonly string[]
  maxConnections: number
  gater: ConnectionGater
  topics: { blocks: string; txs: string }
  /** Our misbehaviour score of a peer (≥ 0); gossipsub subtracts it from the peer's score. */
  misbehaviour: (peerId: string) => number
}

/** `/ip4/…` or `/ip6/…` for a listen host. */
function ipPrefix(host: string): string {
  return host.includes(':') ? `/ip6/${host}` : `/ip4/${host}`
}

/** Topic score weights: reward first deliveries, punish invalid messages hard, no delivery quotas. */
function topicScore(weight: number) {
  return createTopicScoreParams({
    topicWeight: weight,
    timeInMeshWeight: 0.01,
    timeInMeshQuantum: 1_000,
    timeInMeshCap: 300,
    firstMessageDeliveriesWeight: 1,
    firstMessageDeliveriesDecay: 0.9,
    firstMessageDeliveriesCap: 50,
    // Blocks and txs come irregularly; a quiet mesh peer is not a bad one.
    meshMessageDeliveriesWeight: 0,
    meshFailurePenaltyWeight: 0,
    invalidMessageDeliveriesWeight: -100,
    invalidMessageDeliveriesDecay: 0.99,
  })
}

/**
 * The node's libp2p host: TCP, WebSockets and WebRTC-direct listeners (browsers dial the last
 * two), noise, yamux, identify, ping and gossipsub with peer scoring. Gossip is unsigned and
 * content-addressed (message id = sha256 of the data), so a block republished by several peers
 * is one message; publishing one already seen is a no-op.
 */
export async function createLibp2pNode(p: CreateLibp2pNodeParameters): Promise<SupernovaLibp2p> {
  const ip = ipPrefix(p.host)
  return createLibp2p({
    start: false,
    privateKey: p.privateKey,
    addresses: {
      listen: [
        `${ip}/tcp/${p.tcpPort}`,
        `${ip}/tcp/${p.wsPort}/ws`,
        `${ip}/udp/${p.webrtcPort}/webrtc-direct`,
      ],
      ...(p.announce !== undefined && p.announce.length > 0 ? { announce: [...p.announce] } : {}),
    },
    transports: [tcp(), webSockets(), webRTCDirect({ certificate: p.certificate })],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: p.gater,
    connectionManager: { maxConnections: p.maxConnections },
    services: {
      identify: identify(),
      ping: ping(),
      pubsub: gossipsub({
        globalSignaturePolicy: StrictNoSign,
        allowPublishToZeroTopicPeers: true,
        ignoreDuplicatePublishError: true,
        allowedTopics: [p.topics.blocks, p.topics.txs],
        maxInboundDataLength: MAX_BLOCK_ENCODED_BYTES + 64 * 1024,
        // One RPC and one message at a time per peer: validation (a block import) applies
        // back-pressure to the sender instead of piling up concurrent work.
        awaitRpcHandler: true,
        awaitRpcMessageHandler: true,
        scoreParams: createPeerScoreParams({
          topics: { [p.topics.blocks]: topicScore(1), [p.topics.txs]: topicScore(0.5) },
          appSpecificScore: (peerId) => -p.misbehaviour(peerId),
          appSpecificWeight: 1,
        }),
      }),
    },
  })
}
