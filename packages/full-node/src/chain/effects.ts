import {
  type Block,
  encodeLock,
  type Lock,
  type OutPoint,
  outpointKey,
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
 */
export function blockEffects(
  block: Block,
  txids: readonly Uint8Array[],
  height: number,
  spentFromSet: readonly { outpoint: OutPoint; entry: UtxoEntry }[],
): BlockEffects {
  const own = new Map<string, { outpoint: OutPoint; entry: UtxoEntry }>()
  block.transactions.forEach((tx, t) => {
    const coinbase = tx.kind === 'coinbase'
    tx.outputs.forEach((o, vout) => {
      const outpoint = { txid: txids[t]!, vout }
      own.set(outpointKey(outpoint), {
        outpoint,
        entry: { amount: o.amount, lock: o.lock, height, coinbase },
      })
    })
  })
  const prior = new Map(spentFromSet.map((s) => [outpointKey(s.outpoint), s.entry]))
  const spentWithin = new Set<string>()
  const spenders: BlockEffects['spenders'] = []
  const history: BlockEffects['history'] = []
  block.transactions.forEach((tx, t) => {
    const perLock = new Map<string, { lock: Lock; received: bigint; sent: bigint }>()
    const touch = (lock: Lock) => {
      const k = toHex(encodeLock(lock))
      let e = perLock.get(k)
      if (!e) {
        e = { lock, received: 0n, sent: 0n }
        perLock.set(k, e)
      }
      return e
    }
    tx.inputs.forEach((input, i) => {
      const k = outpointKey(input.prevout)
      const entry = prior.get(k) ?? own.get(k)?.entry
      if (!entry) throw new RangeError(`blockEffects: no entry for an input of tx ${t}`)
      if (own.has(k)) spentWithin.add(k)
      spenders.push({ outpoint: input.prevout, txid: txids[t]!, input: i })
      touch(entry.lock).sent += entry.amount
    })
    for (const o of tx.outputs) touch(o.lock).received += o.amount
    for (const e of perLock.values()) history.push({ ...e, tx: t, txid: txids[t]! })
  })
  const created = [...own].filter(([k]) => !spentWithin.has(k)).map(([, v]) => v)
  return { created, spentFromSet: [...spentFromSet], spenders, history }
}
