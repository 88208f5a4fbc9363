import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { ed25519 } from '@noble/curves/ed25519.js'
import { schnorr } from '@noble/curves/secp256k1.js'
import { fromHex } from '@supernova/protocol'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createVerifierPool, type VerifierPool } from '../src/crypto/verifierPool.js'

const pool = createVerifierPool({ threads: 2, inlineBelow: 4, cacheSize: 1000 })
afterAll(() => pool.close())

const extra: VerifierPool[] = []
afterEach(async () => {
  for (const p of extra.splice(0)) await p.close()
})
/** A pool closed after the test; no cache, so every batch reaches the workers. */
function freshPool(options: Parameters<typeof createVerifierPool>[0] = {}): VerifierPool {
  const p = createVerifierPool({ threads: 1, inlineBelow: 4, cacheSize: 0, ...options })
  extra.push(p)
  return p
}

function edItems(n: number, salt = 0) {
  return Array.from({ length: n }, (_, i) => {
    const seed = new Uint8Array(32).fill((i + salt) % 251)
    seed[0] = salt
    const message = Uint8Array.of(i, salt)
    return {
      publicKey: ed25519.getPublicKey(seed),
      message,
      signature: ed25519.sign(message, seed),
    }
  })
}

/**
 * ZIP215-valid small-order items: OpenSSL refuses each, so every one costs a noble verification on
 * the worker — a batch long enough that a worker killed right after the post is still busy.
 */
function slowItems(n: number) {
  const smallOrder = fromHex('0000000000000000000000000000000000000000000000000000000000000080')
  const signature = new Uint8Array(64)
  signature.set(smallOrder)
  return Array.from({ length: n }, (_, i) => ({
    publicKey: smallOrder,
    message: Uint8Array.of(i & 0xff, i >> 8),
    signature,
  }))
}

describe('verifier pool (worker threads + verified-signature cache)', () => {
  it('verifies a large batch across workers and rejects it if one signature is bad', async () => {
    const items = edItems(64, 1)
    expect(await pool.schemes.ed25519.batchVerify(items)).toBe(true)
    const bad = edItems(64, 2)
    bad[40] = { ...bad[40]!, message: Uint8Array.of(99) }
    expect(await pool.schemes.ed25519.batchVerify(bad)).toBe(false)
  })

  it('shares one batch between the workers: each checks part of it, together all of it', async () => {
    const p = freshPool({ threads: 2 })
    await p.schemes.ed25519.batchVerify(edItems(16, 8)) // both threads up and loaded
    const answers: { verified: number }[][] = [[], []]
    const workers = p.workerThreads()
    expect(workers).toHaveLength(2)
    workers.forEach((w, i) => {
      w.on('message', (m: { verified: number }) => answers[i]!.push(m))
    })
    expect(await p.schemes.ed25519.batchVerify(slowItems(200))).toBe(true)
    const verified = answers.map((a) => a.reduce((sum, m) => sum + m.verified, 0))
    expect(verified[0]! + verified[1]!).toBe(200)
    expect(verified[0]).toBeGreaterThan(0)
    expect(verified[1]).toBeGreaterThan(0)
  })

  it('fails a shared batch with VerifierError when one of its two workers dies', async () => {
    const p = freshPool({ threads: 2 })
    const pending = p.schemes.ed25519.batchVerify(slowItems(800))
    const rejected = expect(pending).rejects.toMatchObject({
      name: 'VerifierError',
      code: 'VERIFIER_FAILED',
    })
    await p.workerThreads()[1]!.terminate()
    await rejected
    expect(await p.schemes.ed25519.batchVerify(edItems(32, 9))).toBe(true)
    expect(p.workerThreads()).toHaveLength(2)
  })

  it('answers ZIP215 (noble) where OpenSSL is stricter, on the workers too', async () => {
    const smallOrder = fromHex('0000000000000000000000000000000000000000000000000000000000000080')
    const sig = new Uint8Array(64)
    sig.set(smallOrder)
    const items = Array.from({ length: 8 }, (_, i) => ({
      publicKey: smallOrder,
      message: Uint8Array.of(i),
      signature: sig,
    }))
    expect(await pool.schemes.ed25519.batchVerify(items)).toBe(true)
  })

  it('verifies BIP340 batches on the workers', async () => {
    const items = Array.from({ length: 12 }, (_, i) => {
      const sk = new Uint8Array(32).fill(i + 1)
      const message = new Uint8Array(32).fill(i)
      return {
        publicKey: schnorr.getPublicKey(sk),
        message,
        signature: schnorr.sign(message, sk, new Uint8Array(32)),
      }
    })
    expect(await pool.schemes.secp256k1.batchVerify(items)).toBe(true)
    items[3] = { ...items[3]!, signature: items[4]!.signature }
    expect(await pool.schemes.secp256k1.batchVerify(items)).toBe(false)
  })

  it('does not verify a signature twice once it was found valid', async () => {
    const items = edItems(10, 3)
    const before = pool.cacheHits()
    expect(await pool.schemes.ed25519.batchVerify(items)).toBe(true)
    expect(await pool.schemes.ed25519.batchVerify(items)).toBe(true)
    expect(pool.cacheHits() - before).toBe(10)
    expect(await pool.schemes.ed25519.verify(items[0]!)).toBe(true)
    expect(pool.cacheHits() - before).toBe(11)
    // An invalid signature is never cached as valid.
    const forged = { ...items[0]!, message: Uint8Array.of(7, 7) }
    expect(await pool.schemes.ed25519.verify(forged)).toBe(false)
    expect(await pool.schemes.ed25519.verify(forged)).toBe(false)
  })

  it("fails a killed worker's pending batch with VerifierError (not false) and respawns it", async () => {
    const p = freshPool()
    const pending = p.schemes.ed25519.batchVerify(slowItems(400))
    const [worker] = p.workerThreads()
    expect(worker).toBeDefined()
    const rejected = expect(pending).rejects.toMatchObject({
      name: 'VerifierError',
      code: 'VERIFIER_FAILED',
    })
    await worker!.terminate()
    await rejected
    expect(p.workerThreads()).toEqual([])
    // The next batch runs on a new thread, with answers identical to noble.
    expect(await p.schemes.ed25519.batchVerify(edItems(16, 4))).toBe(true)
    expect(p.workerThreads()).toHaveLength(1)
    expect(p.workerThreads()[0]).not.toBe(worker)
    const bad = edItems(16, 5)
    bad[9] = { ...bad[9]!, signature: bad[8]!.signature }
    expect(await p.schemes.ed25519.batchVerify(bad)).toBe(false)
  })

  it('stops respawning past maxRespawnsPerMinute (fails fast) and resumes a minute later', async () => {
    let now = 0
    const p = freshPool({ maxRespawnsPerMinute: 1, now: () => now })
    const items = edItems(8, 6)
    const killAndFail = async () => {
      const pending = p.schemes.ed25519.batchVerify(slowItems(400))
      const rejected = expect(pending).rejects.toMatchObject({ code: 'VERIFIER_FAILED' })
      await p.workerThreads()[0]!.terminate()
      await rejected
    }
    await killAndFail() // the first spawn is not a respawn
    await killAndFail() // uses the one respawn of this minute
    now += 59_999
    await expect(p.schemes.ed25519.batchVerify(items)).rejects.toMatchObject({
      name: 'VerifierError',
      code: 'VERIFIER_FAILED',
      details: { maxRespawnsPerMinute: 1 },
    })
    expect(p.workerThreads()).toEqual([])
    now += 1
    expect(await p.schemes.ed25519.batchVerify(items)).toBe(true)
  })

  it('fails a job unanswered within jobTimeoutMs and replaces its worker', async () => {
    // 1 ms: a fresh thread is still loading its modules when the timer fires.
    const p = freshPool({ jobTimeoutMs: 1 })
    const pending = p.schemes.ed25519.batchVerify(slowItems(400))
    const [worker] = p.workerThreads()
    const exited = new Promise<void>((resolve) => worker!.once('exit', () => resolve()))
    await expect(pending).rejects.toMatchObject({
      name: 'VerifierError',
      code: 'VERIFIER_FAILED',
      details: { jobTimeoutMs: 1 },
    })
    expect(p.workerThreads()).toEqual([])
    await exited // the pool terminated the stuck thread
    // The next batch gets a new thread (which, at 1 ms, times out too).
    const next = p.schemes.ed25519.batchVerify(slowItems(400))
    expect(p.workerThreads()).toHaveLength(1)
    expect(p.workerThreads()[0]).not.toBe(worker)
    await expect(next).rejects.toMatchObject({ code: 'VERIFIER_FAILED' })
  })

  it('close() rejects pending jobs with VERIFIER_CLOSED; later batches run on the calling thread', async () => {
    const p = freshPool({ threads: 2 })
    const pending = p.schemes.ed25519.batchVerify(slowItems(800))
    const rejected = expect(pending).rejects.toMatchObject({
      name: 'VerifierError',
      code: 'VERIFIER_CLOSED',
    })
    await p.close()
    await rejected
    expect(p.workerThreads()).toEqual([])
    expect(await p.schemes.ed25519.batchVerify(edItems(16, 7))).toBe(true)
    expect(p.workerThreads()).toEqual([])
  })

  it('keeps the process alive while a job is pending and lets it exit once idle', async () => {
    // A child whose only pending work is the worker's reply: it must print the answer, then exit
    // without close() because the idle worker no longer holds it open.
    const script = `import(process.argv[1]).then(({ createVerifierPool }) => {
      const ed = createVerifierPool({ threads: 1, inlineBelow: 1, cacheSize: 0 }).schemes.ed25519
      const items = [1, 2, 3, 4].map((i) => {
        const sk = new Uint8Array(32).fill(i)
        const message = Uint8Array.of(i)
        return { publicKey: ed.getPublicKey(sk), message, signature: ed.sign(message, sk) }
      })
      ed.batchVerify(items).then((ok) => process.stdout.write('answer:' + ok), (e) => process.stdout.write(String(e)))
    })`
    const tsx = createRequire(import.meta.url).resolve('tsx/cli')
    const source = fileURLToPath(new URL('../src/crypto/verifierPool.ts', import.meta.url))
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [tsx, '-e', script, source], { timeout: 30_000 }, (e, out) =>
        e ? reject(e) : resolve(out),
      ),
    )
    expect(stdout).toBe('answer:true')
  })
})
