import { peerIdFromString } from '@libp2p/peer-id'
import { type DecodedBlock, equalBytes } from '@supernova/protocol'
import type { Logger } from 'pino'
import type { ChainView } from '../chain/types.js'
import { type HeaderWithHash, type RequestContext, requestBlock, requestHeaders } from './client.js'
import { NetworkError } from './errors.js'
import type { StatusMessage } from './messages.js'
import type { PeerManager } from './peers.js'
import { MAX_HEADERS_PER_REQUEST } from './protocols.js'

export type SyncOptions = {
  /** Block downloads in flight at once (spread over the peers that have them). Default 4. */
  maxBlocksInFlight: number
  /** Minimum interval between progress log lines. Default 2 s. */
  progressIntervalMs: number
  /** Bound on the backwards walk for the fork point (probes; the depth doubles each). Default 16. */
  maxLocateSteps: number
}

/** Within this many blocks of the best peer we are "at the tip" (gossip resumes). */
export const NEAR_TIP_BLOCKS = 2
/** Peers serving a block the chain finds invalid are banned this long. */
const INVALID_BLOCK_BAN_MS = 24 * 60 * 60_000
/** A peer on another genesis is of no use to us for a long time. */
const WRONG_GENESIS_BAN_MS = 24 * 60 * 60_000
/** Points for a provably false or malformed answer during sync. */
const BAD_ANSWER_POINTS = 25

type Fetched = { block: DecodedBlock; from: string }

/** Blocks handed to the chain at once at most (a run of consecutive arrived blocks). */
const MAX_BLOCKS_PER_RUN = 32

/** A peer broke the protocol during sync; it has been penalized already. */
class SyncAbort extends Error {
  override name = 'SyncAbort'
}

/**
 * Header-first catch-up: whenever a peer's status claims more work than our tip, find the fork
 * point (walking back, bounded), fetch headers by range and then the missing blocks by hash with
 * a few in flight across the peers that have them, and hand runs of them to `chain.processBlocks` in
 * order, until caught up. Peers that lie (unlinked headers, invalid blocks) are penalized or
 * banned. One sync runs at a time; `trigger()` re-runs it when statuses change.
 */
export class Syncer {
  private running: Promise<void> | undefined
  private again = false
  private abort = new AbortController()
  private targetHeight = 0
  private lastProgressLog = 0
  /** Peer → the work claim that a full round with it could not reach (skip until it changes). */
  private readonly exhausted = new Map<string, bigint>()

  constructor(
    private readonly options: SyncOptions,
    private readonly chain: ChainView,
    private readonly peers: PeerManager,
    private readonly ctx: () => RequestContext | undefined,
    private readonly logger: Logger,
  ) {}

  /** Whether we are downloading blocks far behind the best peer (gossip waits until the tip). */
  isBulkSyncing(): boolean {
    return (
      this.running !== undefined && this.targetHeight - this.chain.tip().height > NEAR_TIP_BLOCKS
    )
  }

  /** Our height and the best peer's while a bulk sync runs; undefined otherwise. */
  progress(): { height: number; target: number } | undefined {
    if (!this.isBulkSyncing()) return undefined
    return { height: this.chain.tip().height, target: this.targetHeight }
  }

  isRunning(): boolean {
    return this.running !== undefined
  }

  /** Starts a sync if a peer is ahead (or queues one more pass if a sync is running). */
  trigger(): void {
    if (this.abort.signal.aborted) return
    if (this.running !== undefined) {
      this.again = true
      return
    }
    this.running = this.loop().finally(() => {
      this.running = undefined
      if (this.again) {
        this.again = false
        this.trigger()
      }
    })
  }

  /** Resolves when no sync is running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error('network stopping'))
    this.again = false
    await this.running
  }

  start(): void {
    this.abort = new AbortController()
  }

  private pickPeer(): { peerId: string; status: StatusMessage } | undefined {
    const ours = this.chain.tip().cumulativeWork
    for (const p of this.peers.peersByWork()) {
      if (p.status.cumulativeWork <= ours) return undefined
      if (this.exhausted.get(p.peerId) === p.status.cumulativeWork) continue
      if (this.peers.scores.isBanned(p.peerId)) continue
      return p
    }
    return undefined
  }

  private async loop(): Promise<void> {
    let rounds = 0
    for (
      let peer = this.pickPeer();
      peer !== undefined && !this.abort.signal.aborted;
      peer = this.pickPeer()
    ) {
      this.targetHeight = peer.status.tipHeight
      rounds++
      try {
        await this.syncFrom(peer.peerId, peer.status)
      } catch (err) {
        this.onRoundError(peer.peerId, err)
      }
      if (this.chain.tip().cumulativeWork < peer.status.cumulativeWork)
        this.exhausted.set(peer.peerId, peer.status.cumulativeWork)
      if (this.exhausted.size > 1024) this.exhausted.clear()
    }
    if (rounds > 0)
      this.logger.info({ height: this.chain.tip().height, rounds }, 'sync: no peer is ahead of us')
  }

  private onRoundError(peer: string, err: unknown): void {
    if (this.abort.signal.aborted) return
    if (err instanceof NetworkError && err.peerAction === 'penalize')
      this.peers.penalize(peer, BAD_ANSWER_POINTS, `sync: ${err.message}`)
    this.logger.warn(
      { peer, err: err instanceof Error ? err.message : String(err) },
      'sync round failed',
    )
  }

  private requestContext(): RequestContext {
    const ctx = this.ctx()
    if (ctx === undefined)
      throw new NetworkError({ code: 'NOT_STARTED', message: 'network not started' })
    return ctx
  }

  private async syncFrom(peer: string, status: StatusMessage): Promise<void> {
    const ctx = this.requestContext()
    const signal = this.abort.signal
    const target = peerIdFromString(peer)
    let headers = await this.locate(ctx, peer, status)
    this.logger.info(
      { peer, from: headers[0]?.header.height, target: status.tipHeight },
      'sync: started',
    )
    while (headers.length > 0 && !signal.aborted) {
      await this.fetchAndProcess(ctx, peer, headers)
      const last = headers[headers.length - 1]!
      if (this.chain.tip().cumulativeWork >= status.cumulativeWork) return
      headers = await requestHeaders(ctx, target, last.header.height + 1, MAX_HEADERS_PER_REQUEST, {
        signal,
      })
      // The peer reorganised under us: the next round locates the fork point again.
      if (headers[0] !== undefined && !equalBytes(headers[0].header.prevHash, last.hash)) return
    }
  }

  /** Headers of the peer's chain after the last block we share with it. */
  private async locate(
    ctx: RequestContext,
    peer: string,
    status: StatusMessage,
  ): Promise<HeaderWithHash[]> {
    const signal = this.abort.signal
    const target = peerIdFromString(peer)
    let height = Math.min(this.chain.tip().height, status.tipHeight)
    let step = 1
    for (let i = 0; i < this.options.maxLocateSteps; i++) {
      const count = i === 0 ? MAX_HEADERS_PER_REQUEST : 1
      const got = await requestHeaders(ctx, target, height, count, { signal })
      const first = got[0]
      if (first === undefined) {
        this.peers.penalize(peer, BAD_ANSWER_POINTS, `sync: no header at ${height} below its tip`)
        throw new SyncAbort('peer has no header below its claimed tip')
      }
      const ours = await this.chain.getHeaderByHeight(height)
      if (ours !== undefined && equalBytes(ours.hash, first.hash)) {
        if (got.length > 1) return got.slice(1)
        const next = await requestHeaders(ctx, target, height + 1, MAX_HEADERS_PER_REQUEST, {
          signal,
        })
        if (next[0] !== undefined && !equalBytes(next[0].header.prevHash, first.hash)) return []
        return next
      }
      if (height === 0) {
        this.peers.ban(peer, WRONG_GENESIS_BAN_MS, 'sync: different genesis')
        throw new SyncAbort('peer is on another genesis')
      }
      height = Math.max(0, height - step)
      step *= 2
    }
    throw new SyncAbort(`no common block within ${this.options.maxLocateSteps} probes`)
  }

  private async fetchAndProcess(
    ctx: RequestContext,
    syncPeer: string,
    headers: HeaderWithHash[],
  ): Promise<void> {
    let start = 0
    while (
      start < headers.length &&
      (await this.chain.getHeaderByHash(headers[start]!.hash))?.hasBlock === true
    )
      start++
    const missing = headers.slice(start)
    if (missing.length === 0) return
    const sources = this.sourcesFor(syncPeer, missing[missing.length - 1]!.header.height)
    // In-flight fetches in chain order; each remembers its block once it has arrived.
    const window: { h: HeaderWithHash; fetch: Promise<Fetched>; got?: Fetched }[] = []
    let next = 0
    let done = 0
    while (done < missing.length) {
      while (window.length < this.options.maxBlocksInFlight && next < missing.length) {
        const slot: (typeof window)[number] = {
          h: missing[next]!,
          fetch: this.fetchBlock(ctx, missing[next]!, sources[next % sources.length]!, syncPeer),
        }
        slot.fetch.then((f) => (slot.got = f)).catch(() => {})
        window.push(slot)
        next++
      }
      // The next block, then every following one that has already arrived: the chain pipelines
      // a run of consecutive blocks (validating one while the previous one's signatures verify).
      const first = window.shift()!
      const run = [{ h: first.h, ...(await first.fetch) }]
      while (window[0]?.got !== undefined && run.length < MAX_BLOCKS_PER_RUN) {
        const s = window.shift()!
        run.push({ h: s.h, ...s.got! })
      }
      await this.processRun(run)
      done += run.length
    }
  }

  /** The sync peer plus every other peer whose tip is at least `height` (they likely have the blocks). */
  private sourcesFor(syncPeer: string, height: number): string[] {
    const others = this.peers
      .peersByWork()
      .filter((p) => p.peerId !== syncPeer && p.status.tipHeight >= height)
      .map((p) => p.peerId)
    return [syncPeer, ...others]
  }

  private async fetchBlock(
    ctx: RequestContext,
    h: HeaderWithHash,
    source: string,
    syncPeer: string,
  ): Promise<Fetched> {
    const signal = this.abort.signal
    try {
      const got = await requestBlock(ctx, peerIdFromString(source), h.hash, { signal })
      if (got !== undefined) return { block: got, from: source }
      if (source === syncPeer) {
        this.peers.penalize(source, BAD_ANSWER_POINTS, 'sync: announced a header but has no block')
        throw new SyncAbort('sync peer lacks a block it announced')
      }
    } catch (err) {
      if (source === syncPeer || signal.aborted) throw err
      if (err instanceof NetworkError && err.peerAction === 'penalize')
        this.peers.penalize(source, BAD_ANSWER_POINTS, `sync: ${err.message}`)
    }
    return this.fetchBlock(ctx, h, syncPeer, syncPeer)
  }

  private async processRun(run: readonly (Fetched & { h: HeaderWithHash })[]): Promise<void> {
    const results = await this.chain.processBlocks(run.map((r) => r.block))
    results.forEach((result, i) => {
      const { h, from } = run[i]!
      if (result.status === 'invalid') {
        this.peers.ban(
          from,
          INVALID_BLOCK_BAN_MS,
          `sync: served invalid block ${h.header.height}: ${result.error.code}`,
        )
        throw new SyncAbort(`invalid block at ${h.header.height} from ${from}`)
      }
      if (result.status === 'orphan') throw new SyncAbort(`block ${h.header.height} is an orphan`)
      if (result.status === 'refused')
        throw new SyncAbort(`block ${h.header.height} from ${from} refused: ${result.reason}`)
    })
    this.logProgress(run[run.length - 1]!.h.header.height)
  }

  private logProgress(height: number): void {
    const now = Date.now()
    const done = height >= this.targetHeight
    if (!done && now - this.lastProgressLog < this.options.progressIntervalMs) return
    this.lastProgressLog = now
    const percent =
      this.targetHeight === 0 ? 100 : Math.min(100, (height / this.targetHeight) * 100)
    this.logger.info(
      { height, target: this.targetHeight, percent: Number(percent.toFixed(1)) },
      'sync progress',
    )
  }
}
