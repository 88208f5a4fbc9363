import {
  type Block,
  equalBytes,
  isLockForPolicy,
  type Lock,
  type OutPoint,
  outpointKey,
} from '@supernova/protocol'
import type { VerifyContext } from './askPeers.js'
import { LightClientError } from './errors.js'
import type { FilterCache } from './filterCache.js'
import { fetchVerifiedBlock } from './getBlock.js'
import { type ChainHeader, type Verification, type Verified, verificationFor } from './types.js'
import { filterMatches, verifiedFilter } from './verifiedFilter.js'

/** Headers read (and filters asked) per window of a scan. */
const SCAN_WINDOW = 500

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
  /** Filters asked at once. Default 4. */
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
 * so no peer can hide one. Bounded: windows of 500 headers, `concurrency` filters at a time,
 * verified filters cached per block hash.
 * @throws {RangeError} heights out of range, concurrency outside 1..16.
 * @throws {LightClientError} REORGED when the chain changed under the scan; any request's code.
 */
export async function scanAddressHistory(
  ctx: VerifyContext,
  cache: FilterCache,
  p: ScanAddressHistoryParameters,
): Promise<ScanAddressHistoryReturnType> {
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
  const entries: AddressHistoryEntry[] = []
  const coins = p.coins ?? new Map<string, bigint>()
  let blocksFetched = 0
  let last: ChainHeader | undefined
  for (let from = fromHeight; from <= toHeight; from += SCAN_WINDOW) {
    const count = Math.min(SCAN_WINDOW, toHeight - from + 1)
    const headers = await ctx.chain.headersInRange(from, count)
    if (headers.length !== count) throw reorged(from)
    const matched = await mapBounded(headers, concurrency, async (h) =>
      filterMatches(await verifiedFilter(ctx, cache, h, p.signal), h, [p.lock]),
    )
    for (const [i, h] of headers.entries()) {
      if (!matched[i]) continue
      const { block, txids } = await fetchVerifiedBlock(ctx, h, p.signal)
      blocksFetched++
      for (const e of entriesOf({ block, txids, at: h, lock: p.lock, coins }))
        entries.push({ ...e, verification: verificationFor(ctx.chain, h) })
    }
    last = headers.at(-1)
    p.onProgress?.({ height: last?.height ?? from, toHeight })
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
      o.lock.type === lock.type && equalBytes(o.lock.policyHash, lock.policyHash)
        ? [{ vout, amount: o.amount }]
        : [],
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

/** `fn` over `items` with at most `limit` calls in flight; results in order; the first error wins. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

function reorged(height: number): LightClientError {
  return new LightClientError({
    code: 'REORGED',
    message: `the verified chain changed at ${height} during the scan; scan again`,
    details: { height },
  })
}
