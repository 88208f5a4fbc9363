'use client'
import {
  type PreparedPayment,
  type SendPaymentReturnType,
  type TransactionTracker,
  trackTransaction,
} from '@supernova/light-client'
import { useLightClient } from '@supernova/light-client/react'
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import type { TrackedPayment } from '../../lib/payments'

export { isUnsettled, outstandingPayments, type TrackedPayment } from '../../lib/payments'

type PaymentsValue = {
  payments: readonly TrackedPayment[]
  /** Starts following a payment `sendPayment` just broadcast. */
  track(sent: SendPaymentReturnType, prepared: PreparedPayment, recipient: string): void
}

const PaymentsContext = createContext<PaymentsValue | undefined>(undefined)

/** The payments of this tab and their trackers (`trackTransaction`). */
export function usePayments(): PaymentsValue {
  const v = useContext(PaymentsContext)
  if (v === undefined) throw new Error('usePayments: no PaymentsProvider above')
  return v
}

/**
 * Holds the payments sent from this tab and follows each on every verified head: broadcast →
 * pending → confirmed (Merkle proof, depth) → final. It sits above the lock screen so that locking
 * the wallet does not stop the follow-up (tracking needs no key). The wallet does not remember
 * payments across reloads: their coins are then simply spent on the chain once confirmed.
 */
export function PaymentsProvider({ children }: { children: ReactNode }) {
  const client = useLightClient()
  const [payments, setPayments] = useState<TrackedPayment[]>([])
  const trackers = useRef(new Map<string, TransactionTracker>())

  useEffect(() => {
    const all = trackers.current
    return () => {
      for (const t of all.values()) t.stop()
      all.clear()
    }
  }, [])

  const patch = useCallback((txid: string, change: Partial<TrackedPayment>) => {
    setPayments((list) => list.map((p) => (p.txid === txid ? { ...p, ...change } : p)))
  }, [])

  const track = useCallback<PaymentsValue['track']>(
    (sent, prepared, recipient) => {
      const txid = sent.tracked.txid
      if (trackers.current.has(txid)) return
      const payment: TrackedPayment = {
        txid,
        recipient,
        amount: prepared.amount,
        fee: prepared.fee,
        held: prepared.inputs.reduce((s, u) => s + u.amount, 0n),
        spent: sent.spentOutpoints,
        tracked: sent.tracked,
      }
      setPayments((list) => [payment, ...list])
      const tracker = trackTransaction({
        client,
        tx: sent.tx,
        fee: prepared.fee,
        ...(sent.tracked.broadcastAt === undefined
          ? {}
          : { broadcastAt: sent.tracked.broadcastAt }),
        onUpdate: (tracked) => patch(txid, { tracked, checkError: undefined }),
        onError: (checkError) => patch(txid, { checkError }),
      })
      trackers.current.set(txid, tracker)
    },
    [client, patch],
  )

  const value = useMemo(() => ({ payments, track }), [payments, track])
  return <PaymentsContext.Provider value={value}>{children}</PaymentsContext.Provider>
}
