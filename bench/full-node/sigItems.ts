import {
  computeSighash,
  computeTransactionIds,
  createSighashContext,
  DEVNET,
  decodeBlock,
  genesisHashBytes,
  lockForPolicy,
} from '../../packages/protocol/src/index.ts'

/**
 * The signatures of the transfers in `blocks` (one input each, spending the previous block's
 * output of the same lane), with their sighashes: what verifying those transactions costs, bare.
 */
export async function sigItems(blocks: Uint8Array[]) {
  const genesisHash = genesisHashBytes(DEVNET)
  const decoded = blocks.map((b) => decodeBlock(b))
  const outputs = new Map<string, bigint>()
  const items: { publicKey: Uint8Array; message: Uint8Array; signature: Uint8Array }[] = []
  for (const b of decoded) {
    for (const tx of b.transactions) {
      const txid = computeTransactionIds(tx).txid
      for (const [vout, o] of tx.outputs.entries())
        outputs.set(`${Buffer.from(txid).toString('hex')}:${vout}`, o.amount)
    }
  }
  for (const b of decoded.slice(1)) {
    for (const tx of b.transactions.slice(1)) {
      const w = tx.witnesses[0]!
      const prev = tx.inputs[0]!.prevout
      const amount = outputs.get(`${Buffer.from(prev.txid).toString('hex')}:${prev.vout}`)
      if (amount === undefined || w.policy.type !== 'key') continue
      const ctx = createSighashContext({
        tx,
        spent: [{ amount, lock: lockForPolicy(w.policy) }],
        genesisHash,
      })
      items.push({
        publicKey: w.policy.key.publicKey,
        message: computeSighash(ctx, 0),
        signature: (w.satisfaction as { signature: Uint8Array }).signature,
      })
    }
  }
  if (items.length === 0) throw new Error('sigItems: no signatures found')
  return items
}
