import type { Header } from '@supernova/protocol'
import { fetchHeaders, type SyncContext } from './syncContext.js'

type Ahead = { from: number; answer: Promise<Header[]>; abort: AbortController }

/**
 * One headers request kept ahead of the batch being verified and stored, so the peer's next
 * answer is on its way meanwhile. Bounded: at most one request in flight ahead. Nothing is
 * verified here — the caller verifies what `take` returns as any other answer — and a batch that
 * fails verification leaves the prefetched answer unused: `drop` aborts it.
 */
export class HeaderPrefetch {
  #ahead: Ahead | undefined

  constructor(
    private readonly ctx: SyncContext,
    private readonly peer: string,
  ) {}

  /** Starts fetching the headers from `from` (dropping any earlier prefetch). */
  start(from: number): void {
    this.drop()
    const abort = new AbortController()
    const answer = fetchHeaders(this.ctx, this.peer, from, undefined, abort.signal)
    // Failures surface in `take`; a dropped prefetch's failure concerns nobody.
    answer.catch(() => undefined)
    this.#ahead = { from, answer, abort }
  }

  /** The headers from `from`: the prefetched answer when it asked for `from`, else a new request. */
  take(from: number): Promise<Header[]> {
    const ahead = this.#ahead
    this.#ahead = undefined
    if (ahead !== undefined && ahead.from === from) return ahead.answer
    ahead?.abort.abort()
    return fetchHeaders(this.ctx, this.peer, from)
  }

  /** Aborts the request ahead, if any: its answer will not be used. */
  drop(): void {
    this.#ahead?.abort.abort()
    this.#ahead = undefined
  }
}
