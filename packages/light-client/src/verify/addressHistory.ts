import {
  type Block,
  equalBytes,
  equalLocks,
  isLockForPolicy,
  type Lock,
  MAX_FILTERS_PER_REQUEST,
  type OutPoint,
  outpointKey,
} from '@supernova/protocol'
import type { VerifyContext } from './askPeers.js'
import { LightClientError } from './errors.js'
import type { FilterCache } from './filterCache.js'
import { type VerifiedFiltersParameters, verifiedFilters } from './filterRanges.js'
import { fetchVerifiedBlock } from './getBlock.js'
import { createRequestPacer } from './requestPacer.js'
import { type ChainHeader, type Verification, type Verified, verificationFor } from './types.js'
import { filterMatches } from './verifiedFilter.js'

/** Heights per window of a scan: one `filters` request's worth. */
const SCAN_WINDOW = MAX_FILTERS_PER_REQUEST
/** Most windows whose filters are fetched ahead of the one being matched. */
const MAX_WINDOWS_AHEAD = 4

/** One transaction of a lock's history: what it paid to the lock and which of its coins it spent. */
export type AddressHistoryEntry = Verified<{
  txid: Uint8Array
  blockHash: Uint8Array
  height: number
  /** Position in its block (0 is the coinbase). */
  index: number
  /** Outputs paying the lock. */
  outputs: { vout: number; amount: bigint }[]
  /** Inputs spending the lock's coins (their witness policy hashes to the lock). */
  spends: { outpoint: OutPoint; amount?: bigint }[]
  /** Σ outputs − Σ known spent amounts (a spent amount is known when its output was in the scan). */
  received: bigint
  sent: bigint
}>

export type ScanAddressHistoryParameters = {
  lock: Lock
  /** First height scanned (the address's birth height). Default 0. */
  fromHeight?: number
  /** Last height scanned. Default the verified tip when the scan starts. */
  toHeight?: number
  /**
   * Requests in flight (1..16): windows of 1,000 filters fetched ahead (at most 4), or filters
   * asked one by one from nodes without `filters`. Default 4.
   */
  concurrency?: number
  signal?: AbortSignal
  onProgress?: (p: { height: number; toHeight: number }) => void
  /**
   * Amounts of the lock's outputs found by an earlier scan (outpointKey → amount), so spends in
   * this one know what they spent; this scan's outputs are added to it.
   */
  coins?: Map<string, bigint>
}

export type ScanAddressHistoryReturnType = {
  entries: AddressHistoryEntry[]
  fromHeight: number
  toHeight: number
  /** The header the scan is complete up to (its `toHeight` header). */
  verification: Verification
  blocksScanned: number
  blocksFetched: number
}

/**
 * An address's complete history between two heights: for every verified header, the block's
 * filter is fetched and checked against the header's filterHash, the lock is matched locally,
 * and every matching block is fetched and checked (header hash, txRoot and filter recomputed)
 * before its transactions paying or spending the lock are taken. A filter has no false
 * negatives, so no transaction of the lock in the range can be missed; every filter is checked,
 * so no peer can hide one. Filters come 1,000 a request (`filters`; windows fetched ahead while
 * the current one is matched), or one by one from nodes without it; block fetches and one-by-one
 * filters are paced under the nodes' request rate (`ctx.pacer`, slowed by any RATE_LIMITED).
 * Verified filters are cached per block hash.
 * @throws {RangeError} heights out of range, concurrency outside 1..16.
 * @throws {LightClientError} REORGED when the chain changed under the scan; any request's code.
 */
export async function scanAddressHistory(
  ctx: VerifyContext,
  cache: FilterCache,
  p: ScanAddressHistoryParameters,
): Promise<ScanAddressHistoryReturnType> {
  const { fromHeight, toHeight, concurrency } = resolveRange(ctx, p)
  const pacer = ctx.pacer ?? createRequestPacer()
  const scanCtx: VerifyContext = ctx.pacer === undefined ? { ...ctx, pacer } : ctx
  // Ends the windows fetched ahead when the scan stops early.
  const stop = new AbortController()
  const signal = p.signal ? AbortSignal.any([p.signal, stop.signal]) : stop.signal
  const unsupported = new Set<string>()
  const load = (from: number): Promise<ScanWindow> => {
    const loading = loadWindow(scanCtx, cache, {
      from,
      count: Math.min(SCAN_WINDOW, toHeight - from + 1),
      pacer,
      unsupported,
      concurrency,
      signal,
    })
    loading.catch(() => undefined) // awaited in turn; a window never reached must not go unhandled
    return loading
  }
  const entries: AddressHistoryEntry[] = []
  const coins = p.coins ?? new Map<string, bigint>()
  let blocksFetched = 0
  let last: ChainHeader | undefined
  const ahead: Promise<ScanWindow>[] = []
  let nextFrom = fromHeight
  try {
    while (ahead.length > 0 || nextFrom <= toHeight) {
      while (ahead.length < Math.min(concurrency, MAX_WINDOWS_AHEAD) && nextFrom <= toHeight) {
        ahead.push(load(nextFrom))
        nextFrom += SCAN_WINDOW
      }
      const { headers, filters } = await ahead.shift()!
      for (const [i, h] of headers.entries()) {
        if (!filterMatches(filters[i]!, h, [p.lock])) continue
        await pacer.take(signal)
        const { block, txids } = await fetchVerifiedBlock(scanCtx, h, signal)
        blocksFetched++
        for (const e of entriesOf({ block, txids, at: h, lock: p.lock, coins }))
          entries.push({ ...e, verification: verificationFor(ctx.chain, h) })
      }
      last = headers.at(-1)
      if (last !== undefined) p.onProgress?.({ height: last.height, toHeight })
    }
  } finally {
    stop.abort()
  }
  const end = await ctx.chain.headerAt(toHeight)
  if (last === undefined || end === undefined || !equalBytes(end.hash, last.hash))
    throw reorged(toHeight)
  // Depths as of the end of the scan, not of the moment each block was read.
  for (const e of entries)
    e.verification = verificationFor(ctx.chain, { hash: e.blockHash, height: e.height })
  return {
    entries,
    fromHeight,
    toHeight,
    verification: verificationFor(ctx.chain, end),
    blocksScanned: toHeight - fromHeight + 1,
    blocksFetched,
  }
}

function resolveRange(ctx: VerifyContext, p: ScanAddressHistoryParameters) {
  const tip = ctx.chain.tip()
  const fromHeight = p.fromHeight ?? 0
  const toHeight = p.toHeight ?? tip.height
  const concurrency = p.concurrency ?? 4
  if (!Number.isInteger(fromHeight) || fromHeight < 0 || fromHeight > tip.height)
    throw new RangeError(`fromHeight ${fromHeight} outside 0..${tip.height}`)
  if (!Number.isInteger(toHeight) || toHeight < fromHeight || toHeight > tip.height)
    throw new RangeError(`toHeight ${toHeight} outside ${fromHeight}..${tip.height}`)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
    throw new RangeError(`concurrency ${concurrency} outside 1..16`)
  return { fromHeight, toHeight, concurrency }
}

/** One window of a scan: its verified headers and their verified filters, in order. */
type ScanWindow = { headers: ChainHeader[]; filters: Uint8Array[] }

/** The headers of a window (local) and their filters (cache, then the network). */
async function loadWindow(
  ctx: VerifyContext,
  cache: FilterCache,
  w: Omit<VerifiedFiltersParameters, 'headers'> & { from: number; count: number },
): Promise<ScanWindow> {
  const headers = await ctx.chain.headersInRange(w.from, w.count)
  if (headers.length !== w.count) throw reorged(w.from)
  const { from: _, count: __, ...rest } = w
  return { headers, filters: await verifiedFilters(ctx, cache, { ...rest, headers }) }
}

export type EntriesOfParameters = {
  /** A verified block and its txids. */
  block: Block
  txids: readonly Uint8Array[]
  at: Pick<ChainHeader, 'hash' | 'height'>
  lock: Lock
  /** Amounts of the lock's outputs seen so far (outpointKey → amount); this block's are added. */
  coins: Map<string, bigint>
}

/** The transactions of a verified block that pay or spend `lock`. */
export function entriesOf({
  block,
  txids,
  at,
  lock,
  coins,
}: EntriesOfParameters): Omit<AddressHistoryEntry, 'verification'>[] {
  const out: Omit<AddressHistoryEntry, 'verification'>[] = []
  for (const [index, tx] of block.transactions.entries()) {
    const spends = tx.inputs.flatMap((input, i) => {
      const witness = tx.witnesses[i]
      if (witness === undefined || !isLockForPolicy(lock, witness.policy)) return []
      const amount = coins.get(outpointKey(input.prevout))
      return [{ outpoint: input.prevout, ...(amount === undefined ? {} : { amount }) }]
    })
    const outputs = tx.outputs.flatMap((o, vout) =>
      equalLocks(o.lock, lock) ? [{ vout, amount: o.amount }] : [],
    )
    if (spends.length === 0 && outputs.length === 0) continue
    const txid = txids[index]!
    for (const o of outputs) coins.set(outpointKey({ txid, vout: o.vout }), o.amount)
    out.push({
      txid,
      blockHash: at.hash,
      height: at.height,
      index,
      outputs,
      spends,
      received: outputs.reduce((s, o) => s + o.amount, 0n),
      sent: spends.reduce((s, x) => s + (x.amount ?? 0n), 0n),
    })
  }
  return out
}

function reorged(height: number): LightClientError {
  return new LightClientError({
    code: 'REORGED',
    message: `the verified chain changed at ${height} during the scan; scan again`,
    details: { height },
  })
}
