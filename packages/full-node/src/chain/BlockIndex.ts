import { type Header, medianTimePast, toHex } from '@supernova/protocol'
import { STATUS } from './records.js'

/** A known header in memory. */
export type IndexEntry = {
  header: Header
  hash: Uint8Array
  key: string
  height: number
  cumulativeWork: bigint
  status: number
  /** Why the block was found invalid (in memory; for answering repeat submissions). */
  invalidCode?: string
}

/**
 * Every header the node knows (main chain and side branches) and the main chain by height, in
 * memory. Rebuilt from the `h` table at start; the store stays the source of truth.
 */
export class BlockIndex {
  private readonly byHash = new Map<string, IndexEntry>()
  private readonly children = new Map<string, Set<string>>()
  private readonly main: IndexEntry[] = []

  get size(): number {
    return this.byHash.size
  }

  add(e: IndexEntry): void {
    this.byHash.set(e.key, e)
    if (e.height === 0) return
    const parent = toHex(e.header.prevHash)
    let set = this.children.get(parent)
    if (!set) {
      set = new Set()
      this.children.set(parent, set)
    }
    set.add(e.key)
  }

  /** Known blocks built directly on `e`. */
  childCount(e: IndexEntry): number {
    return this.children.get(e.key)?.size ?? 0
  }

  get(hash: Uint8Array): IndexEntry | undefined {
    return this.byHash.get(toHex(hash))
  }

  getByKey(key: string): IndexEntry | undefined {
    return this.byHash.get(key)
  }

  parent(e: IndexEntry): IndexEntry | undefined {
    return e.height === 0 ? undefined : this.byHash.get(toHex(e.header.prevHash))
  }

  tip(): IndexEntry {
    const t = this.main[this.main.length - 1]
    if (!t) throw new RangeError('BlockIndex: empty main chain')
    return t
  }

  atHeight(height: number): IndexEntry | undefined {
    return this.main[height]
  }

  isMain(e: IndexEntry): boolean {
    return this.main[e.height] === e
  }

  pushMain(e: IndexEntry): void {
    if (e.height !== this.main.length)
      throw new RangeError(`BlockIndex: height ${e.height} does not extend ${this.main.length - 1}`)
    this.main.push(e)
  }

  popMain(): IndexEntry {
    const e = this.main.pop()
    if (!e) throw new RangeError('BlockIndex: cannot pop genesis')
    return e
  }

  /** Rebuild the main chain by walking back from `tip`. */
  setMainFrom(tip: IndexEntry): void {
    const chain: IndexEntry[] = []
    for (let e: IndexEntry | undefined = tip; e; e = this.parent(e)) chain.push(e)
    if (chain[chain.length - 1]?.height !== 0)
      throw new RangeError('BlockIndex: the tip does not lead back to genesis')
    this.main.length = 0
    this.main.push(...chain.reverse())
  }

  /** Timestamps of `e` and its ancestors, oldest first, `span` at most. */
  recentTimestamps(e: IndexEntry, span: number): number[] {
    if (this.isMain(e)) {
      // The main chain by height: no lookups by hash.
      const from = Math.max(0, e.height - span + 1)
      const out = new Array<number>(e.height - from + 1)
      for (let h = from; h <= e.height; h++) out[h - from] = this.main[h]!.header.timestamp
      return out
    }
    const out: number[] = []
    for (let x: IndexEntry | undefined = e; x && out.length < span; x = this.parent(x))
      out.push(x.header.timestamp)
    return out.reverse()
  }

  medianTimePast(e: IndexEntry, span: number): number {
    return medianTimePast(this.recentTimestamps(e, span), span)
  }

  /** Branch entries from the fork point (exclusive) up to `e`, oldest first, and the fork point. */
  branchTo(e: IndexEntry): { fork: IndexEntry; branch: IndexEntry[] } {
    const branch: IndexEntry[] = []
    let x: IndexEntry | undefined = e
    while (x && !this.isMain(x)) {
      branch.push(x)
      x = this.parent(x)
    }
    if (!x) throw new RangeError('BlockIndex: branch does not join the main chain')
    return { fork: x, branch: branch.reverse() }
  }

  /** Mark `e` and every known descendant invalid (in memory); returns them for persisting. */
  markInvalid(e: IndexEntry, code?: string): IndexEntry[] {
    const marked: IndexEntry[] = []
    const queue = [e]
    while (queue.length > 0) {
      const x = queue.pop()!
      x.status |= STATUS.INVALID
      if (code !== undefined) x.invalidCode = code
      marked.push(x)
      for (const k of this.children.get(x.key) ?? []) {
        const c = this.byHash.get(k)
        if (c && (c.status & STATUS.INVALID) === 0) queue.push(c)
      }
    }
    return marked
  }

  /** The entry with the most work among those with a stored body and not invalid. */
  bestCandidate(): IndexEntry {
    let best = this.tip()
    for (const e of this.byHash.values()) {
      if ((e.status & STATUS.HAS_BLOCK) === 0 || e.status & STATUS.INVALID) continue
      if (e.cumulativeWork > best.cumulativeWork) best = e
    }
    return best
  }
}
