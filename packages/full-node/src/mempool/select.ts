import type { PoolEntry, TxGraph } from './graph.js'
import type { SelectParameters, SelectReturnType } from './types.js'

type Modified = { fees: bigint; size: number; sigChecks: number; version: number }
type HeapItem = { entry: PoolEntry; rate: number; version: number }

/**
 * Block template selection by ancestor-package fee rate (Bitcoin Core's `addPackageTxs`): take
 * the transaction whose package — itself plus its not-yet-selected ancestors — pays the most per
 * byte; if the package fits the byte and sig-check budgets, add it in topological order and
 * lower the package stats of its descendants by what was just selected; otherwise skip it. Output
 * is parents before children.
 */
export function selectTransactions(graph: TxGraph, p: SelectParameters): SelectReturnType {
  const mod = new Map<PoolEntry, Modified>()
  const heap = new MaxHeap()
  for (const e of graph.entries()) {
    const m = {
      fees: e.ancestors.fees,
      size: e.ancestors.size,
      sigChecks: e.ancestors.sigChecks,
      version: 0,
    }
    mod.set(e, m)
    heap.push({ entry: e, rate: Number(m.fees) / m.size, version: 0 })
  }
  const chosen = new Set<PoolEntry>()
  const out: PoolEntry[] = []
  let bytes = 0
  let sigChecks = 0
  let fees = 0n
  for (let item = heap.pop(); item; item = heap.pop()) {
    const m = mod.get(item.entry)!
    if (chosen.has(item.entry) || item.version !== m.version) continue
    if (bytes + m.size > p.maxBytes || sigChecks + m.sigChecks > p.maxSigChecks) continue
    const pkg = [...graph.withAncestors([item.entry])].filter((e) => !chosen.has(e))
    pkg.sort((a, b) => a.ancestors.count - b.ancestors.count)
    for (const e of pkg) {
      chosen.add(e)
      out.push(e)
      bytes += e.size
      sigChecks += e.sigChecks
      fees += e.fee
    }
    for (const d of graph.descendantsOf(pkg)) {
      if (chosen.has(d)) continue
      const dm = mod.get(d)!
      const anc = graph.ancestorsOf([d])
      for (const e of pkg) {
        if (!anc.has(e)) continue
        dm.fees -= e.fee
        dm.size -= e.size
        dm.sigChecks -= e.sigChecks
      }
      dm.version++
      heap.push({ entry: d, rate: Number(dm.fees) / dm.size, version: dm.version })
    }
  }
  return { entries: out, fees, bytes, sigChecks }
}

/** Binary max-heap on rate; ties broken by txid so templates are deterministic. */
class MaxHeap {
  private readonly items: HeapItem[] = []

  push(item: HeapItem): void {
    const a = this.items
    a.push(item)
    let i = a.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(a[i]!, a[parent]!)) break
      ;[a[i], a[parent]] = [a[parent]!, a[i]!]
      i = parent
    }
  }

  pop(): HeapItem | undefined {
    const a = this.items
    const top = a[0]
    const last = a.pop()
    if (a.length === 0 || !last) return top
    a[0] = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let best = i
      if (l < a.length && before(a[l]!, a[best]!)) best = l
      if (r < a.length && before(a[r]!, a[best]!)) best = r
      if (best === i) return top
      ;[a[i], a[best]] = [a[best]!, a[i]!]
      i = best
    }
  }
}

function before(x: HeapItem, y: HeapItem): boolean {
  if (x.rate !== y.rate) return x.rate > y.rate
  return x.entry.id < y.entry.id
}
