import { ed25519 } from '@noble/curves/ed25519.js'
import {
  type DevnetAccount,
  genesisHashBytes,
  type Lock,
  type MemoryChain,
  SEQUENCE_FINAL,
  signTransaction,
  type Transaction,
  TX_VERSION,
} from '@supernova/protocol'

/** A signed payment from `from`'s largest mature coin in a MemoryChain, change back to `from`. */
export function payFromMemory(
  chain: MemoryChain,
  from: DevnetAccount,
  to: Lock,
  amount: bigint,
  fee = 10_000n,
): Transaction {
  const next = chain.height + 1
  const coins = [...chain.utxos.all()].filter(
    (c) =>
      c.entry.lock.type === from.lock.type &&
      c.entry.lock.policyHash.every((b, i) => b === from.lock.policyHash[i]) &&
      (!c.entry.coinbase || next - c.entry.height >= chain.params.coinbaseMaturity),
  )
  coins.sort((a, b) => (a.entry.amount < b.entry.amount ? 1 : -1))
  const coin = coins[0]
  if (!coin) throw new Error('no mature coin')
  return signTransaction({
    tx: {
      version: TX_VERSION,
      kind: 'transfer',
      inputs: [{ prevout: coin.outpoint, sequence: SEQUENCE_FINAL }],
      outputs: [
        { amount, lock: to },
        { amount: coin.entry.amount - amount - fee, lock: from.lock },
      ],
      locktime: 0,
      payload: new Uint8Array(0),
    },
    spent: [{ amount: coin.entry.amount, lock: coin.entry.lock, policy: from.policy }],
    genesisHash: genesisHashBytes(chain.params),
    sign: (_key, msg) => ed25519.sign(msg, from.secretKey),
  })
}
