import {
  computeTransactionIds,
  computeTxid,
  equalBytes,
  type OutPoint,
  type Transaction,
  toHex,
} from '@supernova/protocol'
import type { LightClient, SendTransactionReturnType } from '../client/types.js'
import { LightClientError } from '../verify/errors.js'
import { WalletError } from './errors.js'
import { PaymentError } from './paymentErrors.js'
import type { PreparedPayment } from './preparePayment.js'
import type { TrackedTransaction } from './trackTransaction.js'
import type { Wallet } from './wallet.js'

export type SendPaymentParameters = {
  /** The SDK: its `sendTransaction` hands the transaction to several nodes at once. */
  client: Pick<LightClient, 'sendTransaction'>
  /** The wallet that prepared the payment, unlocked. */
  wallet: Wallet
  prepared: PreparedPayment
  /** Nodes it is handed to at once (1..16). Default 3. */
  maxPeers?: number
  /** Clock (ms) for `tracked.updatedAt`. Default `Date.now`. */
  now?: () => number
  signal?: AbortSignal
}

export type SendPaymentReturnType = Pick<SendTransactionReturnType, 'peer' | 'outcomes'> & {
  txid: Uint8Array
  /** The signed transaction: pass it to `trackTransaction`. */
  tx: Transaction
  /** The coins it spends: pass them as `excludeOutpoints` to the next payment until it settles. */
  spentOutpoints: OutPoint[]
  /** Addresses marked used (the coins' addresses, the change address, own recipients). */
  markedUsed: string[]
  /** Set when marking addresses used failed after the broadcast (the payment is out regardless). */
  markUsedError?: unknown
  /** Its first tracking state: `broadcast`. */
  tracked: TrackedTransaction
}

/**
 * Signs a prepared payment with the unlocked wallet (exactly the reviewed transaction: the signed
 * size must be the prepared one), broadcasts it through the client's `sendTransaction` (several
 * nodes), then marks the wallet's addresses it involves used so the next payment gets fresh
 * change. A node's acceptance proves nothing: follow it with `trackTransaction`.
 * @throws {WalletError} WALLET_LOCKED (nothing is signed or sent).
 * @throws {PaymentError} REJECTED (`details.reason`: DOUBLE_SPEND, FEE_TOO_LOW, MISSING_INPUTS, …),
 * BROADCAST_FAILED (no node reached, or all failed), NOT_AS_PREPARED, ABORTED.
 * @example
 * await wallet.unlock({ password })
 * const sent = await sendPayment({ client, wallet, prepared })
 * const tracker = trackTransaction({ client, tx: sent.tx, fee: prepared.fee })
 */
export async function sendPayment(p: SendPaymentParameters): Promise<SendPaymentReturnType> {
  const { wallet, prepared } = p
  if (wallet.isLocked())
    throw new WalletError({ code: 'WALLET_LOCKED', message: 'unlock the wallet to send' })
  const tx = wallet.signTransaction({ tx: prepared.tx, spent: prepared.spent })
  const ids = computeTransactionIds(tx)
  // Signing only adds witnesses: the txid (which leaves them out) and the exact size must hold.
  const preparedTxid = computeTxid({ ...prepared.tx, witnesses: tx.witnesses })
  if (ids.size !== prepared.size || !equalBytes(ids.txid, preparedTxid))
    throw new PaymentError({
      code: 'NOT_AS_PREPARED',
      message: `the signed transaction is ${ids.size} bytes, the prepared one ${prepared.size}`,
    })
  const sent = await broadcast(p, tx)
  if (!equalBytes(sent.txid, ids.txid))
    throw new PaymentError({ code: 'NOT_AS_PREPARED', message: 'the broadcast txid differs' })
  const { markedUsed, error } = await markUsed(wallet, prepared)
  const now = (p.now ?? Date.now)()
  return {
    txid: ids.txid,
    tx,
    peer: sent.peer,
    outcomes: sent.outcomes,
    spentOutpoints: prepared.inputs.map((u) => u.outpoint),
    markedUsed,
    ...(error === undefined ? {} : { markUsedError: error }),
    tracked: {
      txid: toHex(ids.txid),
      state: 'broadcast',
      fee: prepared.fee,
      size: ids.size,
      broadcastAt: now,
      updatedAt: now,
    },
  }
}

/** The client's broadcast, its failures as PaymentError. */
async function broadcast(p: SendPaymentParameters, tx: Transaction) {
  try {
    return await p.client.sendTransaction({
      tx,
      ...(p.maxPeers === undefined ? {} : { maxPeers: p.maxPeers }),
      ...(p.signal === undefined ? {} : { signal: p.signal }),
    })
  } catch (e) {
    if (!(e instanceof LightClientError)) throw e
    const code =
      e.code === 'REJECTED' ? 'REJECTED' : e.code === 'ABORTED' ? 'ABORTED' : 'BROADCAST_FAILED'
    const { reason, message } = e.details as { reason?: string; message?: string }
    throw new PaymentError({
      code,
      message: `the payment was not sent: ${e.message}`,
      details: { ...(reason ? { reason } : {}), ...(message ? { message } : {}) },
      cause: e,
    })
  }
}

/** Marks the wallet's addresses the payment touched used; a storage failure is reported, not thrown. */
async function markUsed(
  wallet: Wallet,
  prepared: PreparedPayment,
): Promise<{ markedUsed: string[]; error?: unknown }> {
  const addresses = new Set<string>()
  for (const u of prepared.inputs) {
    const owned = wallet.findAddress({ lock: u.lock })
    if (owned) addresses.add(owned.address)
  }
  for (const o of prepared.outputs) if (o.own) addresses.add(o.address)
  const markedUsed: string[] = []
  try {
    for (const address of addresses) {
      await wallet.markUsed({ address })
      markedUsed.push(address)
    }
    return { markedUsed }
  } catch (error) {
    return { markedUsed, error }
  }
}
