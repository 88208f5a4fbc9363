import { TrackingError } from './paymentErrors.js'
import type { WalletTimer } from './secretSession.js'
import type { TrackedTransaction, TrackedTransactionState } from './trackTransaction.js'

export type WaitForParameters = {
  /** The state to reach (or pass): `pending`, `confirmed` (default) or `final`. */
  until?: 'pending' | 'confirmed' | 'final'
  /** With `confirmed`: at least this many confirmations (default 1). */
  confirmations?: number
  /** Fails with TIMEOUT after this many ms. Default: no bound. */
  timeoutMs?: number
  signal?: AbortSignal
}

/** Waits pending at once on one tracker; beyond it `wait` throws RangeError. */
export const MAX_WAITERS = 64

const RANK: Partial<Record<TrackedTransactionState, number>> = {
  pending: 1,
  confirmed: 2,
  final: 3,
}

type Waiter = {
  satisfied: (t: TrackedTransaction) => boolean
  resolve: (t: TrackedTransaction) => void
  reject: (e: TrackingError) => void
}

/** The pending `wait` calls of a tracker: settled on every update, failed all at once on stop. */
export function createWaiters(current: () => TrackedTransaction, timer: WalletTimer) {
  const waiters = new Set<Waiter>()
  let closed: TrackingError | undefined

  const impossible = (t: TrackedTransaction): TrackingError | undefined => {
    if (t.state === 'replaced')
      return new TrackingError({
        code: 'REPLACED',
        message: `a conflicting transaction confirmed instead${t.replacedBy ? ` (${t.replacedBy.txid})` : ''}`,
        details: { replacedBy: t.replacedBy },
      })
    if (t.state === 'dropped' || t.state === 'rejected')
      return new TrackingError({
        code: 'DROPPED',
        message: `the transaction was given up (${t.reason ?? t.state})`,
        details: { reason: t.reason },
      })
    return undefined
  }

  return {
    /** @throws {RangeError} bad parameters or too many waits. */
    add(p: WaitForParameters): Promise<TrackedTransaction> {
      const until = p.until ?? 'confirmed'
      const confirmations = p.confirmations ?? 1
      if (!Number.isInteger(confirmations) || confirmations < 1)
        throw new RangeError('confirmations must be a positive integer')
      if (waiters.size >= MAX_WAITERS) throw new RangeError(`more than ${MAX_WAITERS} waits`)
      const satisfied = (t: TrackedTransaction) =>
        (RANK[t.state] ?? 0) >= (RANK[until] ?? 0) &&
        (until !== 'confirmed' || t.state === 'final' || (t.confirmations ?? 0) >= confirmations)
      return new Promise<TrackedTransaction>((resolve, reject) => {
        const now = current()
        if (satisfied(now)) return resolve(now)
        const failure = closed ?? impossible(now)
        if (failure) return reject(failure)
        if (p.signal?.aborted) return reject(aborted())
        const onAbort = () => done(() => reject(aborted()))
        const handle =
          p.timeoutMs === undefined
            ? undefined
            : timer.set(() => done(() => reject(timedOut(p.timeoutMs!, until))), p.timeoutMs)
        const done = (settle: () => void) => {
          waiters.delete(w)
          if (handle !== undefined) timer.clear(handle)
          p.signal?.removeEventListener('abort', onAbort)
          settle()
        }
        const w: Waiter = {
          satisfied,
          resolve: (t) => done(() => resolve(t)),
          reject: (e) => done(() => reject(e)),
        }
        p.signal?.addEventListener('abort', onAbort, { once: true })
        waiters.add(w)
      })
    },
    /** Resolves the waits the current state satisfies; fails those it makes impossible. */
    settle(): void {
      const t = current()
      const failure = impossible(t)
      for (const w of [...waiters]) {
        if (w.satisfied(t)) w.resolve(t)
        else if (failure) w.reject(failure)
      }
    },
    /** Fails every wait, and every later one, with `error`. */
    fail(error: TrackingError): void {
      closed = error
      for (const w of [...waiters]) w.reject(error)
    },
  }
}

function aborted(): TrackingError {
  return new TrackingError({ code: 'ABORTED', message: 'the wait was aborted' })
}

function timedOut(ms: number, until: string): TrackingError {
  return new TrackingError({
    code: 'TIMEOUT',
    message: `not ${until} within ${ms} ms`,
    details: { timeoutMs: ms, until },
  })
}
