import type { Stream } from '@libp2p/interface'
import {
  DecodeError,
  decodeHeadsFrame,
  HEADS_LIMITS,
  headsProtocolId,
  MAX_LENGTH_PREFIX_BYTES,
  type Network,
  type StatusMessage,
} from '@supernova/protocol'
import * as lp from 'it-length-prefixed'
import { backoffDelay } from './backoff.js'
import type { PeerOutcome } from './errors.js'
import type { LightClientLibp2p } from './libp2p.js'
import { BAD_RESPONSE_POINTS, TIMEOUT_POINTS } from './requests.js'
import { FrameError, raceAbort } from './stream.js'
import type { NetworkLogger } from './types.js'

export type HeadsSubscriptionsOptions = {
  network: Network
  logger: NetworkLogger
  /** Back-off of reopening a lost stream (the connection's reconnect tuning). */
  reconnect: { minMs: number; maxMs: number; stableMs: number }
  now: () => number
  random: () => number
  /** A pushed status, handled exactly as a `status` answer (genesis check, `status` event). */
  onStatus: (peer: string, status: StatusMessage) => PeerOutcome
  punish: (peer: string, points: number, reason: string) => PeerOutcome
}

/** How one stream ended: reopen it later, or not on this connection. */
type Ending = 'reopen' | 'unsupported' | 'done'

type PeerHeads = {
  stream: Stream | undefined
  /** The current stream has delivered its first announcement. */
  live: boolean
  /** Consecutive streams that ended early: the back-off exponent. */
  failures: number
  timer: ReturnType<typeof setTimeout> | undefined
  closed: boolean
}

/**
 * The light client's side of `heads` (docs/network.md §2.4): one long-lived stream per connected
 * peer on which the node pushes its status on every new tip, each handed on as a fresh status of
 * that peer — so header sync reacts at once instead of at the next poll. A node without the
 * protocol is left to the status poll; a stream that ends while the connection lives is reopened
 * with back-off; a frame over the cap or that does not decode costs the peer like any bad answer.
 */
export class HeadsSubscriptions {
  private readonly peers = new Map<string, PeerHeads>()

  constructor(
    private readonly libp2p: LightClientLibp2p,
    private readonly o: HeadsSubscriptionsOptions,
  ) {}

  /** Subscribes to `peer`'s heads (once per connection: `close` on disconnect). */
  open(peer: string): void {
    if (this.peers.has(peer)) return
    const state: PeerHeads = {
      stream: undefined,
      live: false,
      failures: 0,
      timer: undefined,
      closed: false,
    }
    this.peers.set(peer, state)
    void this.run(peer, state)
  }

  /** Whether `peer` is pushing its tips now. */
  isLive(peer: string): boolean {
    return this.peers.get(peer)?.live === true
  }

  /** The connection to `peer` is gone: its stream is released and not reopened. */
  close(peer: string): void {
    const state = this.peers.get(peer)
    if (state === undefined) return
    this.peers.delete(peer)
    state.closed = true
    state.live = false
    if (state.timer !== undefined) clearTimeout(state.timer)
    state.stream?.abort(new Error('heads: the connection closed'))
  }

  stop(): void {
    for (const peer of [...this.peers.keys()]) this.close(peer)
  }

  /** Follows one stream; when it ends early, waits the back-off and follows a new one. */
  private async run(peer: string, state: PeerHeads): Promise<void> {
    const openedAt = this.o.now()
    const ending = await this.follow(peer, state)
    if (state.closed || ending !== 'reopen') {
      if (ending === 'unsupported')
        this.o.logger.debug({ peer }, 'heads: not served; the status poll follows this peer')
      return
    }
    if (this.o.now() - openedAt >= this.o.reconnect.stableMs) state.failures = 0
    state.failures++
    const delay = backoffDelay({
      ...this.o.reconnect,
      attempt: state.failures,
      random: this.o.random(),
    })
    this.o.logger.debug({ peer, reopenInMs: delay }, 'heads: stream ended')
    state.timer = setTimeout(() => {
      state.timer = undefined
      if (!state.closed) void this.run(peer, state)
    }, delay)
  }

  private async follow(peer: string, state: PeerHeads): Promise<Ending> {
    const connection = this.libp2p
      .getConnections()
      .find((c) => c.remotePeer.toString() === peer && c.status === 'open')
    if (connection === undefined) return 'done'
    let stream: Stream
    try {
      stream = await connection.newStream(headsProtocolId(this.o.network), {
        signal: AbortSignal.timeout(HEADS_LIMITS.firstFrameTimeoutMs),
      })
    } catch (err) {
      return err instanceof Error && err.name === 'UnsupportedProtocolError'
        ? 'unsupported'
        : 'reopen'
    }
    if (state.closed) {
      stream.abort(new Error('heads: the connection closed'))
      return 'done'
    }
    state.stream = stream
    try {
      return await this.read(peer, state, stream)
    } finally {
      state.live = false
      state.stream = undefined
      if (stream.status !== 'closed') stream.abort(new Error('heads: stream finished'))
    }
  }

  /** Reads announcements until the stream ends; a bad frame costs the peer and ends it. */
  private async read(peer: string, state: PeerHeads, stream: Stream): Promise<Ending> {
    const frames = lp
      .decode(stream, {
        maxDataLength: HEADS_LIMITS.maxFrameBytes,
        maxLengthLength: MAX_LENGTH_PREFIX_BYTES,
      })
      [Symbol.asyncIterator]()
    // Listen before closing our write side: a stream that ends while its data is still buffered
    // would end before an iteration begun later could see it end (libp2p's stream events).
    const nextFrame = () => {
      const next = frames.next()
      next.catch(() => {})
      return next
    }
    let next = nextFrame()
    try {
      await stream.close({ signal: AbortSignal.timeout(HEADS_LIMITS.firstFrameTimeoutMs) })
      // The node writes the current tip at once; after that, blocks come when they come.
      const first = AbortSignal.timeout(HEADS_LIMITS.firstFrameTimeoutMs)
      for (;;) {
        const r = state.live ? await next : await raceAbort(next, first)
        if (r.done === true) return 'reopen'
        const frame = decodeHeadsFrame(r.value.subarray())
        if (frame.result !== 'OK') {
          this.o.logger.debug(
            { peer, result: frame.result, message: frame.message },
            'heads: refused',
          )
          return 'reopen'
        }
        state.live = true
        if (this.o.onStatus(peer, frame.status) === 'disconnected') return 'done'
        next = nextFrame()
      }
    } catch (err) {
      if (state.closed) return 'done'
      return this.fault(peer, err)
    }
  }

  /** A malformed or oversize frame is a bad answer, a silent node a slow one; else it just ended. */
  private fault(peer: string, err: unknown): Ending {
    const name = err instanceof Error ? err.name : ''
    const message = err instanceof Error ? err.message : String(err)
    if (
      err instanceof DecodeError ||
      name === 'InvalidDataLengthError' ||
      name === 'InvalidDataLengthLengthError' ||
      name === 'InvalidMessageLengthError'
    ) {
      const outcome = this.o.punish(peer, BAD_RESPONSE_POINTS, `heads: bad frame: ${message}`)
      return outcome === 'disconnected' ? 'done' : 'reopen'
    }
    if (err instanceof FrameError && err.failure === 'ABORTED') {
      const outcome = this.o.punish(peer, TIMEOUT_POINTS, 'heads: no announcement in time')
      return outcome === 'disconnected' ? 'done' : 'reopen'
    }
    return 'reopen'
  }
}
