import { computeTxid, type Transaction, toHex } from '@supernova/protocol'

/** `txs` without `txs[index]` and every later transaction spending its outputs (transitively). */
export function withoutDescendants(txs: readonly Transaction[], index: number): Transaction[] {
  const dropped = new Set<string>([toHex(computeTxid(txs[index]!))])
  const out: Transaction[] = []
  txs.forEach((tx, i) => {
    if (i === index) return
    if (tx.inputs.some((input) => dropped.has(toHex(input.prevout.txid))))
      dropped.add(toHex(computeTxid(tx)))
    else out.push(tx)
  })
  return out
}
