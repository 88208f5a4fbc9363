import { createHash } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import {
  BaseError,
  createNobleSignatureSchemes,
  type SchemeId,
  type SignatureScheme,
  type SignatureSchemes,
} from '@supernova/protocol'
import { createNodeEd25519 } from './nodeEd25519.js'
import { packItems } from './packing.js'

type Item = { publicKey: Uint8Array; message: Uint8Array; signature: Uint8Array }

export type VerifierErrorCode = 'VERIFIER_FAILED' | 'VERIFIER_CLOSED'

/**
 * The verifier could not answer — a worker crashed, exited, timed out or cannot be respawned
 * (`VERIFIER_FAILED`), or the pool was closed (`VERIFIER_CLOSED`). Not a consensus verdict: it
 * says nothing about the signatures, so the block or transaction must not be marked invalid and
 * the peer that sent it must not be penalised; retry later or stop.
 */
export class VerifierError extends BaseError<VerifierErrorCode> {
  override name = 'VerifierError'
}

export type VerifierPoolOptions = {
  /** Worker threads (default: CPU count, at most 4). */
  threads?: number
  /** Signatures remembered as valid (default 100,000; 0 = none): a transaction checked at mempool entry is not checked again in its block. */
  cacheSize?: number
  /** Batches smaller than this are verified on the calling thread (default 16). */
  inlineBelow?: number
  /**
   * A batch is split across workers only into parts of at least this many signatures (default
   * 32); each part goes to the worker with the fewest signatures pending. Small batches (a block
   * of a few transactions) thus cost one message, and consecutive ones spread over the workers.
   */
  minPerWorker?: number
  /** A worker job not answered within this is failed and its worker replaced (default 30,000 ms). */
  jobTimeoutMs?: number
  /** Dead workers replaced per rolling minute; past that, worker batches fail fast (default 10). */
  maxRespawnsPerMinute?: number
  /** Clock for the respawn budget (default `Date.now`). */
  now?: () => number
}

export type VerifierPool = {
  /**
   * The schemes to hand to validation: same answers as the protocol's, faster. `batchVerify`
   * rejects with a {@link VerifierError} when the workers cannot answer (never resolves `false`
   * for that); after `close()` every batch is verified on the calling thread.
   */
  schemes: SignatureSchemes
  /** Signatures served from the cache since start. */
  cacheHits(): number
  /** Terminates the workers; jobs still pending reject with `VERIFIER_CLOSED`. */
  close(): Promise<void>
  /**
   * @internal Tests only: the live worker threads (spawned lazily by the first worker batch), so a
   * test can `terminate()` one mid-job. Not for production callers.
   */
  workerThreads(): readonly Worker[]
}

type Job = {
  resolve(ok: boolean): void
  reject(e: VerifierError): void
  timer: NodeJS.Timeout
  items: number
}
type Slot = { worker: Worker; jobs: Map<number, Job>; alive: boolean }

const MINUTE_MS = 60_000

function workerUrl(): URL {
  // From dist the compiled .js sits beside this file; under the test runner (src) Node 24 runs the .ts.
  return new URL(
    import.meta.url.endsWith('.ts') ? './verifyWorker.ts' : './verifyWorker.js',
    import.meta.url,
  )
}

function intAtLeast(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${name} must be an integer ≥ ${min}: ${value}`)
  return value
}

type WorkerSetOptions = {
  threads: number
  jobTimeoutMs: number
  maxRespawns: number
  now: () => number
}

const failed = (message: string, details?: Record<string, unknown>, cause?: unknown) =>
  new VerifierError({ code: 'VERIFIER_FAILED', message, cause, ...(details ? { details } : {}) })

/**
 * `threads` worker slots, each spawned on first use and respawned (within the budget) on the first
 * use after its worker died. A job rejects with a {@link VerifierError} when its worker dies or
 * times out; a worker is ref'd only while it has a job pending.
 */
function createWorkerSet({ threads, jobTimeoutMs, maxRespawns, now }: WorkerSetOptions) {
  const slots: (Slot | undefined)[] = Array.from({ length: threads }, () => undefined)
  /** Signatures pending per slot index, for picking the least loaded worker. */
  const load: number[] = Array.from({ length: threads }, () => 0)
  const respawns: number[] = [] // times of recent respawns, oldest first, at most maxRespawns
  let nextId = 0

  /** Marks a slot dead, fails its jobs and terminates its thread (idempotent). */
  const kill = async (slot: Slot, error: VerifierError): Promise<void> => {
    if (!slot.alive) return
    slot.alive = false
    const jobs = [...slot.jobs.values()]
    slot.jobs.clear()
    const index = slots.indexOf(slot)
    if (index >= 0) load[index] = 0
    for (const job of jobs) {
      clearTimeout(job.timer)
      job.reject(error)
    }
    // A crashed or exited thread is already gone; terminate() then settles at once.
    await slot.worker.terminate().catch(() => undefined)
  }

  /** Removes a job from its slot; the last one out lets the process exit again. */
  const settle = (slot: Slot, id: number): Job | undefined => {
    const job = slot.jobs.get(id)
    if (!job) return undefined
    clearTimeout(job.timer)
    slot.jobs.delete(id)
    const index = slots.indexOf(slot)
    if (index >= 0) load[index] = Math.max(0, load[index]! - job.items)
    if (slot.jobs.size === 0) slot.worker.unref()
    return job
  }

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(workerUrl()), jobs: new Map(), alive: true }
    const { worker } = slot
    worker.on('message', (m: { id: number; ok: boolean }) =>
      settle(slot, m.id)?.resolve(m.ok === true),
    )
    const die = (reason: string, cause?: unknown) =>
      void kill(slot, failed(`verify worker ${reason}`, undefined, cause))
    worker.on('error', (e) => die('crashed', e))
    worker.on('messageerror', (e) => die('sent an unreadable message', e))
    worker.on('exit', (code) => die(`exited (code ${code})`))
    // Idle until run() posts a job. After the listeners: adding a 'message' listener refs again.
    worker.unref()
    return slot
  }

  /** The live slot `index`, respawning a dead one within the budget. */
  const slotAt = (index: number): Slot => {
    const slot = slots[index]
    if (slot?.alive) return slot
    if (slot) {
      const t = now()
      while (respawns.length > 0 && t - respawns[0]! >= MINUTE_MS) respawns.shift()
      if (respawns.length >= maxRespawns) {
        const details = { maxRespawnsPerMinute: maxRespawns }
        throw failed('verify workers keep dying; respawn budget for this minute spent', details)
      }
      respawns.push(t)
    }
    const fresh = spawn()
    slots[index] = fresh
    return fresh
  }

  /** The slot index with the fewest signatures pending (the first on ties). */
  const leastLoaded = (): number => {
    let best = 0
    for (let i = 1; i < threads; i++) if (load[i]! < load[best]!) best = i
    return best
  }

  /** Verifies `items` on the least loaded worker: true iff all are valid; rejects if it cannot say. */
  const run = (scheme: SchemeId, items: readonly Item[]) =>
    new Promise<boolean>((resolve, reject) => {
      const index = leastLoaded()
      const slot = slotAt(index)
      const packed = packItems(items)
      const id = nextId++
      const timer = setTimeout(() => {
        settle(slot, id)?.reject(
          failed(`verify worker did not answer within ${jobTimeoutMs} ms`, { jobTimeoutMs }),
        )
        void kill(slot, failed('verify worker stuck; replaced'))
      }, jobTimeoutMs)
      timer.unref() // the ref'd worker keeps the process up while the job is pending
      if (slot.jobs.size === 0) slot.worker.ref()
      slot.jobs.set(id, { resolve, reject, timer, items: items.length })
      load[index] = load[index]! + items.length
      try {
        slot.worker.postMessage({ id, scheme, packed }, [packed])
      } catch (cause) {
        void kill(slot, failed('verify worker unreachable', undefined, cause))
      }
    })

  return {
    run,
    live: () => slots.flatMap((s) => (s?.alive ? [s.worker] : [])),
    /** Fails every pending job with `error` and terminates every worker. */
    async close(error: VerifierError) {
      const all = slots.filter((s): s is Slot => s !== undefined)
      slots.fill(undefined)
      await Promise.all(all.map((s) => kill(s, error)))
    },
  }
}

/**
 * Parallel signature verification for block validation: batches are split across worker threads
 * (node:crypto ed25519 with the noble ZIP215 re-check, noble for BIP340 and ML-DSA-65), and every
 * signature found valid is remembered in a bounded cache so it is never verified twice.
 *
 * A worker that crashes, exits or leaves a job unanswered for `jobTimeoutMs` fails its pending
 * jobs with a {@link VerifierError} and is replaced on next use (at most `maxRespawnsPerMinute`).
 * Workers hold the process open only while they have a job pending, so an idle node still exits.
 */
export function createVerifierPool(options: VerifierPoolOptions = {}): VerifierPool {
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(availableParallelism(), 4), 16))
  const cacheSize = intAtLeast('cacheSize', options.cacheSize ?? 100_000, 0)
  const inlineBelow = options.inlineBelow ?? 16
  const minPerWorker = intAtLeast('minPerWorker', options.minPerWorker ?? 32, 1)
  const workers = createWorkerSet({
    threads,
    jobTimeoutMs: intAtLeast('jobTimeoutMs', options.jobTimeoutMs ?? 30_000, 1),
    maxRespawns: intAtLeast('maxRespawnsPerMinute', options.maxRespawnsPerMinute ?? 10, 0),
    now: options.now ?? Date.now,
  })
  const local: SignatureSchemes = { ...createNobleSignatureSchemes(), ed25519: createNodeEd25519() }
  const cache = new Set<string>()
  let hits = 0
  let closed = false

  const cacheKey = (scheme: SchemeId, i: Item) => {
    const h = createHash('sha256')
    h.update(scheme).update(i.publicKey).update(i.message).update(i.signature)
    return h.digest('base64')
  }
  const remember = (key: string) => {
    if (cacheSize === 0) return
    if (cache.size >= cacheSize) cache.delete(cache.values().next().value!)
    cache.add(key)
  }

  const onWorkers = async (scheme: SchemeId, items: readonly Item[]): Promise<boolean> => {
    const parts = Math.max(1, Math.min(threads, Math.floor(items.length / minPerWorker)))
    const size = Math.ceil(items.length / parts)
    const results = await Promise.all(
      Array.from({ length: parts }, (_, p) =>
        workers.run(scheme, items.slice(p * size, (p + 1) * size)),
      ),
    )
    return results.every(Boolean)
  }

  const wrap = (scheme: SchemeId): SignatureScheme => {
    const base = local[scheme]
    return {
      ...base,
      async verify(item) {
        if (cacheSize === 0) return base.verify(item)
        const key = cacheKey(scheme, item)
        if (cache.has(key)) {
          hits++
          return true
        }
        const ok = await base.verify(item)
        if (ok) remember(key)
        return ok
      },
      async batchVerify(items) {
        const keys = cacheSize === 0 ? [] : items.map((i) => cacheKey(scheme, i))
        const uncached: Item[] = cacheSize === 0 ? [...items] : []
        keys.forEach((k, i) => {
          if (cache.has(k)) hits++
          else uncached.push(items[i]!)
        })
        if (uncached.length === 0) return true
        // After close() batches run inline, as small ones always do: a late caller gets an answer.
        const ok =
          closed || uncached.length < inlineBelow
            ? await base.batchVerify(uncached)
            : await onWorkers(scheme, uncached)
        if (ok) for (const k of keys) remember(k)
        return ok
      },
    }
  }

  return {
    schemes: { ed25519: wrap('ed25519'), secp256k1: wrap('secp256k1'), mldsa65: wrap('mldsa65') },
    cacheHits: () => hits,
    workerThreads: workers.live,
    async close() {
      closed = true
      await workers.close(
        new VerifierError({ code: 'VERIFIER_CLOSED', message: 'verifier pool closed' }),
      )
    },
  }
}
