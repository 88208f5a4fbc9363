import { type DecodedBlock, decodeBlockWithIds, toHex } from '@supernova/protocol'

/**
 * Blocks whose parent is not known yet, kept encoded and bounded both in count and in bytes: the
 * oldest are dropped first. When their parent arrives they are handed back (`takeChildren`) and
 * processed like new blocks.
 */
export class OrphanPool {
  private readonly blocks = new Map<string, { bytes: Uint8Array; parent: string }>()
  private readonly byParent = new Map<string, Set<string>>()
  private totalBytes = 0

  constructor(
    private readonly limit: number,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.blocks.size
  }

  get bytes(): number {
    return this.totalBytes
  }

  add(hash: Uint8Array, bytes: Uint8Array, prevHash: Uint8Array): void {
    const key = toHex(hash)
    if (this.blocks.has(key) || bytes.length > this.maxBytes) return
    while (this.blocks.size >= this.limit || this.totalBytes + bytes.length > this.maxBytes) {
      this.remove(this.blocks.keys().next().value!)
    }
    const parent = toHex(prevHash)
    this.blocks.set(key, { bytes, parent })
    this.totalBytes += bytes.length
    let set = this.byParent.get(parent)
    if (!set) {
      set = new Set()
      this.byParent.set(parent, set)
    }
    set.add(key)
  }

  /** Removes and returns the orphans whose parent is `hash`. */
  takeChildren(hash: Uint8Array): DecodedBlock[] {
    const set = this.byParent.get(toHex(hash))
    if (!set) return []
    const out: DecodedBlock[] = []
    for (const k of [...set]) {
      const entry = this.blocks.get(k)
      this.remove(k)
      if (entry) out.push(decodeBlockWithIds(entry.bytes))
    }
    return out
  }

  private remove(key: string): void {
    const b = this.blocks.get(key)
    if (!b) return
    this.blocks.delete(key)
    this.totalBytes -= b.bytes.length
    const set = this.byParent.get(b.parent)
    set?.delete(key)
    if (set?.size === 0) this.byParent.delete(b.parent)
  }
}
