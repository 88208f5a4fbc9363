import type { SignatureSchemes } from '@supernova/protocol'
import type { Logger } from 'pino'
import type { FeeEstimator } from './feeEstimator.js'
import type { PoolEntry, TxGraph } from './graph.js'
import type { MempoolPersistence } from './persistence.js'
import type { RollingMinFee } from './rollingFee.js'
import type { MempoolChain, MempoolEvents, MempoolOptions, RemovalReason } from './types.js'

export type ResolvedMempoolOptions = Required<MempoolOptions>

const DAY_MS = 86_400_000

/** Fills defaults from the chain params (SPEC §3 mempool policy). @throws {RangeError} */
export function resolveMempoolOptions(
  o: MempoolOptions,
  chain: MempoolChain,
): ResolvedMempoolOptions {
  const p = chain.params
  const r: ResolvedMempoolOptions = {
    maxTransactions: o.maxTransactions ?? p.mempool.maxTransactions,
    maxBytes: o.maxBytes ?? p.mempool.maxBytes,
    minFeeRate: o.minFeeRate ?? p.mempool.minFeeRate,
    expiryMs: o.expiryMs ?? (p.network === 'devnet' ? 3_600_000 : 14 * DAY_MS),
    maxAncestors: o.maxAncestors ?? 25,
    maxDescendants: o.maxDescendants ?? 25,
    maxReplacements: o.maxReplacements ?? 100,
    expiryCheckIntervalMs: o.expiryCheckIntervalMs ?? 60_000,
    persistIntervalMs: o.persistIntervalMs ?? 1_000,
    persistBatchSize: o.persistBatchSize ?? 500,
    rollingFeeHalfLifeMs: o.rollingFeeHalfLifeMs ?? DAY_MS / 2,
    maxPendingAdds: o.maxPendingAdds ?? 5_000,
    estimatorBlocks: o.estimatorBlocks ?? 100,
  }
  for (const [k, v] of Object.entries(r)) {
    if (typeof v === 'bigint' ? v < 0n : !Number.isSafeInteger(v) || v < 1)
      throw new RangeError(`mempool option ${k} must be a positive integer: ${String(v)}`)
  }
  return r
}

/** A minimal typed event emitter; a throwing listener is logged, never breaks the pool. */
export class Emitter<E extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof E, Set<(e: never) => void>>()

  constructor(private readonly logger: Logger) {}

  on<K extends keyof E>(event: K, listener: (e: E[K]) => void): () => void {
    let set = this.listeners.get(event)
    if (!set) {
      set = new Set()
      this.listeners.set(event, set)
    }
    set.add(listener as (e: never) => void)
    return () => {
      set.delete(listener as (e: never) => void)
    }
  }

  emit<K extends keyof E>(event: K, e: E[K]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        ;(l as (e: E[K]) => void)(e)
      } catch (err) {
        this.logger.error({ err, event }, 'mempool: a listener threw')
      }
    }
  }
}

/** Everything the pool's operations share. */
export type MempoolContext = {
  readonly opts: ResolvedMempoolOptions
  readonly chain: MempoolChain
  readonly schemes: SignatureSchemes
  readonly logger: Logger
  readonly now: () => number
  readonly graph: TxGraph
  readonly rolling: RollingMinFee
  readonly estimator: FeeEstimator
  readonly persistence: MempoolPersistence
  readonly events: Emitter<MempoolEvents>
}

/** Removes `set` from the pool: deletes the persisted records and emits `removed` per entry. */
export function removeEntries(
  ctx: MempoolContext,
  set: ReadonlySet<PoolEntry>,
  reason: RemovalReason,
  o: { emit?: boolean; unpersist?: boolean } = {},
): void {
  if (set.size === 0) return
  ctx.graph.remove(set)
  for (const e of set) {
    if (o.unpersist !== false) ctx.persistence.del(e.id, e.txid)
    if (o.emit !== false) ctx.events.emit('removed', { entry: e, reason })
  }
  ctx.logger.debug({ count: set.size, reason }, 'mempool: removed transactions')
}

/** The fee rate a newcomer needs now: the floor, or the rolling minimum when higher. */
export function currentMinFeeRate(ctx: MempoolContext): number {
  const usage = ctx.graph.bytes / ctx.opts.maxBytes
  return Math.max(Number(ctx.opts.minFeeRate), ctx.rolling.current(ctx.now(), usage))
}
