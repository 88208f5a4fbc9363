import { Worker } from 'node:worker_threads'

/** Messages from a mining worker (see ./worker.ts). */
export type WorkerReply =
  | { type: 'solved'; jobId: number; nonce: bigint }
  | { type: 'exhausted'; jobId: number }

/** A header to grind: every worker gets a disjoint slice of `[0, nonceSpan)`. */
export type PoolJob = { jobId: number; header: Uint8Array; target: Uint8Array; nonceSpan: bigint }

export type WorkerPool = {
  size(): number
  /** Workers that have not exited yet. */
  live(): number
  /** Hand every worker its slice of the job's nonce range (replacing any previous job). */
  run(job: PoolJob): void
  /** Stop grinding (each worker finishes its current batch of a few milliseconds). */
  idle(): void
  /** Hashes computed by every worker this pool ever ran. */
  hashes(): bigint
  /** Terminate every worker and wait for them to exit. */
  close(): Promise<void>
}

export type WorkerPoolParameters = {
  threads: number
  /** The BLAKE3 key of the header hash domain. */
  key: Uint8Array
  onReply(reply: WorkerReply): void
  /** A worker failed (crashed or exited unasked). The pool is unusable afterwards. */
  onError(error: unknown): void
}

const MAX_NONCE_SPAN = 1n << 64n

/**
 * The worker script beside this module: `worker.js` in dist; `worker.ts` when this module runs
 * from source (vitest, tsx) — Node 24 strips its erasable types itself.
 */
function workerUrl(): URL {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js'
  return new URL(`./worker.${ext}`, import.meta.url)
}

/** Start `threads` mining workers. */
export function createWorkerPool(p: WorkerPoolParameters): WorkerPool {
  const url = workerUrl()
  const counters: BigInt64Array[] = []
  const workers: Worker[] = []
  let closing = false
  let live = 0
  let failed = false

  const fail = (error: unknown) => {
    if (closing || failed) return
    failed = true
    p.onError(error)
  }

  for (let i = 0; i < p.threads; i++) {
    const counter = new SharedArrayBuffer(8)
    counters.push(new BigInt64Array(counter))
    const w = new Worker(url, { workerData: { key: p.key, counter }, name: `miner-${i}` })
    w.on('message', (m: WorkerReply) => {
      if (!closing) p.onReply(m)
    })
    w.on('error', fail)
    live++
    w.on('exit', (code) => {
      live--
      fail(new Error(`miner worker ${i} exited with code ${code}`))
    })
    workers.push(w)
  }

  return {
    size: () => workers.length,
    live: () => live,
    run(job) {
      if (job.nonceSpan < 1n || job.nonceSpan > MAX_NONCE_SPAN)
        throw new RangeError(`nonceSpan must be in [1, 2^64]: ${job.nonceSpan}`)
      const n = BigInt(workers.length)
      // Slices of floor(span / n); the last one takes the remainder, so no nonce is skipped.
      const slice = job.nonceSpan / n
      for (const [i, w] of workers.entries()) {
        const startNonce = slice * BigInt(i)
        const count = i === workers.length - 1 ? job.nonceSpan - startNonce : slice
        if (count === 0n) {
          w.postMessage({ type: 'idle' })
          continue
        }
        w.postMessage({
          type: 'job',
          jobId: job.jobId,
          header: job.header,
          target: job.target,
          startNonce,
          count,
        })
      }
    },
    idle() {
      for (const w of workers) w.postMessage({ type: 'idle' })
    },
    hashes: () => counters.reduce((s, c) => s + Atomics.load(c, 0), 0n),
    async close() {
      closing = true
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}
