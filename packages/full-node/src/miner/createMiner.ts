import {
  type Block,
  bitsToTarget,
  checkProofOfWork,
  domainKey,
  encodeHeader,
  equalBytes,
  HEADER_LAYOUT,
  initHashing,
  targetToBytes,
  toHex,
} from '@supernova/protocol'
import type { ChainTip } from '../chain/types.js'
import { checkThreads, resolveMinerOptions, u32le } from './options.js'
import type { Miner, MinerComponents, MinerOptions } from './types.js'
import { createWorkerPool, type WorkerPool, type WorkerReply } from './workerPool.js'

/** Room left in a block for the header and the coinbase when asking the mempool for transactions. */
export const COINBASE_RESERVE_BYTES = 1_000
const HASHRATE_SAMPLE_MS = 1_000
/** Samples kept: the hash rate is averaged over the last ~5 s. */
const HASHRATE_SAMPLES = 6

type Job = { id: number; block: Block; header: Uint8Array }

/**
 * The solo miner (SPEC §3): builds a template on the tip from the mempool's best transactions,
 * grinds it on worker threads, checks the solution with the consensus PoW check and submits it to
 * the chain; a new tip or a refreshed template restarts every worker.
 * @throws {MinerError} `INVALID_OPTION` for a bad thread count, refresh period or nonce span.
 */
export function createMiner(options: MinerOptions, components: MinerComponents): Miner {
  const { chain, mempool, logger, now } = components
  const params = chain.params
  const resolved = resolveMinerOptions(options)
  const { refreshMs, nonceSpan } = resolved
  let threadCount = resolved.threads
  const key = domainKey('header')

  let started = false
  let enabled = options.enabled ?? false
  let active = false
  let pool: WorkerPool | undefined
  let retiredHashes = 0n
  let job: Job | undefined
  let jobSeq = 0
  let extraNonce = 0
  let mempoolDirty = false
  let building: Promise<void> | undefined
  let buildAgain = false
  let wakeTimer: NodeJS.Timeout | undefined
  let refreshTimer: NodeJS.Timeout | undefined
  let sampleTimer: NodeJS.Timeout | undefined
  let unsubscribe: (() => void)[] = []
  let lifecycle: Promise<void> = Promise.resolve()
  const inflight = new Set<Promise<void>>()
  const samples: { t: number; hashes: bigint }[] = []
  const stats = { blocksMined: 0, blocksRejected: 0, templates: 0, rangesExhausted: 0 }

  const totalHashes = () => retiredHashes + (pool?.hashes() ?? 0n)

  /** Lifecycle changes run one at a time, in call order. */
  function serial(fn: () => Promise<void>): Promise<void> {
    const next = lifecycle.then(fn)
    lifecycle = next.catch(() => {})
    return next
  }

  function spinUp(): void {
    pool = createWorkerPool({ threads: threadCount, key, onReply, onError: onPoolError })
    active = true
    samples.length = 0
    sample()
    refreshTimer = setInterval(() => {
      if (mempoolDirty && job) requestTemplate()
    }, refreshMs)
    sampleTimer = setInterval(sample, HASHRATE_SAMPLE_MS)
    requestTemplate()
  }

  async function spinDown(): Promise<void> {
    active = false
    job = undefined
    clearTimeout(wakeTimer)
    clearInterval(refreshTimer)
    clearInterval(sampleTimer)
    const p = pool
    pool = undefined
    if (p) {
      await p.close()
      retiredHashes += p.hashes()
    }
    await building
    await Promise.all(inflight)
  }

  function onPoolError(err: unknown): void {
    logger.error({ err }, 'miner: a worker thread failed; mining is off')
    enabled = false
    void serial(spinDown)
  }

  function sample(): void {
    samples.push({ t: performance.now(), hashes: totalHashes() })
    if (samples.length > HASHRATE_SAMPLES) samples.shift()
  }

  /** Build a template (once at a time; a request during a build triggers one more build). */
  function requestTemplate(): void {
    if (!active) return
    if (building) {
      buildAgain = true
      return
    }
    building = buildTemplate()
      .catch((err: unknown) => {
        logger.error({ err }, 'miner: building a block template failed; retrying')
        retryLater()
      })
      .finally(() => {
        building = undefined
        if (buildAgain) {
          buildAgain = false
          requestTemplate()
        }
      })
  }

  function retryLater(): void {
    clearTimeout(wakeTimer)
    if (active) wakeTimer = setTimeout(requestTemplate, refreshMs)
  }

  /** Milliseconds until a block on `tip` may be started (pacing), bounded. */
  function paceWait(tip: ChainTip): number {
    if (!options.paceToBlockTime) return 0
    const wait = tip.header.timestamp + params.targetBlockTimeMs - now()
    return Math.min(wait, params.targetBlockTimeMs + params.maxFutureDriftMs)
  }

  async function buildTemplate(): Promise<void> {
    clearTimeout(wakeTimer)
    const tip = chain.tip()
    const wait = paceWait(tip)
    if (wait > 0) {
      job = undefined
      pool?.idle()
      wakeTimer = setTimeout(requestTemplate, wait)
      return
    }
    mempoolDirty = false
    const { entries } = mempool.select({
      maxBytes: params.maxBlockBytes - COINBASE_RESERVE_BYTES,
      maxSigChecks: params.maxBlockSigChecks,
    })
    const { block } = await chain.createBlockTemplate({
      rewardLock: options.rewardLock,
      transactions: entries.map((e) => e.tx),
      now: now(),
      ...(extraNonce > 0 ? { extraData: u32le(extraNonce) } : {}),
    })
    if (!active) return
    if (!equalBytes(block.header.prevHash, chain.tip().hash)) {
      buildAgain = true // the tip moved while the template was built
      return
    }
    dispatch(block)
  }

  function dispatch(block: Block): void {
    if (!pool) return
    const header = encodeHeader(block.header)
    job = { id: ++jobSeq, block, header }
    stats.templates++
    const target = targetToBytes(bitsToTarget(block.header.bits))
    pool.run({ jobId: job.id, header, target, nonceSpan })
  }

  function onReply(reply: WorkerReply): void {
    const j = job
    if (!j || reply.jobId !== j.id) return // a job already replaced
    if (reply.type === 'exhausted') onExhausted(j)
    else onSolved(j, reply.nonce)
  }

  /** Every nonce of this variant tried: a later timestamp, or new coinbase extra data. */
  function onExhausted(j: Job): void {
    stats.rangesExhausted++
    const timestamp = Math.max(j.block.header.timestamp + 1, now())
    if (timestamp <= now() + params.maxFutureDriftMs) {
      dispatch({ header: { ...j.block.header, timestamp }, transactions: j.block.transactions })
      return
    }
    extraNonce++
    job = undefined
    requestTemplate()
  }

  function onSolved(j: Job, nonce: bigint): void {
    job = undefined
    pool?.idle()
    const bytes = j.header.slice()
    new DataView(bytes.buffer).setBigUint64(HEADER_LAYOUT.nonce, nonce, true)
    const pow = checkProofOfWork(bytes)
    if (!pow.valid) {
      logger.error(
        { nonce: nonce.toString(), height: j.block.header.height },
        'miner: a worker reported a nonce that misses the target; ignored',
      )
      retryLater()
      return
    }
    const block: Block = {
      header: { ...j.block.header, nonce },
      transactions: j.block.transactions,
    }
    const p = submit(block, pow.hash).finally(() => inflight.delete(p))
    inflight.add(p)
  }

  async function submit(block: Block, hash: Uint8Array): Promise<void> {
    const height = block.header.height
    try {
      const result = await chain.processBlock(block)
      if (result.status === 'connected' || result.status === 'reorg') {
        stats.blocksMined++
        logger.info(
          { height, hash: toHex(hash), txs: block.transactions.length },
          'miner: block mined',
        )
        return // the chain's 'tip' event starts the next template
      }
      stats.blocksRejected++
      const reason = result.status === 'invalid' ? result.error.message : undefined
      logger.warn(
        { height, hash: toHex(hash), status: result.status, reason },
        'miner: mined block not connected',
      )
    } catch (err) {
      stats.blocksRejected++
      logger.error({ err, height }, 'miner: submitting a mined block failed')
    }
    retryLater() // not immediately: the same template would fail the same way
  }

  function onTip(): void {
    extraNonce = 0
    if (!active) return
    job = undefined
    pool?.idle()
    requestTemplate()
  }

  return {
    start: () =>
      serial(async () => {
        if (started) return
        await initHashing()
        started = true
        unsubscribe = [
          chain.on('tip', onTip),
          mempool.on('added', () => {
            mempoolDirty = true
          }),
        ]
        if (enabled) spinUp()
      }),
    stop: () =>
      serial(async () => {
        if (!started) return
        started = false
        for (const u of unsubscribe) u()
        unsubscribe = []
        await spinDown()
      }),
    setMining(on, threads) {
      return serial(async () => {
        if (threads !== undefined) checkThreads(threads)
        const resize = threads !== undefined && threads !== threadCount
        if (threads !== undefined) threadCount = threads
        enabled = on
        if (!started) return
        if (active && (!on || resize)) await spinDown()
        if (on && !active) spinUp()
      })
    },
    isMining: () => active,
    threads: () => threadCount,
    hashrate() {
      const first = samples[0]
      if (!active || !first) return 0
      const ms = performance.now() - first.t
      return ms > 0 ? (Number(totalHashes() - first.hashes) / ms) * 1_000 : 0
    },
    stats: () => ({ ...stats, hashes: totalHashes(), liveWorkers: pool?.live() ?? 0 }),
  }
}
