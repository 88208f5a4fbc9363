import { type Lock, toHex } from '@supernova/protocol'
import { acceptTransaction } from './accept.js'
import {
  DisconnectedTransactions,
  expireOld,
  onBlockConnected,
  readdDisconnected,
} from './chainEvents.js'
import {
  currentMinFeeRate,
  Emitter,
  type MempoolContext,
  resolveMempoolOptions,
} from './context.js'
import { MempoolError } from './errors.js'
import { FeeEstimator } from './feeEstimator.js'
import { evictionScore, TxGraph } from './graph.js'
import { loadPersisted } from './load.js'
import { MempoolPersistence } from './persistence.js'
import { SerialQueue } from './queue.js'
import { RollingMinFee } from './rollingFee.js'
import { selectTransactions } from './select.js'
import type {
  EstimateFeeResult,
  Mempool,
  MempoolComponents,
  MempoolOptions,
  Scheduler,
} from './types.js'
import { feeHistogram, listByScore } from './views.js'

const intervalScheduler: Scheduler = {
  every(ms, task) {
    const t = setInterval(task, ms)
    t.unref()
    return () => clearInterval(t)
  },
}

/**
 * The transaction pool (SPEC §3): validated unconfirmed transactions, prioritised by mining score
 * (ancestor-package fee rate), capped in count and bytes with eviction by fee rate, replace-by-fee,
 * expiry, persistence under `x`, and fee estimation from what blocks confirmed.
 *
 * `add` checks, in order: known → coinbase → structure → inputs found (pool or UTXO set) →
 * consensus input rules → fee floor and rolling minimum → ancestor/descendant limits →
 * replacement rules → room under the caps → signatures; only then does the pool change.
 * Every mutation (adds, chain events, expiry, the startup reload) runs through one serial queue.
 *
 * @example
 * const mempool = createMempool({}, { chain, schemes, store, logger, now: Date.now })
 * await mempool.start()
 * const { txid, feeRate } = await mempool.add(tx) // or throws MempoolError with a `code`
 */
export function createMempool(options: MempoolOptions, components: MempoolComponents): Mempool {
  const { chain, logger } = components
  const opts = resolveMempoolOptions(options, chain)
  const ctx: MempoolContext = {
    opts,
    chain,
    schemes: components.schemes,
    logger,
    now: components.now,
    graph: new TxGraph(),
    rolling: new RollingMinFee(opts.rollingFeeHalfLifeMs, Number(opts.minFeeRate)),
    estimator: new FeeEstimator(opts.estimatorBlocks),
    persistence: new MempoolPersistence(components.store, logger),
    events: new Emitter(logger),
  }
  const scheduler = components.scheduler ?? intervalScheduler
  const queue = new SerialQueue(opts.maxPendingAdds)
  const disconnected = new DisconnectedTransactions(opts.maxTransactions * 10)
  let running = false
  let cleanups: (() => void)[] = []

  function background(what: string, task: () => Promise<unknown> | unknown): void {
    queue.run(async () => task()).catch((err) => logger.error({ err }, `mempool: ${what} failed`))
  }

  function flushQuietly(): Promise<void> {
    return ctx.persistence.flush().catch(() => undefined) // logged by the persistence layer
  }

  // Disconnected blocks' transactions wait until the chain's whole operation is over (its `tip`
  // event), so they are validated against the new branch, not a half-reorganised chain.
  function followChain(): (() => void)[] {
    let sawDisconnect = false
    return [
      chain.on('connect', (e) => background('block connect', () => onBlockConnected(ctx, e))),
      chain.on('disconnect', (e) => {
        sawDisconnect = true
        background('block disconnect', () => {
          ctx.estimator.removeBlock(e.height)
          disconnected.addBlock(ctx, e.block.transactions)
        })
      }),
      chain.on('tip', () => {
        if (!sawDisconnect) return
        sawDisconnect = false
        background('reorg re-add', () => readdDisconnected(ctx, disconnected.take()))
      }),
    ]
  }

  return {
    async start() {
      if (running) return
      // A restarted instance reloads from the store, which holds everything it had.
      ctx.graph.remove(new Set(ctx.graph.entries()))
      cleanups = followChain()
      try {
        await queue.run(() => loadPersisted(ctx))
      } catch (e) {
        for (const c of cleanups) c()
        cleanups = []
        throw e
      }
      cleanups.push(
        scheduler.every(opts.persistIntervalMs, () => void flushQuietly()),
        scheduler.every(opts.expiryCheckIntervalMs, () =>
          background('expiry', () => expireOld(ctx)),
        ),
      )
      running = true
    },

    async stop() {
      if (!running) return
      running = false
      for (const c of cleanups) c()
      cleanups = []
      await queue.idle()
      await ctx.persistence.flush()
    },

    add(tx) {
      if (!running) return Promise.reject(notRunning())
      const result = queue.tryRun(async () => {
        if (!running) throw notRunning()
        const r = await acceptTransaction(ctx, tx)
        if (ctx.persistence.pendingCount >= opts.persistBatchSize) await flushQuietly()
        return r
      })
      if (result) return result
      return Promise.reject(busy())
    },

    get: (txid) => ctx.graph.get(toHex(txid)),
    has: (txid) => ctx.graph.get(toHex(txid)) !== undefined,
    list: (limit = 100) => listByScore(ctx.graph, limit),
    select: (p) => selectTransactions(ctx.graph, p),
    histogram: () => feeHistogram(ctx.graph),
    minFeeRate: () => currentMinFeeRate(ctx),

    balanceDelta(lock: Lock) {
      const { received, spent } = ctx.graph.lockTotals(lock)
      return { received, spent, net: received - spent }
    },

    estimateFee(targetBlocks) {
      return estimateFee(ctx, targetBlocks)
    },

    expire: () => queue.run(async () => expireOld(ctx)),
    flush: () => ctx.persistence.flush(),
    settled: () => queue.idle(),
    get size() {
      return ctx.graph.size
    },
    get bytes() {
      return ctx.graph.bytes
    },
    on: (event, listener) => ctx.events.on(event, listener),
  }
}

function estimateFee(ctx: MempoolContext, targetBlocks: number): EstimateFeeResult {
  if (!Number.isInteger(targetBlocks) || targetBlocks < 1)
    throw new RangeError(`targetBlocks must be a positive integer: ${targetBlocks}`)
  const tipHeight = ctx.chain.tip().height
  const { rate, samples } = ctx.estimator.estimate(targetBlocks, function* () {
    for (const e of ctx.graph.entries())
      if (e.ancestors.count === 1) yield { rate: evictionScore(e), waited: tipHeight - e.height }
  })
  const floor = currentMinFeeRate(ctx)
  const best = Math.max(rate ?? floor, floor)
  // Rates are quotients of integers; shave float noise before rounding up.
  return { feeRate: BigInt(Math.ceil(best - 1e-9)), targetBlocks, samples }
}

function notRunning(): MempoolError {
  return new MempoolError({ code: 'NOT_RUNNING', message: 'the mempool is not running' })
}

function busy(): MempoolError {
  return new MempoolError({
    code: 'BUSY',
    message: 'too many transactions are waiting for validation; retry later',
  })
}
