import type { IdentifyResult, PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { equalBytes, type Network, type Transaction } from '@supernova/protocol'
import type { Logger } from 'pino'
import type { ChainView } from '../chain/types.js'
import { type RequestContext, requestStatus } from './client.js'
import { NetworkError } from './errors.js'
import { Gossip, type NetworkMempool } from './gossip.js'
import { DEFAULT_HEADS_TUNING, HeadsServer, type HeadsTuning } from './heads.js'
import { openNodeIdentity } from './identity.js'
import { createLibp2pNode, type SupernovaLibp2p } from './libp2pNode.js'
import { DEFAULT_PEER_SCORES_OPTIONS, type PeerScoresOptions } from './peerScores.js'
import { type PeerInfo, PeerManager } from './peers.js'
import { protocolId } from './protocols.js'
import { RequestServer } from './server.js'
import { Syncer, type SyncOptions } from './sync.js'

export type NetworkOptions = {
  network: Network
  /** The node's data directory; the peer key and WebRTC certificate live in `<dataDir>/p2p/`. */
  dataDir: string
  /** Interface to listen on (IPv4 or IPv6 literal). */
  host: string
  /** Listen ports; 0 = any free port. */
  tcpPort: number
  wsPort: number
  /** UDP port of the WebRTC-direct listener. */
  webrtcPort: number
  /** Multiaddrs dialed at start and redialed with back-off whenever lost. */
  bootstrap: readonly string[]
  maxConnections: number
  /** Multiaddrs to announce instead of the listen addresses (public IPs, DNS names). */
  announce?: readonly string[]
  /** Timing and limits; defaults suit production, tests shorten them. */
  tuning?: Partial<NetworkTuning>
}

export type NetworkTuning = PeerScoresOptions &
  SyncOptions &
  HeadsTuning & {
    /** Bound on reading a request frame on the server side. Default 5 s. */
    requestReadTimeoutMs: number
    /** How often connected peers are asked for their status. Default 15 s. */
    statusIntervalMs: number
    /** How often lost bootstrap peers are considered for a redial. Default 1 s. */
    maintenanceIntervalMs: number
    redialMinMs: number
    redialMaxMs: number
    dialTimeoutMs: number
  }

export const DEFAULT_NETWORK_TUNING: NetworkTuning = {
  ...DEFAULT_PEER_SCORES_OPTIONS,
  ...DEFAULT_HEADS_TUNING,
  maxBlocksInFlight: 4,
  progressIntervalMs: 2_000,
  maxLocateSteps: 16,
  requestReadTimeoutMs: 5_000,
  statusIntervalMs: 15_000,
  maintenanceIntervalMs: 1_000,
  redialMinMs: 1_000,
  redialMaxMs: 60_000,
  dialTimeoutMs: 10_000,
}

export type NetworkComponents = {
  chain: ChainView
  mempool: NetworkMempool
  logger: Logger
  /** Clock for scores and bans. Default Date.now. */
  now?: () => number
}

/** The node's libp2p host as the rest of the node uses it. */
export type P2PNetwork = {
  start(): Promise<void>
  stop(): Promise<void>
  /** Our peer id (stable across restarts with the same data directory). */
  peerId(): string
  /** The announced listen addresses, each ending in /p2p/<peer id> (WebRTC-direct with /certhash). */
  getMultiaddrs(): string[]
  getPeers(): PeerInfo[]
  /** Dials `addr` (with or without /p2p/); resolves to the remote peer id. @throws {NetworkError} */
  addPeer(addr: string): Promise<string>
  /** Disconnects `peerId` and refuses it for `durationMs`. */
  banPeer(peerId: string, durationMs: number): void
  isBanned(peerId: string): boolean
  /** Gossips a transaction the mempool accepted. */
  publishTransaction(tx: Transaction): Promise<void>
  /** Peers subscribed to each gossip topic. */
  gossipSubscribers(): { blocks: string[]; txs: string[] }
  /** Open `heads` subscriptions (light clients following our tip). */
  headsSubscribers(): number
  /** Whether a sync is downloading blocks far behind the best peer. */
  isSyncing(): boolean
  /** Our height and the best peer's during such a sync; undefined otherwise. */
  syncProgress(): { height: number; target: number } | undefined
  /** For the request helpers in client.ts (tools and tests). @throws {NetworkError} before start. */
  requestContext(): RequestContext
}

/** How long a peer on another network (another genesis) is refused. */
const WRONG_GENESIS_BAN_MS = 24 * 60 * 60_000

/**
 * The full node's networking (SPEC §3): a libp2p host with persisted identity, the request/
 * response protocols of docs/network.md, block and transaction gossip, header-first sync and
 * peer management. `start()` opens the identity, listens, dials the bootstrap list; `stop()`
 * undoes it in reverse.
 */
export function createNetwork(options: NetworkOptions, components: NetworkComponents): P2PNetwork {
  const tuning: NetworkTuning = { ...DEFAULT_NETWORK_TUNING, ...options.tuning }
  // The composition root names the component in the logger's bindings.
  const { chain, mempool, logger: log } = components
  const now = components.now ?? Date.now
  const peers = new PeerManager({ ...tuning, bootstrap: options.bootstrap }, log, now)
  let libp2p: SupernovaLibp2p | undefined
  const ctx = (): RequestContext | undefined =>
    libp2p === undefined ? undefined : { libp2p, network: options.network }
  const syncer = new Syncer(tuning, chain, peers, ctx, log)
  const gossip = new Gossip(options.network, {
    chain,
    mempool,
    peers,
    logger: log,
    onOrphan: (peer) => void refreshStatus(peer),
  })
  const server = new RequestServer(
    { network: options.network, ...tuning },
    { chain, mempool, peers, logger: log, now, relay: (tx) => gossip.publishTransaction(tx) },
  )
  const heads = new HeadsServer(
    { network: options.network, ...tuning },
    { chain, peers, logger: log },
  )
  const statusInFlight = new Set<string>()
  /** Connected peers that serve `status` (learnt from identify); bounded by the connections. */
  const statusPeers = new Set<string>()
  const statusProtocol = protocolId(options.network, 'status')
  const cleanups: (() => void)[] = []

  function requestContext(): RequestContext {
    const c = ctx()
    if (c === undefined)
      throw new NetworkError({ code: 'NOT_STARTED', message: 'network not started' })
    return c
  }

  async function refreshStatus(peer: PeerId): Promise<void> {
    const id = peer.toString()
    const c = ctx()
    if (c === undefined || statusInFlight.has(id)) return
    statusInFlight.add(id)
    try {
      const status = await requestStatus(c, peer)
      if (!equalBytes(status.genesisHash, chain.genesisHash)) {
        peers.ban(id, WRONG_GENESIS_BAN_MS, 'status: another genesis')
        return
      }
      peers.setStatus(peer, status)
      if (status.cumulativeWork > chain.tip().cumulativeWork) syncer.trigger()
    } catch (err) {
      if (err instanceof NetworkError && err.peerAction === 'penalize')
        peers.penalize(id, 10, `status: ${err.message}`)
      log.debug({ peer: id, err: String(err) }, 'status request failed')
    } finally {
      statusInFlight.delete(id)
    }
  }

  function startTimers(): void {
    const status = setInterval(() => {
      for (const id of statusPeers) void refreshStatus(peerIdFromString(id))
    }, tuning.statusIntervalMs)
    const maintenance = setInterval(
      () => void peers.redialBootstrap(),
      tuning.maintenanceIntervalMs,
    )
    cleanups.push(
      () => clearInterval(status),
      () => clearInterval(maintenance),
    )
  }

  function listen(node: SupernovaLibp2p): void {
    // Identify tells which peers serve `status` (nodes do, browsers and tools do not).
    const onIdentify = (e: CustomEvent<IdentifyResult>) => {
      if (!e.detail.protocols.includes(statusProtocol)) return
      statusPeers.add(e.detail.peerId.toString())
      void refreshStatus(e.detail.peerId)
    }
    const onDisconnect = (e: CustomEvent<PeerId>) => {
      if (node.getConnections(e.detail).length === 0) statusPeers.delete(e.detail.toString())
      peers.onDisconnect(e.detail)
    }
    node.addEventListener('peer:identify', onIdentify)
    node.addEventListener('peer:disconnect', onDisconnect)
    cleanups.push(() => {
      node.removeEventListener('peer:identify', onIdentify)
      node.removeEventListener('peer:disconnect', onDisconnect)
      statusPeers.clear()
    })
    cleanups.push(
      chain.on('connect', ({ block }) => {
        // During a long catch-up the blocks are old news; gossip resumes near the tip.
        if (!syncer.isBulkSyncing()) void gossip.publishBlock(block)
      }),
      // Light clients follow every tip change at once, reorgs included (docs/network.md §2.4).
      chain.on('tip', ({ tip }) => heads.announce(tip)),
      () => heads.close(),
    )
  }

  return {
    async start() {
      if (libp2p !== undefined) return
      const identity = await openNodeIdentity(options.dataDir, log)
      const node = await createLibp2pNode({
        ...identity,
        host: options.host,
        tcpPort: options.tcpPort,
        wsPort: options.wsPort,
        webrtcPort: options.webrtcPort,
        maxConnections: options.maxConnections,
        gater: peers.gater(),
        topics: gossip.topics,
        misbehaviour: (id) => peers.scores.score(id),
        ...(options.announce !== undefined ? { announce: options.announce } : {}),
      })
      await server.register(node)
      await heads.register(node)
      await node.start()
      libp2p = node
      peers.attach(node)
      gossip.attach(node.services.pubsub)
      syncer.start()
      listen(node)
      startTimers()
      log.info(
        { peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(String) },
        'network started',
      )
      void peers.redialBootstrap()
    },

    async stop() {
      const node = libp2p
      if (node === undefined) return
      for (const c of cleanups.splice(0)) c()
      await syncer.stop()
      gossip.detach()
      libp2p = undefined
      peers.attach(undefined)
      await node.stop()
      log.info('network stopped')
    },

    peerId: () => requestContext().libp2p.peerId.toString(),
    getMultiaddrs: () => (libp2p?.getMultiaddrs() ?? []).map(String),
    getPeers: () => peers.getPeers(),

    async addPeer(addr) {
      const node = requestContext().libp2p
      try {
        const conn = await node.dial(multiaddr(addr), {
          signal: AbortSignal.timeout(tuning.dialTimeoutMs),
        })
        return conn.remotePeer.toString()
      } catch (err) {
        throw new NetworkError({
          code: 'DIAL_FAILED',
          message: `could not dial ${addr}`,
          details: { addr },
          cause: err,
        })
      }
    },

    banPeer(peerId, durationMs) {
      peerIdFromString(peerId) // throws on a malformed id before anything is recorded
      peers.ban(peerId, durationMs, 'banned by the operator')
    },
    isBanned: (peerId) => peers.scores.isBanned(peerId),
    publishTransaction: (tx) => gossip.publishTransaction(tx),
    gossipSubscribers: () => gossip.subscribers(),
    headsSubscribers: () => heads.size(),
    isSyncing: () => syncer.isBulkSyncing(),
    syncProgress: () => syncer.progress(),
    requestContext,
  }
}
