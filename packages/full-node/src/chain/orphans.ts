import { type Block, toHex } from '@supernova/protocol'

/**
 * Blocks whose parent is not known yet, bounded: the oldest is dropped when full. When their
 * parent arrives they are handed back (`takeChildren`) and processed like new blocks.
 */
export class OrphanPool {
  private readonly blocks = new Map<string, Block>()
  private readonly byParent = new Map<string, Set<string>>()

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.blocks.size
  }

  add(hash: Uint8Array, block: Block): void {
    const key = toHex(hash)
    if (this.blocks.has(key)) return
    if (this.blocks.size >= this.limit) this.remove(this.blocks.keys().next().value!)
    this.blocks.set(key, block)
    const parent = toHex(block.header.prevHash)
    let set = this.byParent.get(parent)
    if (!set) {
      set = new Set()
      this.byParent.set(parent, set)
    }
    set.add(key)
  }

  /** Removes and returns the orphans whose parent is `hash`. */
  takeChildren(hash: Uint8Array): Block[] {
    const set = this.byParent.get(toHex(hash))
    if (!set) return []
    const out: Block[] = []
    for (const k of [...set]) {
      const b = this.blocks.get(k)
      if (b) out.push(b)
      this.remove(k)
    }
    return out
  }

  private remove(key: string): void {
    const b = this.blocks.get(key)
    if (!b) return
    this.blocks.delete(key)
    const parent = toHex(b.header.prevHash)
    const set = this.byParent.get(parent)
    set?.delete(key)
    if (set?.size === 0) this.byParent.delete(parent)
  }
}
