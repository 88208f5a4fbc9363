/**
 * A mining thread: grinds a nonce range of one encoded header with keyed BLAKE3 (hash-wasm), the
 * nonce rewritten in place. Imports only hash-wasm and node builtins and uses only erasable
 * TypeScript, so Node 24 runs this file as is (tests, tsx) and tsc compiles it to dist.
 * Protocol: see `WorkerRequest` / `WorkerReply` in ./workerProtocol.ts (kept in sync by hand:
 * this file must not import project modules).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createBLAKE3, type IHasher } from 'hash-wasm'

/** Byte offset of the little-endian u64 nonce in the header (HEADER_LAYOUT.nonce). */
const NONCE_OFFSET = 52
/**
 * Hashes between two looks at the message queue: a few milliseconds of work, so a new job or
 * `idle` takes effect quickly while the per-batch cost stays far below 1 %.
 */
const BATCH = 4096

type Job = {
  jobId: number
  header: Uint8Array
  view: DataView
  target: Uint8Array
  lo: number
  hi: number
  remaining: bigint
}

type Data = { key: Uint8Array; counter: SharedArrayBuffer }

const port = parentPort
if (!port) throw new Error('miner worker: must run in a worker thread')
const data = workerData as Data
const counter = new BigInt64Array(data.counter)
let hasher: IHasher | undefined
let job: Job | undefined
let scheduled = false

port.on(
  'message',
  (
    msg:
      | {
          type: 'job'
          jobId: number
          header: Uint8Array
          target: Uint8Array
          startNonce: bigint
          count: bigint
        }
      | { type: 'idle' },
  ) => {
    if (msg.type === 'idle') {
      job = undefined
      return
    }
    const header = msg.header.slice()
    job = {
      jobId: msg.jobId,
      header,
      view: new DataView(header.buffer, header.byteOffset, header.byteLength),
      target: msg.target.slice(),
      lo: Number(msg.startNonce & 0xffff_ffffn),
      hi: Number(msg.startNonce >> 32n),
      remaining: msg.count,
    }
    job.view.setUint32(NONCE_OFFSET + 4, job.hi, true)
    schedule()
  },
)

function schedule(): void {
  if (scheduled || !job || !hasher) return
  scheduled = true
  setImmediate(tick)
}

/** One batch, then yield to the event loop so messages are seen. */
function tick(): void {
  scheduled = false
  const j = job
  const h = hasher
  if (!j || !h) return
  const n = j.remaining < BigInt(BATCH) ? Number(j.remaining) : BATCH
  const found = grind(j, h, n)
  Atomics.add(counter, 0, BigInt(found < 0 ? n : found + 1))
  if (found >= 0) {
    job = undefined
    port?.postMessage({ type: 'solved', jobId: j.jobId, nonce: nonceOf(j) })
    return
  }
  j.remaining -= BigInt(n)
  if (j.remaining === 0n) {
    job = undefined
    port?.postMessage({ type: 'exhausted', jobId: j.jobId })
    return
  }
  schedule()
}

/**
 * Tries `n` consecutive nonces. Returns the index of the solving attempt (the job's nonce is left
 * on the solution) or -1 (the nonce advanced past the batch).
 */
function grind(j: Job, h: IHasher, n: number): number {
  const { header, view, target } = j
  let lo = j.lo
  for (let i = 0; i < n; i++) {
    view.setUint32(NONCE_OFFSET, lo, true)
    h.init()
    h.update(header)
    const digest = h.digest('binary')
    if (meetsTarget(digest, target)) {
      j.lo = lo
      return i
    }
    lo = (lo + 1) >>> 0
    if (lo === 0) {
      j.hi = (j.hi + 1) >>> 0
      view.setUint32(NONCE_OFFSET + 4, j.hi, true)
    }
  }
  j.lo = lo
  return -1
}

function nonceOf(j: Job): bigint {
  return (BigInt(j.hi) << 32n) | BigInt(j.lo)
}

/** The hash, read big-endian, is at most the target. */
function meetsTarget(digest: Uint8Array, target: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) {
    const a = digest[i] as number
    const b = target[i] as number
    if (a !== b) return a < b
  }
  return true
}

hasher = await createBLAKE3(256, data.key)
schedule()
