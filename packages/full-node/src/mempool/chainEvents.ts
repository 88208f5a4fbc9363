import { computeTxid, SEQUENCE_DISABLE_FLAG, type Transaction, toHex } from '@supernova/protocol'
import type { ChainEvents } from '../chain/types.js'
import { type AcceptOptions, acceptTransaction } from './accept.js'
import { type MempoolContext, removeEntries } from './context.js'
import { MempoolError } from './errors.js'
import type { FeeSample } from './feeEstimator.js'
import { evictionScore, type PoolEntry } from './graph.js'
import { planEviction } from './policy.js'

/**
 * A block joined the main chain: its transactions leave as `confirmed` (their fee rates feed the
 * estimator), then every pool transaction spending something the block spent leaves as `conflict`
 * with its descendants.
 */
export function onBlockConnected(ctx: MempoolContext, e: ChainEvents['connect']): void {
  const confirmed = new Set<PoolEntry>()
  for (const txid of e.connection.txids) {
    const entry = ctx.graph.get(toHex(txid))
    if (entry) confirmed.add(entry)
  }
  ctx.estimator.recordBlock(e.height, feeSamples(confirmed, e.height))
  removeEntries(ctx, confirmed, 'confirmed')
  const conflicts = new Set<PoolEntry>()
  for (const tx of e.block.transactions) {
    for (const input of tx.inputs) {
      const c = ctx.graph.spender(input.prevout)
      if (c) conflicts.add(c)
    }
  }
  removeEntries(ctx, ctx.graph.withDescendants(conflicts), 'conflict')
}

/** Samples of confirmed pool transactions without an unconfirmed parent (see FeeEstimator). */
function feeSamples(confirmed: ReadonlySet<PoolEntry>, height: number): FeeSample[] {
  const out: FeeSample[] = []
  for (const c of confirmed) {
    if (c.ancestors.count > 1) continue
    out.push({ rate: evictionScore(c), blocks: Math.max(1, height - c.height) })
  }
  return out
}

/**
 * Transactions of disconnected blocks waiting to return to the pool, oldest block first. Bounded:
 * past `max` the newest are dropped with a log line (a reorg that deep exceeds any block budget).
 */
export class DisconnectedTransactions {
  private txs: Transaction[] = []

  constructor(private readonly max: number) {}

  get length(): number {
    return this.txs.length
  }

  /** Blocks arrive tip first, so each one goes in front of those already buffered. */
  addBlock(ctx: MempoolContext, transactions: readonly Transaction[]): void {
    this.txs = [...transactions.filter((t) => t.kind !== 'coinbase'), ...this.txs]
    if (this.txs.length > this.max) {
      ctx.logger.warn(
        { dropped: this.txs.length - this.max },
        'mempool: too many disconnected transactions; dropping the newest',
      )
      this.txs.length = this.max
    }
  }

  take(): Transaction[] {
    const t = this.txs
    this.txs = []
    return t
  }
}

/**
 * Returns disconnected transactions to the pool, validated against the chain as it is now: the
 * pool transactions that depended on them (or on coinbase outputs and time locks a shallower tip
 * may no longer satisfy) are taken out first and re-validated after them, parents first. Those now
 * invalid leave with `reorg-invalid`; disconnected ones that fail are dropped with a log line.
 */
export async function readdDisconnected(
  ctx: MempoolContext,
  txs: readonly Transaction[],
): Promise<void> {
  const pulled = pullDependents(ctx, txs)
  let readded = 0
  for (const tx of txs) {
    try {
      await acceptTransaction(ctx, tx, { bypassLimits: true })
      readded++
    } catch (e) {
      logDrop(ctx, tx, e)
    }
  }
  for (const entry of pulled) {
    const o: AcceptOptions = { bypassLimits: true, restore: true, time: entry.time }
    try {
      await acceptTransaction(ctx, entry.tx, o)
    } catch (e) {
      // An I/O failure is no verdict on the transaction: its record stays for the next start.
      if (e instanceof MempoolError) ctx.persistence.del(entry.id, entry.txid)
      ctx.events.emit('removed', { entry, reason: 'reorg-invalid' })
      ctx.logger.info({ txid: entry.id, err: e }, 'mempool: transaction invalid after a reorg')
    }
  }
  trimToCaps(ctx)
  ctx.logger.info(
    { disconnected: txs.length, readded, revalidated: pulled.length },
    'mempool: reorg handled',
  )
}

function pullDependents(ctx: MempoolContext, txs: readonly Transaction[]): PoolEntry[] {
  const ids = new Set(txs.map((tx) => toHex(computeTxid(tx))))
  const roots = new Set<PoolEntry>()
  for (const e of ctx.graph.entries()) {
    const timelocked =
      e.tx.locktime !== 0 || e.tx.inputs.some((i) => (i.sequence & SEQUENCE_DISABLE_FLAG) === 0)
    const dependent = e.tx.inputs.some((i) => ids.has(toHex(i.prevout.txid)))
    if (timelocked || dependent || e.spent.some((s) => s.coinbase)) roots.add(e)
  }
  const pulled = [...ctx.graph.withDescendants(roots)].sort(
    (a, b) => a.ancestors.count - b.ancestors.count,
  )
  removeEntries(ctx, new Set(pulled), 'reorg-invalid', { emit: false, unpersist: false })
  return pulled
}

function logDrop(ctx: MempoolContext, tx: Transaction, e: unknown): void {
  if (e instanceof MempoolError && e.code === 'ALREADY_KNOWN') return
  ctx.logger.info(
    { txid: toHex(computeTxid(tx)), err: e },
    'mempool: dropped a transaction of a disconnected block',
  )
}

/** Evicts the lowest-scoring packages until the caps hold again (after reorg re-adds). */
export function trimToCaps(ctx: MempoolContext): void {
  const { graph, opts } = ctx
  if (graph.size <= opts.maxTransactions && graph.bytes <= opts.maxBytes) return
  const plan = planEviction({
    graph,
    leaving: new Set(),
    protect: new Set(),
    count: graph.size,
    bytes: graph.bytes,
    maxTransactions: opts.maxTransactions,
    maxBytes: opts.maxBytes,
    newcomerRate: Number.POSITIVE_INFINITY,
  })
  removeEntries(ctx, plan.evict, 'evicted')
  ctx.rolling.bump(plan.topRate + Number(opts.minFeeRate), ctx.now())
}

/** Drops transactions that entered more than `expiryMs` ago, with their descendants. */
export function expireOld(ctx: MempoolContext): number {
  const cutoff = ctx.now() - ctx.opts.expiryMs
  const old = new Set<PoolEntry>()
  for (const e of ctx.graph.entries()) if (e.time <= cutoff) old.add(e)
  const gone = ctx.graph.withDescendants(old)
  removeEntries(ctx, gone, 'expired')
  return gone.size
}
