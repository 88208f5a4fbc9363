import { type OutPoint, toHex } from '@supernova/protocol'

/** What merging reads from an address-history entry (`AddressHistoryEntry` of the light client). */
export type HistoryEntryLike = {
  txid: Uint8Array
  height: number
  index: number
  outputs: readonly { vout: number; amount: bigint }[]
  spends: readonly { outpoint: OutPoint; amount?: bigint }[]
  received: bigint
  sent: bigint
}

const key = (txid: Uint8Array, vout: number) => `${toHex(txid)}:${vout}`

/**
 * One history from a scan up to a fixed height and a scan of the blocks after it: entries by txid
 * (the later scan wins), newest first (height, then position in the block, descending). A spend in
 * the later scan of a coin the earlier scan found gets that coin's amount, and `sent` is summed
 * again over the spends whose amounts are known.
 */
export function mergeHistory<E extends HistoryEntryLike>(
  base: readonly E[],
  tail: readonly E[],
): E[] {
  const byTxid = new Map<string, E>()
  for (const e of [...base, ...tail]) byTxid.set(toHex(e.txid), e)
  const coins = new Map<string, bigint>()
  for (const e of byTxid.values())
    for (const o of e.outputs) coins.set(key(e.txid, o.vout), o.amount)
  const merged = [...byTxid.values()].map((e) => {
    if (e.spends.every((s) => s.amount !== undefined)) return e
    const spends = e.spends.map((s) => {
      const amount = s.amount ?? coins.get(key(s.outpoint.txid, s.outpoint.vout))
      return amount === undefined ? s : { ...s, amount }
    })
    return { ...e, spends, sent: spends.reduce((sum, s) => sum + (s.amount ?? 0n), 0n) }
  })
  return merged.sort((a, b) => b.height - a.height || b.index - a.index)
}

/** Totals of a history: Σ received, Σ sent (known amounts), transactions and spends of unknown amount. */
export function historyTotals(entries: readonly HistoryEntryLike[]): {
  received: bigint
  sent: bigint
  transactions: number
  unknownSpends: number
} {
  let received = 0n
  let sent = 0n
  let unknownSpends = 0
  for (const e of entries) {
    received += e.received
    sent += e.sent
    unknownSpends += e.spends.filter((s) => s.amount === undefined).length
  }
  return { received, sent, transactions: entries.length, unknownSpends }
}

/** Scan progress as a whole percentage of the blocks from `fromHeight` to `toHeight`. */
export function scanPercent(p: { height: number; toHeight: number }, fromHeight: number): number {
  const total = p.toHeight - fromHeight + 1
  if (total <= 0) return 100
  const done = Math.min(total, Math.max(0, p.height - fromHeight + 1))
  return Math.floor((done / total) * 100)
}
