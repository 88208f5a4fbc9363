import {
  type ChainParams,
  computeTxid,
  type DevnetAccount,
  devnetAccount,
  genesisHashBytes,
  type Lock,
  outpointKey,
  SEQUENCE_FINAL,
  type SignatureSchemes,
  signTransaction,
  type Transaction,
  TX_VERSION,
} from '@supernova/protocol'
import type { ChainView, Utxo } from '../chain/types.js'
import type { Mempool } from '../mempool/index.js'
import { NodeError } from './errors.js'

/** The devnet account the faucet pays from (account 9 receives the devnet miner's rewards). */
export const FAUCET_ACCOUNT = 8

/**
 * Devnet faucet: pays from a well-known prefunded account, one request at a time, spending its
 * own unconfirmed change so that several requests per block work.
 */
export function createFaucet(p: {
  params: ChainParams
  chain: ChainView
  mempool: Mempool
  schemes: SignatureSchemes
  maxAmount: bigint
  submit: (tx: Transaction) => Promise<Uint8Array>
}) {
  const account: DevnetAccount = devnetAccount(FAUCET_ACCOUNT)
  const sign = p.schemes.ed25519
  let pending: { txid: Uint8Array; change?: Utxo; spent: string[] }[] = []
  let lock: Promise<unknown> = Promise.resolve()

  async function candidates(): Promise<Utxo[]> {
    pending = pending.filter((t) => p.mempool.has(t.txid))
    const spent = new Set(pending.flatMap((t) => t.spent))
    const height = p.chain.tip().height + 1
    const confirmed = (await p.chain.getUtxosByLock(account.lock, 500)).filter(
      (u) => !u.entry.coinbase || height - u.entry.height >= p.params.coinbaseMaturity,
    )
    const unconfirmed = pending.flatMap((t) => (t.change ? [t.change] : []))
    return [...unconfirmed, ...confirmed].filter((u) => !spent.has(outpointKey(u.outpoint)))
  }

  async function send(to: Lock, amount: bigint): Promise<Uint8Array> {
    if (amount > p.maxAmount)
      throw new NodeError({
        code: 'FAUCET_LIMIT',
        message: `the faucet pays at most ${p.maxAmount} units per request`,
      })
    const fee = p.mempool.estimateFee(2).feeRate * 300n
    const coin = (await candidates()).sort((a, b) => (a.entry.amount < b.entry.amount ? 1 : -1))[0]
    if (!coin || coin.entry.amount < amount + fee + p.params.dustThreshold)
      throw new NodeError({
        code: 'FAUCET_EMPTY',
        message: 'the faucet has no coin large enough right now; try again after the next block',
      })
    const change = coin.entry.amount - amount - fee
    const tx = signTransaction({
      tx: {
        version: TX_VERSION,
        kind: 'transfer',
        inputs: [{ prevout: coin.outpoint, sequence: SEQUENCE_FINAL }],
        outputs: [
          { amount, lock: to },
          { amount: change, lock: account.lock },
        ],
        locktime: 0,
        payload: new Uint8Array(0),
      },
      spent: [{ amount: coin.entry.amount, lock: coin.entry.lock, policy: account.policy }],
      genesisHash: genesisHashBytes(p.params),
      sign: (_key, message) => sign.sign(message, account.secretKey),
    })
    const txid = await p.submit(tx)
    pending.push({
      txid,
      spent: [outpointKey(coin.outpoint)],
      change: {
        outpoint: { txid: computeTxid(tx), vout: 1 },
        entry: {
          amount: change,
          lock: account.lock,
          height: p.chain.tip().height + 1,
          coinbase: false,
        },
      },
    })
    return txid
  }

  return {
    maxAmount: p.maxAmount,
    send(to: Lock, amount: bigint): Promise<Uint8Array> {
      const run = lock.then(() => send(to, amount))
      lock = run.catch(() => undefined)
      return run
    },
  }
}
