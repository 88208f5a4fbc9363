import type { Network, StatusMessage } from '@supernova/protocol'
import { PeerConnector } from './connector.js'
import type { PeerOutcome } from './errors.js'
import type { createEmitter } from './events.js'
import { HeadsSubscriptions } from './headsSubscriptions.js'
import { createClientLibp2p, type LightClientLibp2p } from './libp2p.js'
import type { PeerBook } from './peerBook.js'
import type { DisconnectReason, LightClientNetworkEvents, NetworkLogger } from './types.js'

export type NetworkRuntimeOptions = {
  targetPeers: number
  dialTimeoutMs: number
  statusIntervalMs: number
  logger: NetworkLogger
  now: () => number
  reconnect: { minMs: number; maxMs: number; stableMs: number }
  random: () => number
}

/** What the pushed statuses of `heads` streams need from the network they belong to. */
export type PushedStatusHooks = {
  network: Network
  onStatus: (peer: string, status: StatusMessage) => PeerOutcome
  punish: (peer: string, points: number, reason: string) => PeerOutcome
}

/**
 * A peer whose heads stream is live is polled only once its last status (pushed or polled) is
 * older than this many status intervals: every tip is pushed, so the poll only re-checks a quiet
 * chain or a stream that silently stopped — at half the rate (about every 2 intervals) instead of
 * every interval.
 */
const PUSHED_STATUS_FRESH_INTERVALS = 1.5

type Emitter = ReturnType<typeof createEmitter<LightClientNetworkEvents>>

/**
 * The started part of the network: the libp2p host, the connector that keeps peers connected, the
 * `heads` streams on which peers push their new tips, and the timer that refreshes their status
 * (the fallback for nodes that do not push). `start` and `stop` are idempotent; a stopped runtime can
 * be started again (a new libp2p host; scores and bans stay in the book).
 */
export class NetworkRuntime {
  libp2p: LightClientLibp2p | undefined
  private connector: PeerConnector | undefined
  private heads: HeadsSubscriptions | undefined
  private statusTimer: ReturnType<typeof setInterval> | undefined
  private starting: Promise<void> | undefined
  private readonly polling = new Set<string>()

  constructor(
    private readonly o: NetworkRuntimeOptions,
    private readonly book: PeerBook,
    private readonly emitter: Emitter,
    private readonly requestStatus: (peer: string) => Promise<unknown>,
    private readonly pushed: PushedStatusHooks,
  ) {}

  start(): Promise<void> {
    this.starting ??= this.open().catch((err: unknown) => {
      this.starting = undefined
      throw err
    })
    return this.starting
  }

  async stop(): Promise<void> {
    if (this.starting === undefined) return
    await this.starting.catch(() => undefined)
    if (this.statusTimer !== undefined) clearInterval(this.statusTimer)
    this.connector?.beginStop()
    this.heads?.stop()
    await this.libp2p?.stop()
    this.connector?.finishStop()
    // libp2p closes its connections on stop without a disconnect event for each.
    for (const peer of this.book.connected()) {
      this.book.stopped(peer.id)
      this.emitter.emit('peer:disconnect', { peer: peer.id, reason: 'stopped' })
    }
    this.libp2p = undefined
    this.connector = undefined
    this.heads = undefined
    this.starting = undefined
  }

  /** Closes the connections to `peer`; the disconnect event carries `reason`. */
  async hangUp(peer: string, reason: DisconnectReason): Promise<void> {
    await this.connector?.hangUp(peer, reason)
  }

  private async open(): Promise<void> {
    const host = await createClientLibp2p({
      maxConnections: this.o.targetPeers + 4,
      isBanned: (id) => this.book.isBanned(id),
    })
    await host.start()
    this.libp2p = host
    const heads = new HeadsSubscriptions(host, { ...this.o, ...this.pushed })
    this.heads = heads
    this.connector = new PeerConnector(host, this.book, {
      targetPeers: this.o.targetPeers,
      dialTimeoutMs: this.o.dialTimeoutMs,
      logger: this.o.logger,
      now: this.o.now,
      onConnect: (peer) => {
        const view = this.book.peer(peer)
        if (view) this.emitter.emit('peer:connect', { peer: view })
        this.poll(peer)
        heads.open(peer)
      },
      onDisconnect: (peer, reason) => {
        heads.close(peer)
        this.emitter.emit('peer:disconnect', { peer, reason })
      },
    })
    this.connector.start()
    this.statusTimer = setInterval(() => {
      const fresh = this.o.now() - PUSHED_STATUS_FRESH_INTERVALS * this.o.statusIntervalMs
      for (const peer of this.book.connected()) {
        if (heads.isLive(peer.id) && (peer.statusAt ?? Number.NEGATIVE_INFINITY) > fresh) continue
        this.poll(peer.id)
      }
    }, this.o.statusIntervalMs)
  }

  /** One status request per peer at a time; failures are the request layer's to score. */
  private poll(peer: string): void {
    if (this.polling.has(peer)) return
    this.polling.add(peer)
    this.requestStatus(peer)
      .catch((err: unknown) => this.o.logger.debug({ peer, err: String(err) }, 'status failed'))
      .finally(() => this.polling.delete(peer))
  }
}
