import { computeTxid, type Transaction, toHex } from '@supernova/protocol'
import { acceptTransaction } from './accept.js'
import type { MempoolContext } from './context.js'
import type { MempoolRecord } from './persistence.js'

/**
 * Reloads the persisted pool at start: every record is re-validated against the current tip,
 * parents before children, keeping its entry time; expired or now-invalid ones are deleted.
 */
export async function loadPersisted(ctx: MempoolContext): Promise<void> {
  const records = await ctx.persistence.load(ctx.opts.maxTransactions, computeTxid)
  const cutoff = ctx.now() - ctx.opts.expiryMs
  let loaded = 0
  let dropped = 0
  for (const r of topologicalOrder(records)) {
    const txid = computeTxid(r.tx)
    const id = toHex(txid)
    if (r.time <= cutoff) {
      ctx.persistence.del(id, txid)
      dropped++
      continue
    }
    try {
      await acceptTransaction(ctx, r.tx, { time: r.time, restore: true })
      loaded++
    } catch (err) {
      ctx.persistence.del(id, txid)
      dropped++
      ctx.logger.info({ txid: id, err }, 'mempool: dropping a persisted transaction')
    }
  }
  await ctx.persistence.flush()
  if (records.length > 0)
    ctx.logger.info({ loaded, dropped }, 'mempool: reloaded persisted transactions')
}

/** Records ordered so that each comes after every record it spends from. */
function topologicalOrder(records: readonly MempoolRecord[]): MempoolRecord[] {
  const byId = new Map<string, MempoolRecord>()
  for (const r of records) byId.set(toHex(computeTxid(r.tx)), r)
  const done = new Set<MempoolRecord>()
  const out: MempoolRecord[] = []
  for (const root of records) {
    // Iterative DFS: a record is emitted once all its in-set parents are.
    const stack: { r: MempoolRecord; expanded: boolean }[] = [{ r: root, expanded: false }]
    while (stack.length > 0) {
      const top = stack.pop()!
      if (done.has(top.r)) continue
      if (top.expanded) {
        done.add(top.r)
        out.push(top.r)
        continue
      }
      stack.push({ r: top.r, expanded: true })
      for (const p of parentsIn(top.r.tx, byId))
        if (!done.has(p)) stack.push({ r: p, expanded: false })
    }
  }
  return out
}

function parentsIn(tx: Transaction, byId: ReadonlyMap<string, MempoolRecord>): MempoolRecord[] {
  const out: MempoolRecord[] = []
  for (const i of tx.inputs) {
    const p = byId.get(toHex(i.prevout.txid))
    if (p) out.push(p)
  }
  return out
}
