import type { ConnectionGater, Libp2p, PeerId } from '@libp2p/interface'
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'
import type { Logger } from 'pino'
import type { StatusMessage } from './messages.js'
import { PeerScores, type PeerScoresOptions } from './peerScores.js'

/** A connected peer as `getPeers()` reports it. */
export type PeerInfo = {
  peerId: string
  /** Remote addresses of its open connections. */
  addresses: string[]
  direction: 'inbound' | 'outbound'
  /** Round-trip time measured by libp2p's connection monitor, once known. */
  latencyMs?: number
  /** Tip height from its last `status` answer. */
  height?: number
  /** Misbehaviour points (decaying; a ban at the threshold, 100 by default). */
  score: number
}

export type PeerManagerOptions = PeerScoresOptions & {
  bootstrap: readonly string[]
  /** First redial delay of a lost bootstrap peer; doubles per failure up to `redialMaxMs`. */
  redialMinMs: number
  redialMaxMs: number
  /** Bound on one dial. */
  dialTimeoutMs: number
}

type BootstrapEntry = {
  addr: Multiaddr
  peerId: string | undefined
  /** Dials since the last connection that held for STABLE_CONNECTION_MS: the back-off exponent. */
  failures: number
  nextAt: number
  dialing: boolean
  connectedSince: number | undefined
}

/** A bootstrap connection that lasts this long resets the redial back-off. */
const STABLE_CONNECTION_MS = 60_000

/**
 * Who we are connected to and what we think of them: misbehaviour scores and bans (enforced by
 * the connection gater and by hanging up), request rate limits, last known statuses, and the
 * bootstrap list, redialed with exponential back-off whenever a bootstrap peer is lost.
 */
export class PeerManager {
  readonly scores: PeerScores
  private libp2p: Libp2p | undefined
  private readonly statuses = new Map<string, StatusMessage>()
  private readonly bootstrap: BootstrapEntry[]

  constructor(
    private readonly options: PeerManagerOptions,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {
    this.scores = new PeerScores(options, now)
    this.bootstrap = options.bootstrap.map((a) => {
      const addr = multiaddr(a)
      return {
        addr,
        peerId: peerIdOf(addr),
        failures: 0,
        nextAt: 0,
        dialing: false,
        connectedSince: undefined,
      }
    })
  }

  /** Refuses every connection with a banned peer, both ways. */
  gater(): ConnectionGater {
    const banned = (peer: PeerId) => this.scores.isBanned(peer.toString())
    return {
      denyDialPeer: banned,
      denyInboundEncryptedConnection: banned,
      denyOutboundEncryptedConnection: banned,
    }
  }

  attach(libp2p: Libp2p | undefined): void {
    this.libp2p = libp2p
  }

  /** Penalizes `peer`; bans and disconnects it when its score crosses the threshold. */
  penalize(peer: PeerId | string, points: number, reason: string): void {
    const id = peer.toString()
    const banMs = this.scores.penalize(id, points)
    this.logger.debug({ peer: id, points, score: this.scores.score(id), reason }, 'peer penalized')
    if (banMs !== undefined) this.disconnectBanned(id, banMs, reason)
  }

  /** Bans `peer` for `durationMs` and hangs up on it. */
  ban(peer: PeerId | string, durationMs: number, reason: string): void {
    const id = peer.toString()
    this.scores.ban(id, durationMs)
    this.disconnectBanned(id, durationMs, reason)
  }

  private disconnectBanned(id: string, durationMs: number, reason: string): void {
    this.logger.warn({ peer: id, durationMs, reason }, 'peer banned')
    this.statuses.delete(id)
    const libp2p = this.libp2p
    if (libp2p === undefined) return
    for (const conn of libp2p.getConnections()) {
      if (conn.remotePeer.toString() !== id) continue
      conn.close().catch(() => conn.abort(new Error('banned')))
    }
  }

  setStatus(peer: PeerId, status: StatusMessage): void {
    if (this.libp2p?.getConnections(peer).length === 0) return
    this.statuses.set(peer.toString(), status)
  }

  status(peer: PeerId | string): StatusMessage | undefined {
    return this.statuses.get(peer.toString())
  }

  /** Connected peers with a known status, best (most work) first. */
  peersByWork(): { peerId: string; status: StatusMessage }[] {
    return [...this.statuses]
      .map(([peerId, status]) => ({ peerId, status }))
      .sort((a, b) =>
        a.status.cumulativeWork === b.status.cumulativeWork
          ? 0
          : a.status.cumulativeWork > b.status.cumulativeWork
            ? -1
            : 1,
      )
  }

  onDisconnect(peer: PeerId): void {
    const id = peer.toString()
    if ((this.libp2p?.getConnections(peer).length ?? 0) > 0) return
    this.statuses.delete(id)
    this.scores.forget(id)
  }

  getPeers(): PeerInfo[] {
    const byPeer = new Map<string, PeerInfo>()
    for (const conn of this.libp2p?.getConnections() ?? []) {
      const id = conn.remotePeer.toString()
      const info = byPeer.get(id) ?? {
        peerId: id,
        addresses: [],
        direction: conn.direction,
        score: this.scores.score(id),
      }
      info.addresses.push(conn.remoteAddr.toString())
      if (conn.rtt !== undefined) info.latencyMs = conn.rtt
      const height = this.statuses.get(id)?.tipHeight
      if (height !== undefined) info.height = height
      byPeer.set(id, info)
    }
    return [...byPeer.values()]
  }

  /**
   * Dials every bootstrap address that is due and not connected. The back-off grows with every
   * dial and resets only once a connection has held for a while, so a peer that accepts and then
   * drops us (a ban) is not hammered. Never throws.
   */
  async redialBootstrap(): Promise<void> {
    const libp2p = this.libp2p
    if (libp2p === undefined) return
    const now = this.now()
    const due: BootstrapEntry[] = []
    for (const e of this.bootstrap) {
      if (this.isConnected(e)) {
        e.connectedSince ??= now
        if (now - e.connectedSince >= STABLE_CONNECTION_MS) e.failures = 0
      } else {
        e.connectedSince = undefined
        if (!e.dialing && e.nextAt <= now) due.push(e)
      }
    }
    await Promise.all(due.map((e) => this.dialBootstrap(libp2p, e)))
  }

  private isConnected(e: BootstrapEntry): boolean {
    const libp2p = this.libp2p
    if (libp2p === undefined || e.peerId === undefined) return false
    return libp2p.getConnections().some((c) => c.remotePeer.toString() === e.peerId)
  }

  private async dialBootstrap(libp2p: Libp2p, e: BootstrapEntry): Promise<void> {
    const { redialMinMs, redialMaxMs, dialTimeoutMs } = this.options
    const delay = Math.min(redialMaxMs, redialMinMs * 2 ** Math.min(e.failures, 20))
    e.nextAt = this.now() + delay
    e.failures++
    e.dialing = true
    try {
      const conn = await libp2p.dial(e.addr, { signal: AbortSignal.timeout(dialTimeoutMs) })
      e.peerId = conn.remotePeer.toString()
      this.logger.info({ peer: e.peerId, addr: e.addr.toString() }, 'connected to bootstrap peer')
    } catch (err) {
      this.logger.debug(
        { addr: e.addr.toString(), failures: e.failures, retryInMs: delay, err: String(err) },
        'bootstrap dial failed',
      )
    } finally {
      e.dialing = false
    }
  }
}

function peerIdOf(addr: Multiaddr): string | undefined {
  return addr.getComponents().find((c) => c.name === 'p2p')?.value
}
