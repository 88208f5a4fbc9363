import {
  type Block,
  equalBytes,
  equalLocks,
  type Lock,
  type OutPoint,
  toHex,
  type UtxoEntry,
} from '@supernova/protocol'

export type BlockEffects = {
  /** Outputs the block added to the UTXO set (not spent within the block). */
  created: { outpoint: OutPoint; entry: UtxoEntry }[]
  /** Outputs of the previous set the block spent (= its undo data). */
  spentFromSet: { outpoint: OutPoint; entry: UtxoEntry }[]
  /** Every input of the block: what spent which outpoint. */
  spenders: { outpoint: OutPoint; txid: Uint8Array; input: number }[]
  /** Per transaction and lock: what the lock received and sent (address history). */
  history: { lock: Lock; tx: number; txid: Uint8Array; received: bigint; sent: bigint }[]
}

/**
 * What a block does to the node's tables, derived from the block, its txids and the entries of
 * the outputs it spent from the previous set (from validation on connect, from undo data on
 * disconnect) — one function for both directions, so they stay exact inverses.
 *
 * `spentFromSet` is in input order (as validation produces it and undo data keeps it): each input
 * spends the next of its entries unless it spends an output of an earlier transaction of the block.
 * @throws {RangeError} when the entries do not match the block's inputs
 */
export function blockEffects(
  block: Block,
  txids: readonly Uint8Array[],
  height: number,
  spentFromSet: readonly { outpoint: OutPoint; entry: UtxoEntry }[],
): BlockEffects {
  const txs = block.transactions
  // Outputs of the block spent by a later transaction of it: vouts by transaction index.
  const spentWithin = new Map<number, Set<number>>()
  // Transaction index by txid, built only if an input spends within the block.
  let byTxid: Map<string, number> | undefined
  const spenders: BlockEffects['spenders'] = []
  const history: BlockEffects['history'] = []
  let next = 0
  for (let t = 0; t < txs.length; t++) {
    const tx = txs[t]!
    const txid = txids[t]!
    // Per lock, in first-touched order; a transaction touches a few locks, so a scan is enough.
    const perLock: { lock: Lock; received: bigint; sent: bigint }[] = []
    const touch = (lock: Lock) => {
      for (const e of perLock) if (equalLocks(e.lock, lock)) return e
      const e = { lock, received: 0n, sent: 0n }
      perLock.push(e)
      return e
    }
    for (let i = 0; i < tx.inputs.length; i++) {
      const prevout = tx.inputs[i]!.prevout
      const prior = spentFromSet[next]
      let entry: UtxoEntry
      if (prior !== undefined && sameOutPoint(prior.outpoint, prevout)) {
        entry = prior.entry
        next++
      } else {
        byTxid ??= new Map(txids.map((id, k) => [toHex(id), k]))
        const s = byTxid.get(toHex(prevout.txid))
        const output = s !== undefined && s < t ? txs[s]!.outputs[prevout.vout] : undefined
        if (s === undefined || output === undefined)
          throw new RangeError(`blockEffects: no entry for input ${i} of tx ${t}`)
        entry = {
          amount: output.amount,
          lock: output.lock,
          height,
          coinbase: txs[s]!.kind === 'coinbase',
        }
        const vouts = spentWithin.get(s) ?? new Set<number>()
        spentWithin.set(s, vouts)
        vouts.add(prevout.vout)
      }
      spenders.push({ outpoint: prevout, txid, input: i })
      touch(entry.lock).sent += entry.amount
    }
    for (const o of tx.outputs) touch(o.lock).received += o.amount
    for (const e of perLock) history.push({ ...e, tx: t, txid })
  }
  if (next !== spentFromSet.length)
    throw new RangeError(
      `blockEffects: ${spentFromSet.length - next} spent entries match no input of the block`,
    )
  const created: BlockEffects['created'] = []
  for (let t = 0; t < txs.length; t++) {
    const tx = txs[t]!
    const coinbase = tx.kind === 'coinbase'
    const spent = spentWithin.get(t)
    tx.outputs.forEach((o, vout) => {
      if (spent?.has(vout)) return
      created.push({
        outpoint: { txid: txids[t]!, vout },
        entry: { amount: o.amount, lock: o.lock, height, coinbase },
      })
    })
  }
  return { created, spentFromSet: [...spentFromSet], spenders, history }
}

function sameOutPoint(a: OutPoint, b: OutPoint): boolean {
  return a.vout === b.vout && equalBytes(a.txid, b.txid)
}
