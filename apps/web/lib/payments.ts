import type { TrackedTransaction } from '@supernova/light-client'
import type { OutPoint } from '@supernova/protocol'

/** A payment sent from this tab, followed on the verified chain. */
export type TrackedPayment = {
  txid: string
  recipient: string
  amount: bigint
  fee: bigint
  /** Σ of the coins it spends (still in the verified UTXO set until it confirms). */
  held: bigint
  spent: OutPoint[]
  tracked: TrackedTransaction
  /** The last failed check (no peer…); the next verified head retries. */
  checkError?: unknown
}

/** States after which the coins it spends are no longer held back. */
const SETTLED: ReadonlySet<TrackedTransaction['state']> = new Set([
  'confirmed',
  'final',
  'replaced',
  'dropped',
  'rejected',
])

/** True while a payment's coins are spent in a mempool but not in a verified block. */
export function isUnsettled(p: TrackedPayment): boolean {
  return !SETTLED.has(p.tracked.state)
}

/**
 * Payments a balance verified at `height` does not reflect yet: unsettled ones, and confirmed
 * ones whose block is above that height (their coins are still in that balance).
 */
export function outstandingPayments(
  payments: readonly TrackedPayment[],
  height: number | undefined,
): TrackedPayment[] {
  return payments.filter((p) => {
    if (isUnsettled(p)) return true
    const block = p.tracked.block
    if (block === undefined || (p.tracked.state !== 'confirmed' && p.tracked.state !== 'final'))
      return false
    return height === undefined || height < block.height
  })
}
