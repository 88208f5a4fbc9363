import { reject } from './errors.js'
import { evictionScore, type PoolEntry, type TxGraph } from './graph.js'

/** A fee over a size; compared exactly (fees are bigint, sizes exact integers). */
export type Rate = { fee: bigint; size: number }

/** a.fee / a.size compared with b.fee / b.size: negative, zero or positive. */
export function compareRates(a: Rate, b: Rate): number {
  const d = a.fee * BigInt(b.size) - b.fee * BigInt(a.size)
  return d < 0n ? -1 : d > 0n ? 1 : 0
}

export type LimitsParameters = {
  graph: TxGraph
  parents: readonly PoolEntry[]
  /** Entries leaving the pool with this transaction's arrival (RBF). */
  replaced: ReadonlySet<PoolEntry>
  maxAncestors: number
  maxDescendants: number
}

/**
 * The unconfirmed-chain limits: the newcomer with its ancestors ≤ maxAncestors, and every ancestor
 * with its descendants (after the replacement, plus the newcomer) ≤ maxDescendants.
 * @throws {MempoolError} TOO_MANY_ANCESTORS | TOO_MANY_DESCENDANTS
 * @returns the newcomer's in-pool ancestors.
 */
export function checkChainLimits(p: LimitsParameters): Set<PoolEntry> {
  const ancestors = p.graph.withAncestors(p.parents)
  if (ancestors.size + 1 > p.maxAncestors) {
    reject('TOO_MANY_ANCESTORS', `it would have ${ancestors.size} unconfirmed ancestors`, {
      ancestors: ancestors.size,
      max: p.maxAncestors - 1,
    })
  }
  const leaving = new Map<PoolEntry, number>()
  for (const r of p.replaced)
    for (const a of p.graph.ancestorsOf([r])) leaving.set(a, (leaving.get(a) ?? 0) + 1)
  for (const a of ancestors) {
    const after = a.descendants.count - (leaving.get(a) ?? 0) + 1
    if (after > p.maxDescendants) {
      reject(
        'TOO_MANY_DESCENDANTS',
        `ancestor ${a.id} would have ${after - 1} unconfirmed descendants`,
        {
          ancestor: a.id,
          descendants: after - 1,
          max: p.maxDescendants - 1,
        },
      )
    }
  }
  return ancestors
}

export type ReplacementParameters = {
  fee: bigint
  size: number
  /** The newcomer's mining score (own rate, or its ancestor package's when lower). */
  score: Rate
  conflicts: ReadonlySet<PoolEntry>
  /** Conflicts and their descendants. */
  replaced: ReadonlySet<PoolEntry>
  parents: readonly PoolEntry[]
  minFeeRate: bigint
  maxReplacements: number
}

/**
 * Replace-by-fee (full RBF, BIP125's fee rules): at most `maxReplacements` transactions leave;
 * the newcomer spends no output of one of them; it pays more than everything it replaces plus
 * `minFeeRate` × its own size (it pays for its own relay), and its mining score beats the fee rate
 * of every transaction it replaces.
 * @throws {MempoolError} DOUBLE_SPEND | REPLACEMENT_FEE_TOO_LOW
 */
export function checkReplacement(p: ReplacementParameters): void {
  const first = [...p.conflicts][0]!
  const conflicts = [...p.conflicts].map((c) => c.id)
  if (p.replaced.size > p.maxReplacements) {
    reject(
      'DOUBLE_SPEND',
      `it would replace ${p.replaced.size} transactions, at most ${p.maxReplacements} allowed`,
      {
        conflict: first.id,
        conflicts,
        replaced: p.replaced.size,
      },
    )
  }
  for (const parent of p.parents) {
    if (p.replaced.has(parent)) {
      reject('DOUBLE_SPEND', `it spends an output of ${parent.id}, which it would replace`, {
        conflict: first.id,
        conflicts,
        parent: parent.id,
      })
    }
  }
  let replacedFees = 0n
  for (const r of p.replaced) replacedFees += r.fee
  const required = replacedFees + p.minFeeRate * BigInt(p.size)
  if (p.fee <= replacedFees || p.fee < required) {
    reject(
      'REPLACEMENT_FEE_TOO_LOW',
      `it pays ${p.fee}; replacing ${conflicts.length === 1 ? first.id : `${conflicts.length} transactions`} needs ${required}`,
      {
        conflict: first.id,
        conflicts,
        fee: p.fee.toString(),
        replacedFees: replacedFees.toString(),
        required: required.toString(),
      },
    )
  }
  for (const r of p.replaced) {
    if (compareRates(p.score, { fee: r.fee, size: r.size }) <= 0) {
      reject(
        'REPLACEMENT_FEE_TOO_LOW',
        `its fee rate does not beat ${r.id}'s (${r.feeRate.toFixed(3)}/byte)`,
        {
          conflict: first.id,
          conflicts,
          outbid: r.id,
          feeRate: Number(p.score.fee) / p.score.size,
          replacedFeeRate: r.feeRate,
        },
      )
    }
  }
}

export type EvictionParameters = {
  graph: TxGraph
  /** Entries already leaving (replaced): not candidates, not counted. */
  leaving: ReadonlySet<PoolEntry>
  /** The newcomer's ancestors: evicting one would orphan it. */
  protect: ReadonlySet<PoolEntry>
  /** Pool count and bytes once the newcomer is in and `leaving` is out. */
  count: number
  bytes: number
  maxTransactions: number
  maxBytes: number
  /** The newcomer's own fee rate; Infinity when trimming without one. */
  newcomerRate: number
}

export type EvictionPlan = { evict: Set<PoolEntry>; topRate: number }

/**
 * Chooses packages to evict until the caps hold: repeatedly the entry with the lowest eviction
 * score (max of its own and its descendant package's rate) with its descendants.
 * @throws {MempoolError} POOL_FULL when the newcomer pays no more than that package, or that
 *   package holds one of the newcomer's ancestors.
 */
export function planEviction(p: EvictionParameters): EvictionPlan {
  const evict = new Set<PoolEntry>()
  let { count, bytes } = p
  let topRate = 0
  while (count > p.maxTransactions || bytes > p.maxBytes) {
    let worst: PoolEntry | undefined
    let worstScore = Number.POSITIVE_INFINITY
    for (const e of p.graph.entries()) {
      if (evict.has(e) || p.leaving.has(e)) continue
      const s = evictionScore(e)
      if (s < worstScore || (s === worstScore && worst && e.id > worst.id)) {
        worst = e
        worstScore = s
      }
    }
    if (!worst || worstScore >= p.newcomerRate) {
      reject(
        'POOL_FULL',
        'the pool is full and this transaction pays less than anything it could evict',
        {
          feeRate: p.newcomerRate,
          lowestFeeRate: worst ? worstScore : null,
        },
      )
    }
    for (const e of p.graph.withDescendants([worst])) {
      if (evict.has(e) || p.leaving.has(e)) continue
      if (p.protect.has(e)) {
        reject(
          'POOL_FULL',
          `the pool is full and its unconfirmed ancestor ${e.id} is the cheapest to evict`,
          {
            feeRate: p.newcomerRate,
            ancestor: e.id,
          },
        )
      }
      evict.add(e)
      count--
      bytes -= e.size
    }
    topRate = Math.max(topRate, worstScore)
  }
  return { evict, topRate }
}
