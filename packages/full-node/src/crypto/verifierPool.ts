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
  id: number
  resolve(ok: boolean): void
  reject(e: VerifierError): void
  timer: NodeJS.Timeout
  /** The slots the batch was posted to that have not answered yet. */
  waiting: Set<Slot>
  items: number
  /** Items counted against each target's load while the job is pending. */
  share: number
  /** Items checked so far, summed over the answers. */
  verified: number
  ok: boolean
}
type Slot = {
  worker: Worker
  jobs: Map<number, Job>
  alive: boolean
  /** Signatures pending on this worker (a shared job counts its share). */
  load: number
}

/**
 * Batches at least this long are shared by every worker; shorter ones (a block of a few
 * transactions, a mempool transaction) go whole to the least loaded worker: one message instead of
 * one per worker, on a thread that may be the bottleneck (the node's own during import).
 */
const SHARE_FROM = 64

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
 * use after its worker died. A batch of SHARE_FROM signatures or more goes to every live worker,
 * which share it through atomic claims (verifyWorker.ts): a thread slowed by the OS or by the
 * validating thread takes fewer signatures instead of finishing last with a fixed share. A batch
 * rejects with a {@link VerifierError} when one of its workers dies or it times out; a worker is
 * ref'd only while it has a batch pending.
 */
function createWorkerSet({ threads, jobTimeoutMs, maxRespawns, now }: WorkerSetOptions) {
  const slots: (Slot | undefined)[] = Array.from({ length: threads }, () => undefined)
  const respawns: number[] = [] // times of recent respawns, oldest first, at most maxRespawns
  let nextId = 0

  /** Takes a job off every slot still holding it; the last one out of a slot unrefs it. */
  const detach = (job: Job): void => {
    clearTimeout(job.timer)
    for (const slot of job.waiting) {
      slot.jobs.delete(job.id)
      slot.load = Math.max(0, slot.load - job.share)
      if (slot.jobs.size === 0 && slot.alive) slot.worker.unref()
    }
    job.waiting.clear()
  }

  /** Marks a slot dead, fails its jobs and terminates its thread (idempotent). */
  const kill = async (slot: Slot, error: VerifierError): Promise<void> => {
    if (!slot.alive) return
    slot.alive = false
    const jobs = [...slot.jobs.values()]
    for (const job of jobs) {
      detach(job)
      job.reject(error)
    }
    // A crashed or exited thread is already gone; terminate() then settles at once.
    await slot.worker.terminate().catch(() => undefined)
  }

  /** One worker's answer to a job; the job settles once every worker it went to answered. */
  const answer = (slot: Slot, m: { id: number; ok: boolean; verified: number }): void => {
    const job = slot.jobs.get(m.id)
    if (!job) return
    slot.jobs.delete(m.id)
    slot.load = Math.max(0, slot.load - job.share)
    job.waiting.delete(slot)
    if (slot.jobs.size === 0) slot.worker.unref()
    job.ok &&= m.ok === true
    job.verified += Number.isInteger(m.verified) ? m.verified : 0
    if (job.waiting.size > 0) return
    clearTimeout(job.timer)
    if (!job.ok) job.resolve(false)
    else if (job.verified !== job.items)
      job.reject(failed(`verify workers checked ${job.verified} of ${job.items} signatures`))
    else job.resolve(true)
  }

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(workerUrl()), jobs: new Map(), alive: true, load: 0 }
    const { worker } = slot
    worker.on('message', (m: { id: number; ok: boolean; verified: number }) => answer(slot, m))
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

  /**
   * The live slots, spawning or respawning as needed. A slot the respawn budget cannot bring back
   * is left out while another one runs; with none, the budget's error is thrown.
   */
  const liveSlots = (): Slot[] => {
    const out: Slot[] = []
    let refusal: unknown
    for (let i = 0; i < threads; i++) {
      try {
        out.push(slotAt(i))
      } catch (e) {
        refusal ??= e
      }
    }
    if (out.length === 0) throw refusal
    return out
  }

  /**
   * Verifies `items` on every live worker together (or, when short, on the least loaded one):
   * true iff all are valid; rejects if it cannot say.
   */
  const run = (scheme: SchemeId, items: readonly Item[]) =>
    new Promise<boolean>((resolve, reject) => {
      const live = liveSlots()
      const targets =
        items.length >= SHARE_FROM
          ? live
          : [live.reduce((best, s) => (s.load < best.load ? s : best))]
      const share = items.length / targets.length
      const packed = packItems(items)
      const control = new SharedArrayBuffer(8) // [next item to claim, failed]
      const id = nextId++
      const job: Job = {
        id,
        resolve,
        reject,
        items: items.length,
        share,
        verified: 0,
        ok: true,
        waiting: new Set(targets),
        timer: setTimeout(() => {
          const stuck = [...job.waiting]
          detach(job)
          reject(failed(`verify worker did not answer within ${jobTimeoutMs} ms`, { jobTimeoutMs }))
          for (const slot of stuck) void kill(slot, failed('verify worker stuck; replaced'))
        }, jobTimeoutMs),
      }
      job.timer.unref() // the ref'd workers keep the process up while the job is pending
      for (const slot of targets) {
        if (slot.jobs.size === 0) slot.worker.ref()
        slot.jobs.set(id, job)
        slot.load += share
      }
      for (const slot of targets) {
        try {
          slot.worker.postMessage({ id, scheme, packed, control })
        } catch (cause) {
          void kill(slot, failed('verify worker unreachable', undefined, cause))
        }
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
 * Parallel signature verification for block validation: batches are shared by the worker threads
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

  const onWorkers = (scheme: SchemeId, items: readonly Item[]): Promise<boolean> =>
    workers.run(scheme, items)

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
