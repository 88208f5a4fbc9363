import type { AddressUpdate, Verification } from '@supernova/light-client'
import { equalBytes, toHex } from '@supernova/protocol'

/** The wallet's verified balance: the sum over its watched addresses. */
export type WalletBalance = {
  total: bigint
  spendable: bigint
  utxoCount: number
  /** The oldest header any address's balance was proven against (the weakest link). */
  verification: Verification
  /** Addresses summed (each proven on its own). */
  addresses: number
  /** False when a node had more UTXOs for an address than it sent (see the light client's limits). */
  complete: boolean
}

/** One transaction of the wallet's history, its effect summed over the wallet's addresses. */
export type WalletHistoryRow = {
  txid: string
  height: number
  /** Position in its block (0 is a coinbase). */
  index: number
  blockHash: string
  received: bigint
  sent: bigint
  /** received − sent: what the transaction did to the wallet's balance. */
  net: bigint
  /** Blocks from its block to the verified tip, both included. */
  confirmations: number
  verification: Verification
}

/**
 * Sums the verified balances of the watched addresses — only when every one of them was proven
 * against the same header, so that coins moving between two of the wallet's addresses (a payment
 * and its change) are never counted twice or not at all. Undefined otherwise: keep showing the
 * last consistent sum.
 */
export function sumBalances(
  updates: ReadonlyMap<string, AddressUpdate>,
  watched: readonly string[],
): WalletBalance | undefined {
  if (watched.length === 0 || watched.some((a) => !updates.has(a))) return undefined
  const first = updates.get(watched[0]!)!.balance.verification.header.hash
  let total = 0n
  let spendable = 0n
  let utxoCount = 0
  let complete = true
  for (const address of watched) {
    const b = updates.get(address)!.balance
    if (!equalBytes(b.verification.header.hash, first)) return undefined
    total += b.total
    spendable += b.spendable
    utxoCount += b.utxoCount
    complete &&= b.complete
  }
  const verification = updates.get(watched[0]!)!.balance.verification
  return { total, spendable, utxoCount, complete, verification, addresses: watched.length }
}

/** The height every watched address's history is scanned up to (the lowest scanned tip). */
export function scannedHeight(
  updates: ReadonlyMap<string, AddressUpdate>,
  watched: readonly string[],
): number | undefined {
  let low: number | undefined
  for (const a of watched) {
    const u = updates.get(a)
    if (u === undefined) return undefined
    if (low === undefined || u.tip.height < low) low = u.tip.height
  }
  return low
}

/**
 * The wallet's history: each address's verified entries merged by txid (a payment touches the
 * spent coin's address and the change address), newest first, with confirmations against
 * `tipHeight`. Only blocks up to `upTo` (every address scanned through them) are listed, so a
 * payment's net effect is never shown with its change missing.
 */
export function mergeHistory(
  updates: ReadonlyMap<string, AddressUpdate>,
  tipHeight: number,
  upTo: number = Number.POSITIVE_INFINITY,
): WalletHistoryRow[] {
  const rows = new Map<string, WalletHistoryRow>()
  for (const update of updates.values())
    for (const e of update.history) {
      if (e.height > upTo) continue
      const txid = toHex(e.txid)
      const row = rows.get(txid)
      if (row) {
        row.received += e.received
        row.sent += e.sent
        row.net = row.received - row.sent
        continue
      }
      rows.set(txid, {
        txid,
        height: e.height,
        index: e.index,
        blockHash: toHex(e.blockHash),
        received: e.received,
        sent: e.sent,
        net: e.received - e.sent,
        confirmations: Math.max(0, tipHeight - e.height + 1),
        verification: e.verification,
      })
    }
  return [...rows.values()].sort((a, b) => b.height - a.height || b.index - a.index)
}

/** The highest verified tip among the updates (each carries the tip it was checked at). */
export function latestTip(updates: ReadonlyMap<string, AddressUpdate>): number | undefined {
  let tip: number | undefined
  for (const u of updates.values()) if (tip === undefined || u.tip.height > tip) tip = u.tip.height
  return tip
}

/** Addresses among `candidates` whose verified history is not empty (to mark them used). */
export function usedAddresses(
  updates: ReadonlyMap<string, AddressUpdate>,
  candidates: readonly string[],
): string[] {
  return candidates.filter((a) => (updates.get(a)?.history.length ?? 0) > 0)
}

/** Addresses watched at most (the worker serves 64 subscriptions per tab, heads included). */
export const MAX_WATCHED_ADDRESSES = 40

/** An address of the wallet's tree (what `Wallet.addresses()` lists). */
export type TreeAddress = { address: string; chain: 'receive' | 'change'; index: number }

/**
 * The addresses whose coins and history make up the wallet: on each chain every index up to and
 * including the next unused one (it may have been handed out already), receive first, at most
 * `max` — the newest are kept when there are more.
 */
export function watchedAddresses(
  all: readonly TreeAddress[],
  next: { receive: number; change: number },
  max = MAX_WATCHED_ADDRESSES,
): string[] {
  const pick = (chain: TreeAddress['chain']) =>
    all.filter((a) => a.chain === chain && a.index <= next[chain]).sort((a, b) => b.index - a.index)
  const receive = pick('receive')
  const change = pick('change')
  const out: TreeAddress[] = []
  // Newest first, alternating, so that neither chain starves the other under the cap.
  for (let i = 0; out.length < max && (i < receive.length || i < change.length); i++) {
    if (receive[i]) out.push(receive[i]!)
    if (out.length < max && change[i]) out.push(change[i]!)
  }
  return out
    .sort((a, b) => (a.chain === b.chain ? a.index - b.index : a.chain === 'receive' ? -1 : 1))
    .map((a) => a.address)
}

/**
 * What the history's completeness rests on: the lowest tip any watched address was scanned to
 * (each scan checks every block's committed filter up to its tip). Undefined until all reported.
 */
export function historyVerification(
  updates: ReadonlyMap<string, AddressUpdate>,
  watched: readonly string[],
  tipHeight: number,
): Verification | undefined {
  if (watched.length === 0 || watched.some((a) => !updates.has(a))) return undefined
  let low: AddressUpdate['tip'] | undefined
  for (const a of watched) {
    const tip = updates.get(a)!.tip
    if (low === undefined || tip.height < low.height) low = tip
  }
  return {
    status: 'verified',
    header: { hash: low!.hash, height: low!.height },
    depth: Math.max(0, tipHeight - low!.height),
  }
}
