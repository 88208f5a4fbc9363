import type { Libp2p, Stream } from '@libp2p/interface'
import {
  encodeHeadsAnnouncement,
  encodeHeadsRefusal,
  HEADS_LIMITS,
  headsProtocolId,
  type Network,
  type StatusMessage,
} from '@supernova/protocol'
import type { Logger } from 'pino'
import type { ChainTip, ChainView } from '../chain/types.js'
import type { PeerManager } from './peers.js'
import { raceAbort, writeFrame } from './stream.js'

/** Bounds of the `heads` subscriptions (docs/network.md §2.4). */
export type HeadsTuning = {
  /** Most subscriptions at once; one more is refused (RATE_LIMITED). Default 256. */
  maxHeadsSubscribers: number
  /** Most subscriptions per peer; one more closes that peer's oldest. Default 2. */
  maxHeadsSubscribersPerPeer: number
  /** A write the subscriber does not drain within this closes its subscription. Default 10 s. */
  headsWriteTimeoutMs: number
}

export const DEFAULT_HEADS_TUNING: HeadsTuning = {
  maxHeadsSubscribers: 256,
  maxHeadsSubscribersPerPeer: 2,
  headsWriteTimeoutMs: HEADS_LIMITS.writeTimeoutMs,
}

export type HeadsServerOptions = HeadsTuning & { network: Network }

export type HeadsServerComponents = {
  chain: Pick<ChainView, 'genesisHash' | 'tip'>
  peers: Pick<PeerManager, 'penalize'>
  logger: Logger
}

/** Points for writing to a `heads` stream: the subscriber only reads. */
const WROTE_TO_HEADS_POINTS = 10
/** How long a refused stream may take to take its refusal before it is aborted. */
const REFUSAL_GRACE_MS = 1_000

type Subscriber = {
  peer: string
  stream: Stream
  /** The newest announcement not yet handed to the stream: a slow reader gets only the latest. */
  latest: Uint8Array | undefined
  writing: boolean
  closed: boolean
}

/** What the node says about its chain, in `status` answers and `heads` announcements. */
function nodeStatus(
  chain: Pick<ChainView, 'genesisHash' | 'tip'>,
  tip: ChainTip = chain.tip(),
): StatusMessage {
  return {
    genesisHash: chain.genesisHash,
    tipHash: tip.hash,
    tipHeight: tip.height,
    cumulativeWork: tip.cumulativeWork,
    // No finality yet (SPEC §2 finality arrives with staking).
    finalizedHeight: 0,
  }
}

/**
 * Serves `heads` (docs/network.md §2.4): each subscriber's stream gets the current tip at once
 * and every new tip after (reorgs included). Writes are coalesced per subscriber — while one is
 * waiting for the stream to drain, newer tips replace each other and only the latest follows —
 * and a write not drained within `headsWriteTimeoutMs` closes the subscription. Subscriptions
 * are capped in total (beyond: refused with RATE_LIMITED) and per peer (beyond: the peer's oldest
 * is closed, so a client that reopens is not locked out by its own dead stream).
 */
export class HeadsServer {
  /** Insertion order is age: the first of a peer's is its oldest. */
  private readonly subscribers = new Set<Subscriber>()
  private stopped = false

  constructor(
    private readonly o: HeadsServerOptions,
    private readonly c: HeadsServerComponents,
  ) {}

  async register(libp2p: Libp2p): Promise<void> {
    this.stopped = false
    await libp2p.handle(
      headsProtocolId(this.o.network),
      (stream, connection) => this.subscribe(stream, connection.remotePeer.toString()),
      // Above our per-peer cap, so the newest stream reaches `subscribe` and replaces the oldest.
      { maxInboundStreams: this.o.maxHeadsSubscribersPerPeer + 2 },
    )
  }

  /** Takes a new subscriber's stream: refused over the cap, else sent the current tip. */
  subscribe(stream: Stream, peer: string): void {
    if (this.stopped) {
      stream.abort(new Error('the node is stopping'))
      return
    }
    const own = [...this.subscribers].filter((s) => s.peer === peer)
    for (const old of own.slice(0, own.length + 1 - this.o.maxHeadsSubscribersPerPeer))
      this.drop(old, 'replaced by a newer subscription of the same peer')
    if (this.subscribers.size >= this.o.maxHeadsSubscribers) {
      void this.refuse(stream, peer)
      return
    }
    const s: Subscriber = { peer, stream, latest: undefined, writing: false, closed: false }
    this.subscribers.add(s)
    stream.addEventListener('close', () => this.forget(s))
    stream.addEventListener('message', () => {
      this.c.peers.penalize(peer, WROTE_TO_HEADS_POINTS, 'heads: the subscriber wrote a frame')
      this.drop(s, 'the subscriber wrote to a heads stream')
    })
    this.c.logger.debug({ peer, subscribers: this.subscribers.size }, 'heads: subscribed')
    this.push(s, encodeHeadsAnnouncement(nodeStatus(this.c.chain)))
  }

  /** Announces `tip` to every subscriber. */
  announce(tip: ChainTip): void {
    if (this.subscribers.size === 0) return
    const frame = encodeHeadsAnnouncement(nodeStatus(this.c.chain, tip))
    for (const s of this.subscribers) this.push(s, frame)
  }

  /** Open subscriptions (each peer's included). */
  size(): number {
    return this.subscribers.size
  }

  /** Closes every subscription and refuses new ones until the next `register`. */
  close(): void {
    this.stopped = true
    for (const s of [...this.subscribers]) this.drop(s, 'the node is stopping')
  }

  private push(s: Subscriber, frame: Uint8Array): void {
    s.latest = frame
    if (!s.writing) void this.pump(s)
  }

  /** Writes the latest announcement until none is left; one write in flight per subscriber. */
  private async pump(s: Subscriber): Promise<void> {
    s.writing = true
    try {
      while (s.latest !== undefined && !s.closed) {
        const frame = s.latest
        s.latest = undefined
        await writeFrame(s.stream, frame, AbortSignal.timeout(this.o.headsWriteTimeoutMs))
      }
    } catch (err) {
      this.drop(s, `heads write failed: ${err instanceof Error ? err.message : String(err)}`)
    } finally {
      s.writing = false
    }
  }

  /**
   * One RATE_LIMITED frame, our end closed, then the subscriber's awaited: aborting at once would
   * reset the stream under a client still reading the refusal.
   */
  private async refuse(stream: Stream, peer: string): Promise<void> {
    this.c.logger.debug({ peer, subscribers: this.subscribers.size }, 'heads: over the cap')
    const signal = AbortSignal.timeout(REFUSAL_GRACE_MS)
    const closed = new Promise<void>((resolve) =>
      stream.addEventListener('close', () => resolve(), { once: true }),
    )
    try {
      await writeFrame(stream, encodeHeadsRefusal('RATE_LIMITED', 'too many subscribers'), signal)
      await raceAbort(stream.close({ signal }), signal)
      if (stream.status !== 'closed') await raceAbort(closed, signal)
    } catch {
      // Aborted below: the stream is released either way.
    }
    if (stream.status !== 'closed') stream.abort(new Error('heads: refused'))
  }

  private drop(s: Subscriber, reason: string): void {
    if (s.closed) return
    this.forget(s)
    this.c.logger.debug({ peer: s.peer, reason }, 'heads: subscription closed')
    s.stream.abort(new Error(reason))
  }

  private forget(s: Subscriber): void {
    s.closed = true
    s.latest = undefined
    this.subscribers.delete(s)
  }
}
