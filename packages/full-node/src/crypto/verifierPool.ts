import { createHash } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import {
  createNobleSignatureSchemes,
  type SchemeId,
  type SignatureScheme,
  type SignatureSchemes,
} from '@supernova/protocol'
import { createNodeEd25519 } from './nodeEd25519.js'
import { packItems } from './packing.js'

type Item = { publicKey: Uint8Array; message: Uint8Array; signature: Uint8Array }

export type VerifierPoolOptions = {
  /** Worker threads (default: CPU count, at most 4). */
  threads?: number
  /** Signatures remembered as valid (default 100,000; 0 = none): a transaction checked at mempool entry is not checked again in its block. */
  cacheSize?: number
  /** Batches smaller than this are verified on the calling thread (default 16). */
  inlineBelow?: number
}

export type VerifierPool = {
  /** The schemes to hand to validation: same answers as the protocol's, faster. */
  schemes: SignatureSchemes
  /** Signatures served from the cache since start. */
  cacheHits(): number
  close(): Promise<void>
}

function workerUrl(): URL {
  // From dist the compiled .js sits beside this file; under the test runner (src) Node 24 runs the .ts.
  return new URL(
    import.meta.url.endsWith('.ts') ? './verifyWorker.ts' : './verifyWorker.js',
    import.meta.url,
  )
}

/**
 * Parallel signature verification for block validation: batches are split across worker threads
 * (node:crypto ed25519 with the noble ZIP215 re-check, noble for BIP340 and ML-DSA-65), and every
 * signature found valid is remembered in a bounded cache so it is never verified twice.
 */
export function createVerifierPool(options: VerifierPoolOptions = {}): VerifierPool {
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(availableParallelism(), 4), 16))
  const cacheSize = options.cacheSize ?? 100_000
  const inlineBelow = options.inlineBelow ?? 16
  const local: SignatureSchemes = { ...createNobleSignatureSchemes(), ed25519: createNodeEd25519() }
  const cache = new Set<string>()
  let hits = 0
  let workers: { worker: Worker; pending: Map<number, (ok: boolean) => void> }[] | undefined
  let nextId = 0
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

  const spawn = () => {
    workers = Array.from({ length: threads }, () => {
      const pending = new Map<number, (ok: boolean) => void>()
      const worker = new Worker(workerUrl())
      worker.unref()
      worker.on('message', (m: { id: number; ok: boolean }) => {
        pending.get(m.id)?.(m.ok)
        pending.delete(m.id)
      })
      worker.on('error', () => {
        for (const resolve of pending.values()) resolve(false)
        pending.clear()
      })
      return { worker, pending }
    })
    return workers
  }

  const onWorkers = async (scheme: SchemeId, items: readonly Item[]): Promise<boolean> => {
    const pool = workers ?? spawn()
    const parts = Math.min(pool.length, Math.ceil(items.length / inlineBelow))
    const size = Math.ceil(items.length / parts)
    const results = await Promise.all(
      Array.from({ length: parts }, (_, p) => {
        const w = pool[p]!
        const id = nextId++
        return new Promise<boolean>((resolve) => {
          w.pending.set(id, resolve)
          const packed = packItems(items.slice(p * size, (p + 1) * size))
          w.worker.postMessage({ id, scheme, packed }, [packed])
        })
      }),
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
        const todo: Item[] = cacheSize === 0 ? [...items] : []
        keys.forEach((k, i) => {
          if (cache.has(k)) hits++
          else todo.push(items[i]!)
        })
        if (todo.length === 0) return true
        const ok =
          closed || todo.length < inlineBelow
            ? await base.batchVerify(todo)
            : await onWorkers(scheme, todo)
        if (ok) for (const k of keys) remember(k)
        return ok
      },
    }
  }

  return {
    schemes: { ed25519: wrap('ed25519'), secp256k1: wrap('secp256k1'), mldsa65: wrap('mldsa65') },
    cacheHits: () => hits,
    async close() {
      closed = true
      const ws = workers ?? []
      workers = undefined
      await Promise.all(ws.map((w) => w.worker.terminate()))
    },
  }
}
