import { DEVNET, type Transaction, TX_VERSION } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { type PoolEntry, TxGraph } from '../../src/mempool/graph.js'
import { selectTransactions } from '../../src/mempool/select.js'

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

let serial = 0
function txidOf(n: number): Uint8Array {
  const id = new Uint8Array(32)
  new DataView(id.buffer).setUint32(0, n)
  return id
}

/** A fake entry spending one fresh output of each parent (and one confirmed outpoint). */
function insertRandom(graph: TxGraph, rnd: () => number, vouts: Map<PoolEntry, number>): PoolEntry {
  const all = [...graph.entries()]
  const parents = new Set<PoolEntry>()
  const nParents = Math.floor(rnd() * 3)
  for (let i = 0; i < nParents && all.length > 0; i++) {
    const p = all[Math.floor(rnd() * all.length)]!
    if (p.ancestors.count < 8) parents.add(p)
  }
  const n = ++serial
  const inputs = [
    { prevout: { txid: txidOf(1_000_000 + n), vout: 0 }, sequence: 0xffffffff },
    ...[...parents].map((p) => {
      const vout = vouts.get(p) ?? 0
      vouts.set(p, vout + 1)
      return { prevout: { txid: p.txid, vout }, sequence: 0xffffffff }
    }),
  ]
  const tx: Transaction = {
    version: TX_VERSION,
    kind: 'transfer',
    inputs,
    outputs: [{ amount: 1_000n, lock: DEVNET.treasuryLock }],
    locktime: 0,
    payload: new Uint8Array(0),
    witnesses: [],
  }
  const size = 100 + Math.floor(rnd() * 400)
  return graph.insert(
    {
      tx,
      txid: txidOf(n),
      wtxid: txidOf(n),
      size,
      fee: BigInt(Math.floor(rnd() * 50 * size)),
      sigChecks: 1 + Math.floor(rnd() * 3),
      spent: inputs.map(() => ({
        amount: 10n,
        lock: DEVNET.treasuryLock,
        height: 1,
        coinbase: false,
      })),
      time: 0,
      height: 0,
    },
    [...parents],
  )
}

function assertTopological(entries: readonly PoolEntry[], graph: TxGraph): void {
  const seen = new Set<PoolEntry>()
  for (const e of entries) {
    for (const a of graph.ancestorsOf([e])) expect(seen.has(a)).toBe(true)
    seen.add(e)
  }
}

describe('TxGraph bookkeeping and selection (randomised)', () => {
  it('package stats, indexes and totals stay exact through inserts, package removals and confirmations', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rnd = prng(seed)
      const graph = new TxGraph()
      const vouts = new Map<PoolEntry, number>()
      for (let step = 0; step < 400; step++) {
        const r = rnd()
        const all = [...graph.entries()]
        if (r < 0.75 || all.length === 0) insertRandom(graph, rnd, vouts)
        else if (r < 0.9)
          graph.remove(graph.withDescendants([all[Math.floor(rnd() * all.length)]!]))
        else graph.remove(graph.withAncestors([all[Math.floor(rnd() * all.length)]!])) // a block confirms
        graph.assertConsistent()
      }
      expect(graph.size).toBeGreaterThan(10)
    }
  })

  it('assertConsistent notices a stale package stat (the check can fail)', () => {
    const graph = new TxGraph()
    const rnd = prng(9)
    const vouts = new Map<PoolEntry, number>()
    const a = insertRandom(graph, rnd, vouts)
    ;(a.descendants as { count: number }).count++
    expect(() => graph.assertConsistent()).toThrow(/descendant stats/)
  })

  it('selection: parents first, within budgets, and nothing left that would still fit on its own', () => {
    for (const seed of [11, 12, 13, 14, 15, 16]) {
      const rnd = prng(seed)
      const graph = new TxGraph()
      const vouts = new Map<PoolEntry, number>()
      for (let i = 0; i < 300; i++) insertRandom(graph, rnd, vouts)
      const maxBytes = Math.floor(rnd() * 60_000)
      const maxSigChecks = Math.floor(rnd() * 300)
      const sel = selectTransactions(graph, { maxBytes, maxSigChecks })
      const entries = sel.entries as PoolEntry[]
      assertTopological(entries, graph)
      expect(new Set(entries).size).toBe(entries.length)
      expect(sel.bytes).toBe(entries.reduce((s, e) => s + e.size, 0))
      expect(sel.bytes).toBeLessThanOrEqual(maxBytes)
      expect(sel.sigChecks).toBeLessThanOrEqual(maxSigChecks)
      expect(sel.fees).toBe(entries.reduce((s, e) => s + e.fee, 0n))
      const chosen = new Set(entries)
      for (const e of graph.entries()) {
        if (chosen.has(e) || e.parents.size > 0) continue
        expect(e.size > maxBytes - sel.bytes || e.sigChecks > maxSigChecks - sel.sigChecks).toBe(
          true,
        )
      }
      const everything = selectTransactions(graph, {
        maxBytes: Number.MAX_SAFE_INTEGER,
        maxSigChecks: Number.MAX_SAFE_INTEGER,
      })
      expect(everything.entries).toHaveLength(graph.size)
      assertTopological(everything.entries as PoolEntry[], graph)
    }
  })
})
