import {
  computeTransactionIds,
  type OutPoint,
  outpointKey,
  type Transaction,
  type TransactionIds,
  toHex,
  type UtxoEntry,
  ValidationError,
  verifySignatures,
  verifyTransactionInputs,
  verifyTransactionStructure,
} from '@supernova/protocol'
import { currentMinFeeRate, type MempoolContext, removeEntries } from './context.js'
import { reject } from './errors.js'
import type { PoolEntry } from './graph.js'
import {
  checkChainLimits,
  checkReplacement,
  compareRates,
  type EvictionPlan,
  planEviction,
  type Rate,
} from './policy.js'
import type { AddResult } from './types.js'

export type AcceptOptions = {
  /** Entry time to keep (a restored or re-validated transaction); default now. */
  time?: number
  /** Reorg re-adds: no fee floor and no POOL_FULL; the caller trims the pool afterwards. */
  bypassLimits?: boolean
  /** No `added` event and no write: the transaction was in the pool (and persisted) already. */
  restore?: boolean
}

/** Runs `fn`, turning a consensus failure into INVALID. */
function consensus<T>(fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (e instanceof ValidationError)
      reject('INVALID', e.message, { validationCode: e.code, ...e.details }, e)
    throw e
  }
}

function identify(tx: Transaction, ctx: MempoolContext): TransactionIds {
  // A transaction whose witnesses do not pair with its inputs has no encoding: the structure
  // rules name that before anything is hashed.
  if (tx.witnesses.length !== tx.inputs.length)
    consensus(() => verifyTransactionStructure({ tx, size: 0, params: ctx.chain.params }))
  return computeTransactionIds(tx)
}

type Inputs = { view: Map<string, UtxoEntry>; parents: PoolEntry[]; missing: OutPoint[] }

/** Each input's output, from a pool transaction or the chain's UTXO set (fetched in parallel). */
async function resolveInputs(
  ctx: MempoolContext,
  tx: Transaction,
  nextHeight: number,
): Promise<Inputs> {
  const view = new Map<string, UtxoEntry>()
  const parents = new Set<PoolEntry>()
  const missing: OutPoint[] = []
  const fromChain: OutPoint[] = []
  for (const { prevout } of tx.inputs) {
    const parent = ctx.graph.get(toHex(prevout.txid))
    if (!parent) {
      fromChain.push(prevout)
      continue
    }
    const out = parent.tx.outputs[prevout.vout]
    if (!out) missing.push(prevout)
    else {
      parents.add(parent)
      view.set(outpointKey(prevout), {
        amount: out.amount,
        lock: out.lock,
        height: nextHeight,
        coinbase: false,
      })
    }
  }
  const found = await Promise.all(fromChain.map((o) => ctx.chain.getUtxo(o)))
  for (let i = 0; i < fromChain.length; i++) {
    const entry = found[i]
    if (entry) view.set(outpointKey(fromChain[i]!), entry)
    else missing.push(fromChain[i]!)
  }
  return { view, parents: [...parents], missing }
}

/**
 * Full acceptance of one transaction against the chain tip and the pool (see createMempool for
 * the order of checks). Mutates the pool only after every check passed.
 * @throws {MempoolError}
 */
export async function acceptTransaction(
  ctx: MempoolContext,
  tx: Transaction,
  o: AcceptOptions = {},
): Promise<AddResult> {
  const params = ctx.chain.params
  const { txid, wtxid, size } = identify(tx, ctx)
  const id = toHex(txid)
  if (ctx.graph.get(id)) reject('ALREADY_KNOWN', `${id} is in the pool`, { txid: id })
  if (tx.kind === 'coinbase')
    reject('COINBASE', 'a coinbase is only valid inside a block', { txid: id })
  consensus(() => verifyTransactionStructure({ tx, size, params }))
  const tip = ctx.chain.tip()
  const { view, parents, missing } = await resolveInputs(ctx, tx, tip.height + 1)
  if (missing.length > 0) {
    if (await ctx.chain.getUtxo({ txid, vout: 0 }))
      reject('ALREADY_KNOWN', `${id} is confirmed`, { txid: id })
    reject(
      'MISSING_INPUTS',
      `${missing.length} input(s) are in neither the UTXO set nor the pool`,
      {
        txid: id,
        missing: missing.map((m) => ({ txid: toHex(m.txid), vout: m.vout })),
      },
    )
  }
  const checked = consensus(() =>
    verifyTransactionInputs({
      tx,
      utxos: { get: (op) => view.get(outpointKey(op)) },
      height: tip.height + 1,
      medianTimePast: tip.medianTimePast,
      params,
      genesisHash: ctx.chain.genesisHash,
      txid,
    }),
  )
  const fee = checked.fee
  if (!o.bypassLimits) checkFeeFloor(ctx, fee, size)
  const conflicts = ctx.graph.conflictsOf(tx, id)
  const replaced = ctx.graph.withDescendants(conflicts)
  const ancestors = checkChainLimits({
    graph: ctx.graph,
    parents,
    replaced,
    maxAncestors: ctx.opts.maxAncestors,
    maxDescendants: ctx.opts.maxDescendants,
  })
  const score = scoreOf(fee, size, ancestors)
  if (conflicts.size > 0) {
    checkReplacement({
      fee,
      size,
      score,
      conflicts,
      replaced,
      parents,
      minFeeRate: ctx.opts.minFeeRate,
      maxReplacements: ctx.opts.maxReplacements,
    })
  }
  const plan = o.bypassLimits
    ? undefined
    : planRoom(ctx, size, replaced, ancestors, Number(fee) / size)
  try {
    await verifySignatures(ctx.schemes, checked.signatures)
  } catch (e) {
    consensus(() => {
      throw e
    })
  }
  removeEntries(ctx, replaced, 'replaced')
  if (plan && plan.evict.size > 0) {
    removeEntries(ctx, plan.evict, 'evicted')
    ctx.rolling.bump(plan.topRate + Number(ctx.opts.minFeeRate), ctx.now())
  }
  const entry = ctx.graph.insert(
    {
      tx,
      txid,
      wtxid,
      size,
      fee,
      sigChecks: checked.signatures.length,
      spent: checked.spent,
      time: o.time ?? ctx.now(),
      height: tip.height,
    },
    parents,
  )
  if (!o.restore) {
    ctx.persistence.put(id, txid, { tx, time: entry.time })
    ctx.events.emit('added', { entry })
  }
  return { txid, fee, feeRate: entry.feeRate, size, replaced: [...replaced].map((r) => r.txid) }
}

function checkFeeFloor(ctx: MempoolContext, fee: bigint, size: number): void {
  const floor = ctx.opts.minFeeRate
  if (fee < floor * BigInt(size)) {
    reject('FEE_TOO_LOW', `it pays ${fee} for ${size} bytes; the minimum is ${floor}/byte`, {
      fee: fee.toString(),
      size,
      minFeeRate: Number(floor),
    })
  }
  const min = currentMinFeeRate(ctx)
  if (Number(fee) / size < min) {
    reject(
      'POOL_FULL',
      `the pool is full: recent evictions raised the minimum fee rate to ${min.toFixed(3)}/byte`,
      {
        fee: fee.toString(),
        size,
        minFeeRate: min,
      },
    )
  }
}

/** Mining score of the newcomer: its own rate, or its ancestor package's when lower. */
function scoreOf(fee: bigint, size: number, ancestors: ReadonlySet<PoolEntry>): Rate {
  const own: Rate = { fee, size }
  const pkg: Rate = { fee, size }
  for (const a of ancestors) {
    pkg.fee += a.fee
    pkg.size += a.size
  }
  return compareRates(pkg, own) < 0 ? pkg : own
}

function planRoom(
  ctx: MempoolContext,
  size: number,
  replaced: ReadonlySet<PoolEntry>,
  ancestors: ReadonlySet<PoolEntry>,
  rate: number,
): EvictionPlan {
  let bytes = ctx.graph.bytes + size
  for (const r of replaced) bytes -= r.size
  return planEviction({
    graph: ctx.graph,
    leaving: replaced,
    protect: ancestors,
    count: ctx.graph.size + 1 - replaced.size,
    bytes,
    maxTransactions: ctx.opts.maxTransactions,
    maxBytes: ctx.opts.maxBytes,
    newcomerRate: rate,
  })
}
