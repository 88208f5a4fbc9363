import { computeTransactionIds, type OutPoint, type Transaction, toHex } from '@supernova/protocol'
import type { Verification } from '../verify/types.js'
import { TrackingError } from './paymentErrors.js'
import { systemTimer, type WalletTimer } from './secretSession.js'
import { type NextState, nextState, type TrackTransactionClient } from './trackingChecks.js'
import { createWaiters, type WaitForParameters } from './trackingWaiters.js'

export type { TrackTransactionClient } from './trackingChecks.js'

/** Where a sent transaction stands. */
export type TrackedTransactionState =
  /** Signed here, not yet handed to a node. */
  | 'signed'
  /** A node accepted it into its mempool; not checked against the chain yet. */
  | 'broadcast'
  /** In no block of the verified chain, and its inputs proven unspent at a verified header. */
  | 'pending'
  /** In a block of the verified chain (Merkle proof checked), `confirmations` deep. */
  | 'confirmed'
  /**
   * `finalConfirmations` deep (the wallet's practical finality), or under a verified finality
   * certificate (`verification.status` `final`). Tracking ends.
   */
  | 'final'
  /** A node refused it (`reason` is the node's code, e.g. `FEE_TOO_LOW`). */
  | 'rejected'
  /**
   * Given up: an input was spent by a transaction the search did not find (`reason`
   * `INPUT_SPENT`), or it stayed unconfirmed past `expireAfterMs` (`EXPIRED`). Tracking ends.
   */
  | 'dropped'
  /** A conflicting transaction (`replacedBy`) spent its inputs and confirmed. Tracking ends. */
  | 'replaced'

export type TrackedTransaction = {
  /** Lowercase hex txid. */
  txid: string
  state: TrackedTransactionState
  /** When known (a payment's fee). */
  fee?: bigint
  /** Encoded size in bytes (the mempool's measure). */
  size: number
  /** Set while confirmed or final: the block and its depth below the verified tip. */
  block?: { hash: string; height: number }
  /** Blocks from its block to the verified tip, both included (1: in the tip). */
  confirmations?: number
  /** The inclusion's verification (getTransaction's: status, header, depth). */
  verification?: Verification
  /** Set once replaced: the conflicting transaction, verified in its block. */
  replacedBy?: { txid: string; block: { hash: string; height: number }; verification: Verification }
  reason?: string
  /** Client clock (ms) of the broadcast. */
  broadcastAt?: number
  /** Client clock (ms) of the last state change. */
  updatedAt: number
}

/** Default confirmations at which a transaction is reported `final`. */
export const DEFAULT_FINAL_CONFIRMATIONS = 6
/** Default: the full node's mempool expiry (14 days), after which nodes drop it. */
export const DEFAULT_EXPIRE_AFTER_MS = 14 * 24 * 60 * 60 * 1000
/** Default blocks below the first checked tip searched for a conflicting spend. */
export const DEFAULT_CONFLICT_LOOKBACK = 100

export type TrackTransactionParameters = {
  client: TrackTransactionClient
  /** The signed transaction (`sendPayment`'s `tx`); its witnesses name the locks it spends. */
  tx: Transaction
  fee?: bigint
  /** Confirmations at which it is `final` (1..10,000). Default 6. */
  finalConfirmations?: number
  /** Unconfirmed with unspent inputs this long after `broadcastAt`: `dropped` EXPIRED. */
  expireAfterMs?: number
  /** When it was broadcast (ms, `now`'s clock). Default now. */
  broadcastAt?: number
  /** Blocks below the first checked tip searched for a conflicting spend. Default 100. */
  conflictLookback?: number
  /** Every change of state or depth. */
  onUpdate?: (t: TrackedTransaction) => void
  /** A check that failed (no peer, all peers failed): the next head retries. */
  onError?: (e: unknown) => void
  now?: () => number
  /** Timer for `wait`'s timeouts. Default setTimeout. */
  timer?: WalletTimer
}

export type TransactionTracker = {
  readonly txid: string
  /** The outpoints it spends (keep them out of new payments while it is unsettled). */
  readonly inputs: readonly OutPoint[]
  current(): TrackedTransaction
  /**
   * Resolves once it is at least `until` (and `confirmations` deep).
   * @throws {TrackingError} TIMEOUT, STOPPED, REPLACED, DROPPED, ABORTED.
   */
  wait(p?: WaitForParameters): Promise<TrackedTransaction>
  /** Checks now (joining a running check); resolves with the state after it. */
  refresh(): Promise<TrackedTransaction>
  /** Stops watching heads, aborts requests in flight, and fails pending waits (STOPPED). */
  stop(): void
}

/**
 * Follows a broadcast transaction on the verified chain, checking at start and at every new
 * verified head (`watchHeads`): `broadcast` → `pending` (in no block, inputs proven unspent) →
 * `confirmed` (Merkle proof against a verified header, with depth) → `final`. When an input is
 * proven spent and the transaction is in no block, the input lock's complete history names the
 * conflicting transaction (`replaced`), or it is `dropped`. A reorg can move `confirmed` back to
 * `pending`. Checks never overlap; `stop` (or a final state) ends everything.
 * @throws {RangeError} finalConfirmations, expireAfterMs or conflictLookback out of range.
 * @example
 * const tracker = trackTransaction({ client, tx: sent.tx, fee: prepared.fee, onUpdate: render })
 * const done = await tracker.wait({ until: 'confirmed' })
 * tracker.stop()
 */
export function trackTransaction(p: TrackTransactionParameters): TransactionTracker {
  const o = resolveOptions(p)
  const ids = computeTransactionIds(p.tx)
  const txid = toHex(ids.txid)
  const abort = new AbortController()
  let state: TrackedTransaction = {
    txid,
    state: 'broadcast',
    ...(p.fee === undefined ? {} : { fee: p.fee }),
    size: ids.size,
    broadcastAt: o.broadcastAt,
    updatedAt: o.now(),
  }
  const waiters = createWaiters(() => state, o.timer)
  let unwatch: (() => void) | undefined
  let running: Promise<void> | undefined
  let again = false
  let stopped = false
  /** Highest height at which every input was proven unspent: a conflict confirmed above it. */
  let unspentAt: number | undefined

  const terminal = () => ['final', 'dropped', 'replaced'].includes(state.state)
  const update = (next: NextState) => {
    if (stopped) return
    const changed =
      next.state !== state.state ||
      next.reason !== state.reason ||
      next.confirmations !== state.confirmations ||
      next.block?.hash !== state.block?.hash
    if (!changed) return
    const { fee, broadcastAt } = state
    state = { txid, size: ids.size, ...next, updatedAt: o.now() }
    if (fee !== undefined) state.fee = fee
    if (broadcastAt !== undefined) state.broadcastAt = broadcastAt
    p.onUpdate?.(state)
    waiters.settle()
    if (terminal()) finish()
  }

  const check = async (): Promise<void> => {
    const r = await nextState(
      { ...o, client: p.client, tx: p.tx, txid: ids.txid, unspentAt },
      abort.signal,
    )
    unspentAt = r.unspentAt
    update(r.next)
  }

  /** Runs checks one at a time; a head during a check makes one more run after it. */
  const refresh = async (): Promise<TrackedTransaction> => {
    if (stopped || terminal()) return state
    if (running) {
      again = true
      await running
      return state
    }
    running = (async () => {
      try {
        do {
          again = false
          try {
            await check()
          } catch (e) {
            if (!abort.signal.aborted) p.onError?.(e)
          }
        } while (again && !stopped && !terminal())
      } finally {
        // Cleared in the same turn the loop ends: a head arriving later starts a new run.
        running = undefined
      }
    })()
    await running
    return state
  }

  function finish(): void {
    unwatch?.()
    unwatch = undefined
  }

  unwatch = p.client.watchHeads({ onHead: () => void refresh() })
  void refresh()

  return {
    txid,
    inputs: p.tx.inputs.map((i) => i.prevout),
    current: () => state,
    wait: (w = {}) => waiters.add(w),
    refresh,
    stop() {
      if (stopped) return
      stopped = true
      finish()
      abort.abort()
      waiters.fail(new TrackingError({ code: 'STOPPED', message: 'the tracker was stopped' }))
    },
  }
}

function resolveOptions(p: TrackTransactionParameters) {
  const now = p.now ?? Date.now
  const o = {
    now,
    timer: p.timer ?? systemTimer,
    finalConfirmations: p.finalConfirmations ?? DEFAULT_FINAL_CONFIRMATIONS,
    expireAfterMs: p.expireAfterMs ?? DEFAULT_EXPIRE_AFTER_MS,
    conflictLookback: p.conflictLookback ?? DEFAULT_CONFLICT_LOOKBACK,
    broadcastAt: p.broadcastAt ?? now(),
  }
  if (
    !Number.isInteger(o.finalConfirmations) ||
    o.finalConfirmations < 1 ||
    o.finalConfirmations > 10_000
  )
    throw new RangeError('finalConfirmations must be an integer in 1..10,000')
  if (!(o.expireAfterMs > 0)) throw new RangeError('expireAfterMs must be a positive number of ms')
  if (
    !Number.isInteger(o.conflictLookback) ||
    o.conflictLookback < 0 ||
    o.conflictLookback > 10_000
  )
    throw new RangeError('conflictLookback must be an integer in 0..10,000')
  return o
}
