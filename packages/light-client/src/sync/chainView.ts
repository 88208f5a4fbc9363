import { checkProofOfWork, decodeHeader, equalBytes, type Header } from '@supernova/protocol'
import type { HeaderChainState } from '../headers/headerChain.js'
import { HeaderStoreError, readStoredHeader } from '../headers/headerStore.js'
import type { LightClientStorage, StoredHeader } from '../storage/types.js'
import { MAX_HEADER_RANGE } from '../storage/validate.js'
import type { ChainHeader } from '../verify/types.js'

/** Recent main-chain headers kept in memory (the ones verification asks about most). */
const RECENT_HEADERS = 4_096
/** Header hashes whose serving peer is remembered, for conflict evidence. */
const REMEMBERED_SOURCES = 10_000

/**
 * Reads of the verified main chain: the in-memory tip, a bounded cache of recent headers, and
 * the store below them — every stored record re-checked on the way out (its bytes hash to its
 * hash, meet their own target, decode at their height and link to their neighbours), so a
 * record damaged after restore is reported (HeaderStoreError CORRUPT), never returned.
 */
export class ChainView {
  #state: HeaderChainState
  /** By height, oldest first; looked up by hash with a scan (no per-header key to compute). */
  readonly #recent = new Map<number, ChainHeader>()
  readonly #sources = new HeaderSources(REMEMBERED_SOURCES)

  constructor(
    readonly storage: LightClientStorage,
    state: HeaderChainState,
  ) {
    this.#state = state
    this.#remember(tipOf(state))
  }

  get state(): HeaderChainState {
    return this.#state
  }

  tip(): ChainHeader {
    return tipOf(this.#state)
  }

  /**
   * The chain is now `state`, `added` (verified, served by `peer`) on top of the fork point
   * `keepThrough`: every cached header above it is dropped, the newest RECENT_HEADERS added ones
   * are cached and their source remembered.
   */
  adopt(p: {
    state: HeaderChainState
    added: readonly { header: Header; hash: Uint8Array }[]
    keepThrough: number
    peer: string
  }): void {
    for (const height of this.#recent.keys())
      if (height > p.keepThrough) this.#recent.delete(height)
    this.#state = p.state
    const recent = p.added.length > RECENT_HEADERS ? p.added.slice(-RECENT_HEADERS) : p.added
    for (const { header, hash } of recent) this.#remember({ header, hash, height: header.height })
    this.#sources.note(
      p.added.map((a) => a.hash),
      p.peer,
    )
  }

  /** The peer that served the header with this hash, while remembered. */
  sourceOf(hash: Uint8Array): string | undefined {
    return this.#sources.sourceOf(hash)
  }

  async headerAt(height: number): Promise<ChainHeader | undefined> {
    if (!Number.isInteger(height) || height < 0) throw new RangeError(`height ${height}`)
    if (height > this.#state.tip.header.height) return undefined
    const cached = this.#recent.get(height)
    if (cached !== undefined) return cached
    const stored = await readStoredHeader({ storage: this.storage, height })
    if (stored === undefined) throw missing(height)
    return { header: stored.header, hash: stored.hash, height }
  }

  async headerByHash(hash: Uint8Array): Promise<ChainHeader | undefined> {
    if (!(hash instanceof Uint8Array) || hash.length !== 32)
      throw new TypeError('hash must be a 32-byte Uint8Array')
    for (const h of this.#recent.values())
      if (h.hash[0] === hash[0] && equalBytes(h.hash, hash)) return h
    const stored = await readStoredHeader({ storage: this.storage, hash })
    if (stored === undefined || stored.header.height > this.#state.tip.header.height)
      return undefined
    return { header: stored.header, hash: stored.hash, height: stored.header.height }
  }

  async headersInRange(from: number, count: number): Promise<ChainHeader[]> {
    if (!Number.isInteger(from) || from < 0) throw new RangeError(`from ${from}`)
    if (!Number.isInteger(count) || count < 0 || count > MAX_HEADER_RANGE)
      throw new RangeError(`count ${count} outside 0..${MAX_HEADER_RANGE}`)
    const n = Math.min(count, this.#state.tip.header.height - from + 1)
    if (n <= 0) return []
    const records = await this.storage.getHeaders({ from, count: n })
    const out: ChainHeader[] = []
    for (const rec of records) {
      const h = checkRecord(rec, from + out.length, out.at(-1))
      out.push(h)
    }
    if (out.length !== n) throw missing(from + out.length)
    return out
  }

  #remember(h: ChainHeader): void {
    this.#recent.delete(h.height)
    this.#recent.set(h.height, h)
    if (this.#recent.size > RECENT_HEADERS)
      this.#recent.delete(this.#recent.keys().next().value as number)
  }
}

/**
 * Which peer served which header hashes, kept per batch (nothing computed per header): at most
 * `capacity` hashes, the oldest batches dropped first; the newest batch naming a hash wins.
 */
class HeaderSources {
  readonly #batches: { peer: string; hashes: readonly Uint8Array[] }[] = []
  #size = 0

  constructor(private readonly capacity: number) {}

  note(hashes: readonly Uint8Array[], peer: string): void {
    const kept = hashes.length > this.capacity ? hashes.slice(-this.capacity) : hashes
    this.#batches.push({ peer, hashes: kept })
    this.#size += kept.length
    while (this.#size > this.capacity) this.#size -= this.#batches.shift()!.hashes.length
  }

  sourceOf(hash: Uint8Array): string | undefined {
    for (let b = this.#batches.length - 1; b >= 0; b--) {
      const { peer, hashes } = this.#batches[b]!
      for (const h of hashes) if (h[0] === hash[0] && equalBytes(h, hash)) return peer
    }
    return undefined
  }
}

export function tipOf(state: HeaderChainState): ChainHeader {
  return { header: state.tip.header, hash: state.tip.hash, height: state.tip.header.height }
}

/** A stored record at `height` checked on its own and against the header below it. */
function checkRecord(
  rec: StoredHeader,
  height: number,
  below: ChainHeader | undefined,
): ChainHeader {
  let header: Header
  let pow: { valid: boolean; hash: Uint8Array }
  try {
    pow = checkProofOfWork(rec.header)
    header = decodeHeader(rec.header)
  } catch (e) {
    throw corrupt(height, e)
  }
  const linked = below === undefined || equalBytes(header.prevHash, below.hash)
  if (
    rec.height !== height ||
    header.height !== height ||
    !equalBytes(pow.hash, rec.hash) ||
    (height > 0 && !pow.valid) ||
    !linked
  )
    throw corrupt(height)
  return { header, hash: pow.hash, height }
}

function corrupt(height: number, cause?: unknown): HeaderStoreError {
  return new HeaderStoreError({
    code: 'CORRUPT',
    message: `stored header at ${height} fails its integrity check`,
    details: { height },
    cause,
  })
}

function missing(height: number): HeaderStoreError {
  return new HeaderStoreError({
    code: 'CORRUPT',
    message: `no stored header at ${height}, below the verified tip`,
    details: { height },
  })
}
