import { availableParallelism } from 'node:os'
import { MinerError } from './errors.js'
import type { MinerOptions } from './types.js'

/**
 * Miner options with defaults applied, checked.
 * @throws {MinerError} `INVALID_OPTION` for a bad thread count, refresh period or nonce span.
 */
export function resolveMinerOptions(o: MinerOptions): {
  threads: number
  refreshMs: number
  nonceSpan: bigint
} {
  const nonceSpan = o.noncesPerTemplate ?? 1n << 64n
  if (nonceSpan < 1n || nonceSpan > 1n << 64n)
    throw invalid(`noncesPerTemplate must be in [1, 2^64]: ${nonceSpan}`)
  return {
    threads: checkThreads(o.threads ?? 1),
    refreshMs: checkPositive('templateRefreshMs', o.templateRefreshMs ?? 2_000),
    nonceSpan,
  }
}

function invalid(message: string): MinerError {
  return new MinerError({ code: 'INVALID_OPTION', message })
}

/** @throws {MinerError} `INVALID_OPTION` unless 1 ≤ threads ≤ the available CPUs. */
export function checkThreads(threads: number): number {
  const max = availableParallelism()
  if (!Number.isInteger(threads) || threads < 1 || threads > max)
    throw invalid(`threads must be an integer from 1 to ${max} (the available CPUs): ${threads}`)
  return threads
}

function checkPositive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw invalid(`${name} must be a positive integer: ${value}`)
  return value
}

/** Coinbase extra data for the extra nonce `n`. */
export function u32le(n: number): Uint8Array {
  const b = new Uint8Array(4)
  new DataView(b.buffer).setUint32(0, n >>> 0, true)
  return b
}
