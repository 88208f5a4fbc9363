import type { StatusMessage } from '@supernova/protocol'
import { backoffDelay } from './backoff.js'
import type { BootstrapPeer } from './bootstrap.js'
import type { NetworkPeer, TransportName } from './types.js'

/** A score at or below this disconnects and bans the peer (docs/network.md §2.3 uses the same 100). */
export const BAN_SCORE = -100
/** Penalty points forgiven per minute. */
export const DECAY_PER_MINUTE = 2
/** Minus the points, without a negative zero. */
const scoreOf = (points: number): number => (points === 0 ? 0 : -points)

/** Most peers tracked at once (bootstrap nodes plus whatever else connected). */
const MAX_RECORDS = 128

export type PeerBookOptions = {
  minMs: number
  maxMs: number
  stableMs: number
  banMs: number
  now: () => number
  random: () => number
}

type Connected = { address: string; transport: TransportName; connectedAt: number }

type PeerRecord = {
  id: string
  bootstrap: BootstrapPeer | undefined
  points: number
  pointsAt: number
  bannedUntil: number
  /** Consecutive failed dials or short-lived connections: the back-off exponent. */
  failures: number
  nextDialAt: number
  dialing: boolean
  connection: Connected | undefined
  status: StatusMessage | undefined
  statusAt: number | undefined
  latencyMs: number | undefined
  /** When the peer last pushed its status (`heads`), while connected. */
  pushedAt: number | undefined
}

/**
 * Everything the network layer knows about peers: scores (penalties decaying back to 0), bans,
 * dial back-off, connection and last claimed status. Pure state over an injected clock.
 */
export class PeerBook {
  private readonly records = new Map<string, PeerRecord>()

  constructor(private readonly o: PeerBookOptions) {}

  addBootstrap(peer: BootstrapPeer): void {
    this.get(peer.id).bootstrap = peer
  }

  /** Current score: minus the decayed penalty points (0 is good standing). */
  score(id: string): number {
    const r = this.records.get(id)
    return r === undefined ? 0 : scoreOf(this.decayed(r))
  }

  /** Adds penalty points; returns true when the peer just fell to the ban score (and is banned). */
  penalize(id: string, points: number): boolean {
    const r = this.get(id)
    r.points = this.decayed(r) + points
    r.pointsAt = this.o.now()
    if (-r.points > BAN_SCORE || this.isBanned(id)) return false
    this.ban(id, this.o.banMs)
    return true
  }

  ban(id: string, ms: number): void {
    const r = this.get(id)
    r.bannedUntil = Math.max(r.bannedUntil, this.o.now() + ms)
    r.nextDialAt = Math.max(r.nextDialAt, r.bannedUntil)
  }

  isBanned(id: string): boolean {
    return (this.records.get(id)?.bannedUntil ?? 0) > this.o.now()
  }

  isConnected(id: string): boolean {
    return this.records.get(id)?.connection !== undefined
  }

  connected(): NetworkPeer[] {
    const out: NetworkPeer[] = []
    for (const r of this.records.values()) if (r.connection) out.push(this.view(r, r.connection))
    return out
  }

  peer(id: string): NetworkPeer | undefined {
    const r = this.records.get(id)
    return r?.connection === undefined ? undefined : this.view(r, r.connection)
  }

  /** The best connected, unbanned peer: highest score, one with a status first, lowest latency. */
  best(): NetworkPeer | undefined {
    return this.ranked()[0]
  }

  /** Connected, unbanned peers, best first (the order of `best`). */
  ranked(): NetworkPeer[] {
    const candidates = this.connected().filter((p) => !this.isBanned(p.id))
    candidates.sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.status !== undefined) - Number(a.status !== undefined) ||
        (a.latencyMs ?? Number.POSITIVE_INFINITY) - (b.latencyMs ?? Number.POSITIVE_INFINITY) ||
        a.connectedAt - b.connectedAt,
    )
    return candidates
  }

  /** Bootstrap peers to dial now: not connected, not dialing, not banned, back-off over. */
  dialCandidates(): BootstrapPeer[] {
    const now = this.o.now()
    return [...this.records.values()]
      .filter((r) => r.bootstrap && !r.connection && !r.dialing && r.nextDialAt <= now)
      .filter((r) => !this.isBanned(r.id))
      .sort((a, b) => a.failures - b.failures || a.nextDialAt - b.nextDialAt)
      .map((r) => r.bootstrap as BootstrapPeer)
  }

  /** When the next bootstrap peer becomes dialable (ms), or undefined if none waits. */
  nextDialAt(): number | undefined {
    let next: number | undefined
    for (const r of this.records.values()) {
      if (!r.bootstrap || r.connection || r.dialing) continue
      next = next === undefined ? r.nextDialAt : Math.min(next, r.nextDialAt)
    }
    return next
  }

  dialing(): number {
    let n = 0
    for (const r of this.records.values()) if (r.dialing) n++
    return n
  }

  setDialing(id: string, dialing: boolean): void {
    this.get(id).dialing = dialing
  }

  /** A dial failed: the next attempt waits the back-off. */
  dialFailed(id: string): number {
    return this.retryLater(this.get(id))
  }

  connectedTo(id: string, c: Connected): void {
    const r = this.get(id)
    r.connection = c
    r.dialing = false
  }

  /**
   * The connection is gone. One that held `stableMs` resets the back-off; a short one counts as a
   * failure (a node that accepts and drops us is not hammered). Returns the delay before a redial.
   */
  disconnected(id: string): number {
    const r = this.records.get(id)
    if (r?.connection === undefined) return 0
    if (this.o.now() - r.connection.connectedAt >= this.o.stableMs) r.failures = 0
    r.connection = undefined
    r.status = undefined
    r.statusAt = undefined
    r.latencyMs = undefined
    r.pushedAt = undefined
    return this.retryLater(r)
  }

  /** The network stopped: the connection is forgotten and the peer may be dialed at the next start. */
  stopped(id: string): void {
    const r = this.records.get(id)
    if (r === undefined) return
    r.connection = undefined
    r.status = undefined
    r.statusAt = undefined
    r.latencyMs = undefined
    r.pushedAt = undefined
    r.dialing = false
    r.nextDialAt = Math.min(r.nextDialAt, r.bannedUntil)
  }

  /**
   * Records a claimed status: polled (with the exchange's `latencyMs`) or pushed (without; the
   * last latency is kept). A polled answer with less work than a status the peer pushed after the
   * poll was sent is older news (a node's tip work only grows) and only its latency is kept.
   * Returns whether the status was taken.
   */
  setStatus(id: string, status: StatusMessage, latencyMs: number | undefined): boolean {
    const r = this.records.get(id)
    if (r?.connection === undefined) return false
    const now = this.o.now()
    if (latencyMs !== undefined) {
      r.latencyMs = latencyMs
      const overtaken =
        r.pushedAt !== undefined &&
        r.pushedAt >= now - latencyMs &&
        status.cumulativeWork < (r.status?.cumulativeWork ?? 0n)
      if (overtaken) return false
    } else r.pushedAt = now
    r.status = status
    r.statusAt = now
    return true
  }

  private retryLater(r: PeerRecord): number {
    r.failures++
    r.dialing = false
    const delay = backoffDelay({
      attempt: r.failures,
      minMs: this.o.minMs,
      maxMs: this.o.maxMs,
      random: this.o.random(),
    })
    r.nextDialAt = Math.max(this.o.now() + delay, r.bannedUntil)
    return r.nextDialAt - this.o.now()
  }

  private decayed(r: PeerRecord): number {
    const minutes = (this.o.now() - r.pointsAt) / 60_000
    return Math.max(0, r.points - minutes * DECAY_PER_MINUTE)
  }

  private view(r: PeerRecord, c: Connected): NetworkPeer {
    return {
      id: r.id,
      address: c.address,
      transport: c.transport,
      status: r.status,
      statusAt: r.statusAt,
      latencyMs: r.latencyMs,
      score: scoreOf(this.decayed(r)),
      connectedAt: c.connectedAt,
    }
  }

  private get(id: string): PeerRecord {
    let r = this.records.get(id)
    if (r === undefined) {
      if (this.records.size >= MAX_RECORDS) this.evictOne()
      r = {
        id,
        bootstrap: undefined,
        points: 0,
        pointsAt: this.o.now(),
        bannedUntil: 0,
        failures: 0,
        nextDialAt: 0,
        dialing: false,
        connection: undefined,
        status: undefined,
        statusAt: undefined,
        latencyMs: undefined,
        pushedAt: undefined,
      }
      this.records.set(id, r)
    }
    return r
  }

  /** Forgets the oldest record that is neither a bootstrap node, connected, dialing nor banned. */
  private evictOne(): void {
    for (const r of this.records.values()) {
      if (r.bootstrap || r.connection || r.dialing || this.isBanned(r.id)) continue
      this.records.delete(r.id)
      return
    }
  }
}
