import {
  encodeLock,
  type Lock,
  type OutPoint,
  outpointKey,
  type Transaction,
  toHex,
} from '@supernova/protocol'
import type { MempoolEntry, PackageStats } from './types.js'

type MutableStats = { count: number; size: number; fees: bigint; sigChecks: number }

/** A pool entry with its links; the graph owns the mutable parts. */
export type PoolEntry = MempoolEntry & {
  readonly ancestors: MutableStats
  readonly descendants: MutableStats
  readonly parents: Set<PoolEntry>
  readonly children: Set<PoolEntry>
}

export type NewEntry = Omit<MempoolEntry, 'ancestors' | 'descendants' | 'id' | 'feeRate'>

function selfStats(e: { size: number; fee: bigint; sigChecks: number }): MutableStats {
  return { count: 1, size: e.size, fees: e.fee, sigChecks: e.sigChecks }
}

function addStats(into: MutableStats, s: PackageStats, sign: 1 | -1): void {
  into.count += sign * s.count
  into.size += sign * s.size
  into.fees += BigInt(sign) * s.fees
  into.sigChecks += sign * s.sigChecks
}

/** Units per byte of a package. */
export function packageRate(s: PackageStats): number {
  return Number(s.fees) / s.size
}

/**
 * Mining score: min(own rate, ancestor-package rate) — a transaction is mined no sooner than its
 * ancestors, so low-fee parents drag it down (Bitcoin Core's ancestor score).
 */
export function miningScore(e: MempoolEntry): number {
  return Math.min(e.feeRate, packageRate(e.ancestors))
}

/**
 * Eviction score: max(own rate, descendant-package rate) — a child paying for its parent protects
 * it (Bitcoin Core's descendant score). The lowest goes first, with its descendants.
 */
export function evictionScore(e: MempoolEntry): number {
  return Math.max(e.feeRate, packageRate(e.descendants))
}

type LockTally = { received: bigint; spent: bigint; refs: number }

/**
 * The pool's transactions as a graph: by txid, by spent outpoint (conflicts), parent/child links
 * for unconfirmed chains, ancestor/descendant package stats kept incrementally, and per-lock
 * totals. Pure bookkeeping: every policy decision is the caller's.
 */
export class TxGraph {
  private readonly byId = new Map<string, PoolEntry>()
  private readonly spentBy = new Map<string, PoolEntry>()
  private readonly locks = new Map<string, LockTally>()
  private totalBytes = 0

  get size(): number {
    return this.byId.size
  }

  get bytes(): number {
    return this.totalBytes
  }

  get(id: string): PoolEntry | undefined {
    return this.byId.get(id)
  }

  entries(): IterableIterator<PoolEntry> {
    return this.byId.values()
  }

  /** The pool transaction spending `outpoint`, if any. */
  spender(outpoint: OutPoint): PoolEntry | undefined {
    return this.spentBy.get(outpointKey(outpoint))
  }

  /** Pool transactions spending any input of `tx` (other than `tx` itself). */
  conflictsOf(tx: Transaction, id: string): Set<PoolEntry> {
    const out = new Set<PoolEntry>()
    for (const input of tx.inputs) {
      const c = this.spender(input.prevout)
      if (c && c.id !== id) out.add(c)
    }
    return out
  }

  /** In-pool ancestors of the entries in `from` (`from` itself excluded). */
  ancestorsOf(from: Iterable<PoolEntry>): Set<PoolEntry> {
    return walk(from, (e) => e.parents)
  }

  descendantsOf(from: Iterable<PoolEntry>): Set<PoolEntry> {
    return walk(from, (e) => e.children)
  }

  /** `roots` and all their ancestors. */
  withAncestors(roots: Iterable<PoolEntry>): Set<PoolEntry> {
    const set = new Set(roots)
    for (const a of this.ancestorsOf(set)) set.add(a)
    return set
  }

  /** `roots` and all their descendants. */
  withDescendants(roots: Iterable<PoolEntry>): Set<PoolEntry> {
    const set = new Set(roots)
    for (const d of this.descendantsOf(set)) set.add(d)
    return set
  }

  /** Inserts a validated transaction whose in-pool parents are `parents`. */
  insert(n: NewEntry, parents: readonly PoolEntry[]): PoolEntry {
    const id = toHex(n.txid)
    const e: PoolEntry = {
      ...n,
      id,
      feeRate: Number(n.fee) / n.size,
      ancestors: selfStats(n),
      descendants: selfStats(n),
      parents: new Set(parents),
      children: new Set(),
    }
    const self = selfStats(n)
    for (const a of this.withAncestors(parents)) {
      addStats(e.ancestors, selfStats(a), 1)
      addStats(a.descendants, self, 1)
    }
    for (const p of parents) p.children.add(e)
    this.byId.set(id, e)
    for (const input of n.tx.inputs) this.spentBy.set(outpointKey(input.prevout), e)
    this.tally(e, 1)
    this.totalBytes += e.size
    return e
  }

  /**
   * Removes `set` (callers pass whole packages or confirmed transactions); entries left behind
   * have the removed ones subtracted from their package stats.
   */
  remove(set: ReadonlySet<PoolEntry>): void {
    for (const r of set) {
      const own = selfStats(r)
      for (const a of this.ancestorsOf([r])) if (!set.has(a)) addStats(a.descendants, own, -1)
      for (const d of this.descendantsOf([r])) if (!set.has(d)) addStats(d.ancestors, own, -1)
    }
    for (const r of set) {
      for (const p of r.parents) p.children.delete(r)
      for (const c of r.children) c.parents.delete(r)
      this.byId.delete(r.id)
      for (const input of r.tx.inputs) {
        const k = outpointKey(input.prevout)
        if (this.spentBy.get(k) === r) this.spentBy.delete(k)
      }
      this.tally(r, -1)
      this.totalBytes -= r.size
    }
  }

  /** Net effect of the pool on a lock. */
  lockTotals(lock: Lock): { received: bigint; spent: bigint } {
    const t = this.locks.get(toHex(encodeLock(lock)))
    return { received: t?.received ?? 0n, spent: t?.spent ?? 0n }
  }

  private tally(e: PoolEntry, sign: 1 | -1): void {
    const s = BigInt(sign)
    for (const o of e.tx.outputs) this.bump(o.lock, s * o.amount, 0n, sign)
    for (const u of e.spent) this.bump(u.lock, 0n, s * u.amount, sign)
  }

  private bump(lock: Lock, received: bigint, spent: bigint, refs: 1 | -1): void {
    const k = toHex(encodeLock(lock))
    const t = this.locks.get(k) ?? { received: 0n, spent: 0n, refs: 0 }
    t.received += received
    t.spent += spent
    t.refs += refs
    if (t.refs === 0) this.locks.delete(k)
    else this.locks.set(k, t)
  }

  /**
   * Recomputes every derived structure from the links and compares (tests and debugging).
   * @throws {Error} naming the first inconsistency.
   */
  assertConsistent(): void {
    let bytes = 0
    for (const e of this.byId.values()) {
      bytes += e.size
      const anc = sum([e, ...this.ancestorsOf([e])])
      const desc = sum([e, ...this.descendantsOf([e])])
      if (!sameStats(anc, e.ancestors)) throw new Error(`ancestor stats of ${e.id} are stale`)
      if (!sameStats(desc, e.descendants)) throw new Error(`descendant stats of ${e.id} are stale`)
      for (const input of e.tx.inputs) {
        if (this.spentBy.get(outpointKey(input.prevout)) !== e)
          throw new Error(`spent-outpoint index misses an input of ${e.id}`)
        const parent = this.byId.get(toHex(input.prevout.txid))
        if (parent && !e.parents.has(parent)) throw new Error(`${e.id} is not linked to a parent`)
      }
    }
    if (bytes !== this.totalBytes) throw new Error('byte total is stale')
  }
}

function walk(from: Iterable<PoolEntry>, next: (e: PoolEntry) => Set<PoolEntry>): Set<PoolEntry> {
  const seen = new Set<PoolEntry>()
  const stack: PoolEntry[] = []
  for (const f of from) for (const n of next(f)) stack.push(n)
  while (stack.length > 0) {
    const e = stack.pop()!
    if (seen.has(e)) continue
    seen.add(e)
    for (const n of next(e)) if (!seen.has(n)) stack.push(n)
  }
  return seen
}

function sum(entries: readonly PoolEntry[]): MutableStats {
  const s: MutableStats = { count: 0, size: 0, fees: 0n, sigChecks: 0 }
  for (const e of entries) addStats(s, selfStats(e), 1)
  return s
}

function sameStats(a: PackageStats, b: PackageStats): boolean {
  return (
    a.count === b.count && a.size === b.size && a.fees === b.fees && a.sigChecks === b.sigChecks
  )
}
