/**
 * Misbehaviour scores, bans and per-peer request rate limits: plain bounded bookkeeping keyed by
 * peer id strings, with time injected. The libp2p side (hanging up, gating) lives in peers.ts.
 */

export type PeerScoresOptions = {
  /** Score at which a peer is banned. Default 100. */
  banThreshold: number
  /** Ban length when the threshold is crossed. Default 1 hour. */
  banDurationMs: number
  /** Points forgiven per minute of good behaviour. Default 2. */
  decayPerMinute: number
  /** Requests a peer may burst. Default 40. */
  rateBurst: number
  /** Requests per second a peer may sustain. Default 20. */
  ratePerSecond: number
  /** Most peers remembered in each table (scores, bans, buckets). Default 4096. */
  maxTracked: number
}

export const DEFAULT_PEER_SCORES_OPTIONS: PeerScoresOptions = {
  banThreshold: 100,
  banDurationMs: 60 * 60_000,
  decayPerMinute: 2,
  rateBurst: 40,
  ratePerSecond: 20,
  maxTracked: 4096,
}

type Score = { points: number; at: number }
type Bucket = { tokens: number; at: number }

/** Bounded score, ban and rate tables. `penalize` returns the ban length when one starts. */
export class PeerScores {
  private readonly scores = new Map<string, Score>()
  private readonly bans = new Map<string, number>()
  private readonly buckets = new Map<string, Bucket>()

  constructor(
    private readonly options: PeerScoresOptions,
    private readonly now: () => number,
  ) {}

  /** The peer's current misbehaviour points (decayed to now). */
  score(peer: string): number {
    const s = this.scores.get(peer)
    if (s === undefined) return 0
    const minutes = (this.now() - s.at) / 60_000
    return Math.max(0, s.points - minutes * this.options.decayPerMinute)
  }

  /**
   * Adds `points`; when the score reaches the threshold the peer is banned and its score reset.
   * @returns the ban duration in ms if this penalty started a ban, else undefined.
   */
  penalize(peer: string, points: number): number | undefined {
    const next = this.score(peer) + points
    if (next >= this.options.banThreshold) {
      this.scores.delete(peer)
      this.ban(peer, this.options.banDurationMs)
      return this.options.banDurationMs
    }
    setBounded(this.scores, peer, { points: next, at: this.now() }, this.options.maxTracked)
    return undefined
  }

  ban(peer: string, durationMs: number): void {
    const until = this.now() + durationMs
    const current = this.bans.get(peer) ?? 0
    if (current >= until) return
    this.pruneBans()
    setBounded(this.bans, peer, until, this.options.maxTracked)
  }

  unban(peer: string): void {
    this.bans.delete(peer)
  }

  isBanned(peer: string): boolean {
    const until = this.bans.get(peer)
    if (until === undefined) return false
    if (until > this.now()) return true
    this.bans.delete(peer)
    return false
  }

  /** Active bans: peer id → until (ms since the epoch). */
  banned(): Map<string, number> {
    this.pruneBans()
    return new Map(this.bans)
  }

  /** Takes one request token; false when the peer is over its rate. */
  allowRequest(peer: string): boolean {
    const { rateBurst, ratePerSecond, maxTracked } = this.options
    const now = this.now()
    const b = this.buckets.get(peer) ?? { tokens: rateBurst, at: now }
    const tokens = Math.min(rateBurst, b.tokens + ((now - b.at) / 1000) * ratePerSecond)
    const allowed = tokens >= 1
    setBounded(this.buckets, peer, { tokens: allowed ? tokens - 1 : tokens, at: now }, maxTracked)
    return allowed
  }

  /** Drops per-connection state (the rate bucket) when a peer disconnects. */
  forget(peer: string): void {
    this.buckets.delete(peer)
  }

  private pruneBans(): void {
    const now = this.now()
    for (const [peer, until] of this.bans) if (until <= now) this.bans.delete(peer)
  }
}

/** Sets `key`, evicting the oldest insertion when the map is at `max`. */
function setBounded<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key)
  if (map.size >= max) {
    const oldest = map.keys().next()
    if (oldest.done !== true) map.delete(oldest.value)
  }
  map.set(key, value)
}
