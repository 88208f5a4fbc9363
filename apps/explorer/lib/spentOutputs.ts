import { type Transaction, type TxOutput, toHex } from '@supernova/protocol'

/** `txid:vout` in lowercase hex: how the explorer keys an outpoint. */
export const outpointId = (txid: Uint8Array | string, vout: number): string =>
  `${typeof txid === 'string' ? txid.toLowerCase() : toHex(txid)}:${vout}`

/**
 * The transactions (txid hex, unique, in first-use order) whose outputs `txs` spend and `known`
 * does not already hold: what must be fetched (Merkle-proven) to know what the inputs spent.
 */
export function txidsToFetch(
  txs: readonly Pick<Transaction, 'kind' | 'inputs'>[],
  known: ReadonlyMap<string, TxOutput> = new Map(),
): string[] {
  const wanted = new Set<string>()
  for (const tx of txs) {
    if (tx.kind === 'coinbase') continue
    for (const { prevout } of tx.inputs)
      if (!known.has(outpointId(prevout.txid, prevout.vout))) wanted.add(toHex(prevout.txid))
  }
  return [...wanted]
}

/**
 * The output each input of `tx` spends, from `known` outputs (the same block) or from `proven`
 * transactions by txid hex; undefined where neither has it (yet). A proven transaction without
 * the referenced output index yields undefined too (a valid chain never has such an input).
 */
export function spentOutputs(
  tx: Pick<Transaction, 'inputs'>,
  known: ReadonlyMap<string, TxOutput>,
  proven: ReadonlyMap<string, Pick<Transaction, 'outputs'>>,
): (TxOutput | undefined)[] {
  return tx.inputs.map(({ prevout }) => {
    const local = known.get(outpointId(prevout.txid, prevout.vout))
    if (local !== undefined) return local
    return proven.get(toHex(prevout.txid))?.outputs[prevout.vout]
  })
}
