'use client'
import type { TrackedTransaction } from '@supernova/light-client'
import { cx, FOCUS_RING, formatAmount, HashText, Notice } from '@supernova/ui'
import { ProofDetails } from '@supernova/ui/chain'
import { explainError } from '../../lib/walletErrors'
import { BUTTON_SECONDARY } from './Field'
import type { TrackedPayment } from './Payments'
import { StepHeading } from './StepHeading'

const STEPS = ['broadcast', 'pending', 'confirmed', 'final'] as const
type Step = (typeof STEPS)[number]

const STEP_TEXT: Record<Step, { title: string; text: (t: TrackedTransaction) => string }> = {
  broadcast: {
    title: 'Broadcast',
    text: () => 'A node accepted it into its mempool — its word, not yet a proof.',
  },
  pending: {
    title: 'Waiting for a block',
    text: () => 'In no verified block yet; the coins it spends were proven still unspent.',
  },
  confirmed: {
    title: 'Confirmed',
    text: (t) =>
      t.block
        ? `In block ${t.block.height}, its Merkle proof checked: ${t.confirmations ?? 1} confirmation${t.confirmations === 1 ? '' : 's'}.`
        : 'In a verified block.',
  },
  final: {
    title: 'Final',
    text: () => 'Six confirmations deep: the wallet treats it as settled.',
  },
}

/** One-line status for the live region. */
export function trackingSummary(t: TrackedTransaction): string {
  if (t.state === 'confirmed')
    return `Confirmed in block ${t.block?.height}, ${t.confirmations} confirmation${t.confirmations === 1 ? '' : 's'}.`
  if (t.state === 'final') return `Final: ${t.confirmations ?? 6} confirmations.`
  if (t.state === 'pending') return 'Waiting for a block.'
  if (t.state === 'broadcast') return 'Broadcast to the nodes.'
  return `The payment was ${t.state}.`
}

/**
 * A sent payment followed on the verified chain: broadcast → waiting for a block → confirmed
 * (with confirmations) → final, with a link to the transaction in the explorer.
 */
export function PaymentProgress({
  payment,
  onDone,
}: {
  payment: TrackedPayment
  onDone: () => void
}) {
  const t = payment.tracked
  const current = STEPS.indexOf(t.state as Step)
  return (
    <div className="space-y-5">
      <StepHeading level={3}>Payment sent</StepHeading>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        {formatAmount(payment.amount)} to{' '}
        <span className="break-all font-mono">{payment.recipient}</span>, fee{' '}
        {formatAmount(payment.fee)}.
      </p>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-zinc-600 dark:text-zinc-400">Transaction</span>
        <HashText value={t.txid} href={`/explorer/tx/${t.txid}`} label="transaction id" />
        <a
          href={`/explorer/tx/${t.txid}`}
          className={cx(
            'font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300',
            FOCUS_RING,
          )}
        >
          View in the explorer
        </a>
      </p>
      <p aria-live="polite" className="sr-only" data-testid="payment-status">
        {trackingSummary(t)}
      </p>
      {current >= 0 ? (
        <ol className="space-y-3" aria-label="Progress of the payment">
          {STEPS.map((step, i) => {
            const state = i < current ? 'done' : i === current ? 'current' : 'next'
            return (
              <li
                key={step}
                className="flex gap-3"
                aria-current={state === 'current' ? 'step' : undefined}
              >
                <span
                  aria-hidden="true"
                  className={cx(
                    'mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-bold',
                    state === 'next'
                      ? 'border border-zinc-300 text-zinc-400 dark:border-zinc-600'
                      : 'bg-emerald-600 text-white dark:bg-emerald-500',
                  )}
                >
                  {state === 'next' ? i + 1 : '✓'}
                </span>
                <div className="text-sm">
                  <p
                    className={cx(
                      'font-medium',
                      state === 'next'
                        ? 'text-zinc-500 dark:text-zinc-400'
                        : 'text-zinc-900 dark:text-zinc-100',
                    )}
                  >
                    {STEP_TEXT[step].title}
                    <span className="sr-only">
                      {state === 'done'
                        ? ' (done)'
                        : state === 'current'
                          ? ' (current)'
                          : ' (to come)'}
                    </span>
                  </p>
                  {state !== 'next' && (
                    <p
                      className="text-zinc-600 dark:text-zinc-400"
                      data-testid={state === 'current' ? 'payment-step' : undefined}
                    >
                      {STEP_TEXT[step].text(t)}
                    </p>
                  )}
                </div>
              </li>
            )
          })}
        </ol>
      ) : (
        <Notice
          tone="error"
          title={t.state === 'replaced' ? 'Replaced by another transaction' : 'Dropped'}
        >
          {t.state === 'replaced'
            ? `Another transaction spending the same coins confirmed instead${t.replacedBy ? ` (${t.replacedBy.txid.slice(0, 16)}…)` : ''}. This payment will never confirm.`
            : `The network gave it up (${t.reason ?? 'unknown reason'}). Its coins are free to spend again.`}
        </Notice>
      )}
      {t.verification && (
        <ProofDetails
          verification={t.verification}
          proof="Merkle proof of the transaction against the transactions root of its block's verified header."
        />
      )}
      {payment.checkError !== undefined && (
        <p className="text-sm text-amber-800 dark:text-amber-300" role="status">
          The last check failed: {explainError(payment.checkError)}
        </p>
      )}
      <button type="button" className={BUTTON_SECONDARY} onClick={onDone}>
        Make another payment
      </button>
    </div>
  )
}
