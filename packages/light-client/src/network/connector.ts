import type { Connection, PeerId } from '@libp2p/interface'
import type { BootstrapPeer } from './bootstrap.js'
import { transportOf } from './bootstrap.js'
import type { LightClientLibp2p } from './libp2p.js'
import type { PeerBook } from './peerBook.js'
import type { DisconnectReason, NetworkLogger, TransportName } from './types.js'

export type PeerConnectorOptions = {
  targetPeers: number
  dialTimeoutMs: number
  logger: NetworkLogger
  now: () => number
  onConnect: (peerId: string) => void
  onDisconnect: (peerId: string, reason: DisconnectReason) => void
}

/**
 * Keeps `targetPeers` bootstrap nodes connected: dials the candidates the peer book allows (each
 * node's addresses in transport preference order), and when one is lost or a dial fails, waits
 * its back-off and tries again. One timer, re-armed for the next due dial.
 */
export class PeerConnector {
  private timer: ReturnType<typeof setTimeout> | undefined
  private readonly dials = new Set<AbortController>()
  /** Why we closed a peer's connection, for the disconnect event. */
  private readonly closing = new Map<string, DisconnectReason>()
  private stopping = false

  constructor(
    private readonly libp2p: LightClientLibp2p,
    private readonly book: PeerBook,
    private readonly o: PeerConnectorOptions,
  ) {}

  start(): void {
    this.stopping = false
    this.libp2p.addEventListener('peer:connect', this.onPeerConnect)
    this.libp2p.addEventListener('peer:disconnect', this.onPeerDisconnect)
    this.maintain()
  }

  /** Stops dialing; the caller then stops libp2p, which closes the connections. */
  beginStop(): void {
    this.stopping = true
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    for (const d of this.dials) d.abort(new Error('the network is stopping'))
  }

  /** Detaches from libp2p once it has stopped. */
  finishStop(): void {
    this.libp2p.removeEventListener('peer:connect', this.onPeerConnect)
    this.libp2p.removeEventListener('peer:disconnect', this.onPeerDisconnect)
  }

  /** Closes every connection to `id`; the disconnect event carries `reason`. */
  async hangUp(id: string, reason: DisconnectReason): Promise<void> {
    const conns = this.libp2p.getConnections().filter((c) => c.remotePeer.toString() === id)
    if (conns.length === 0) return
    this.closing.set(id, reason)
    await Promise.all(
      conns.map((c) =>
        c
          .close({ signal: AbortSignal.timeout(1_000) })
          .catch((err: unknown) => c.abort(asError(err))),
      ),
    )
  }

  /** Dials what is due and re-arms the timer for the next due dial. */
  maintain(): void {
    if (this.stopping) return
    let wanted = this.o.targetPeers - this.book.connected().length - this.book.dialing()
    for (const peer of this.book.dialCandidates()) {
      if (wanted <= 0) break
      wanted--
      void this.dial(peer)
    }
    this.arm()
  }

  private arm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    const next = this.book.nextDialAt()
    if (next === undefined || this.stopping) return
    const delay = Math.max(0, next - this.o.now())
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.maintain()
    }, delay)
  }

  private async dial(peer: BootstrapPeer): Promise<void> {
    this.book.setDialing(peer.id, true)
    const controller = new AbortController()
    this.dials.add(controller)
    try {
      for (const { multiaddr, transport } of peer.addresses) {
        const signal = AbortSignal.any([
          controller.signal,
          AbortSignal.timeout(this.o.dialTimeoutMs),
        ])
        try {
          const connection = await this.libp2p.dial(multiaddr, { signal })
          this.record(connection, transport)
          if (this.book.isConnected(peer.id)) return
        } catch (err) {
          this.o.logger.debug({ peer: peer.id, transport, err: String(err) }, 'dial failed')
          if (controller.signal.aborted) return
        }
      }
      const delay = this.book.dialFailed(peer.id)
      this.o.logger.debug({ peer: peer.id, retryInMs: delay }, 'no address answered; backing off')
    } finally {
      this.dials.delete(controller)
      this.book.setDialing(peer.id, false)
      this.maintain()
    }
  }

  /** Records an open connection (once per peer); `dialed` is the transport we dialed it with. */
  private record(connection: Connection, dialed?: TransportName): void {
    const id = connection.remotePeer.toString()
    if (this.book.isConnected(id) || connection.status !== 'open') return
    const transport = transportOf(connection.remoteAddr) ?? dialed
    if (transport === undefined) return
    const address = connection.remoteAddr.toString()
    const full = address.includes('/p2p/') ? address : `${address}/p2p/${id}`
    this.book.connectedTo(id, { address: full, transport, connectedAt: this.o.now() })
    this.o.logger.info({ peer: id, address: full }, 'connected')
    this.o.onConnect(id)
  }

  private readonly onPeerConnect = (e: CustomEvent<PeerId>): void => {
    const conn = this.libp2p.getConnections(e.detail).find((c) => c.status === 'open')
    if (conn !== undefined) this.record(conn)
  }

  private readonly onPeerDisconnect = (e: CustomEvent<PeerId>): void => {
    const id = e.detail.toString()
    const reason = this.stopping ? 'stopped' : (this.closing.get(id) ?? 'closed')
    this.closing.delete(id)
    if (!this.book.isConnected(id)) return
    const delay = this.book.disconnected(id)
    this.o.logger.info({ peer: id, reason, redialInMs: delay }, 'disconnected')
    this.o.onDisconnect(id, reason)
    this.maintain()
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err))
}
