'use client'
import type { FeeEstimate } from '@supernova/light-client'
import type { Network } from '@supernova/protocol'
import {
  cx,
  FOCUS_RING,
  formatAmount,
  formatDuration,
  Notice,
  VerificationBadge,
} from '@supernova/ui'
import { type FormEvent, useState } from 'react'
import { describeFeeAdvice, type FeeOption, feeOptions, selectFee } from '../../lib/feeOptions'
import { checkAmount, checkRecipient } from '../../lib/sendForm'
import { BUTTON_PRIMARY, BUTTON_SECONDARY, TextField } from './Field'

/** What the form holds (kept by the card, so "Back" from the review restores it). */
export type SendValues = {
  recipient: string
  amountText: string
  feeId: FeeOption['id']
  /** "Max" was pressed: the amount follows the fee choice. */
  max: boolean
}

export type SendFormProps = {
  network: Network
  values: SendValues
  onChange: (v: SendValues) => void
  /** Verified spendable balance minus coins held by unconfirmed payments; undefined while verifying. */
  spendable: bigint | undefined
  dust: bigint
  fees: {
    data: FeeEstimate | undefined
    error: Error | null
    isFetching: boolean
    refetch: () => void
  }
  busy: 'review' | 'max' | 'catching-up' | undefined
  failure: string | undefined
  onReview: (fee: FeeOption, amount: bigint | 'max') => void
}

/**
 * Recipient (checked as typed: checksum and network), amount (format, dust, spendable balance,
 * or "Max"), and a fee choice from the nodes' advice with its expected wait.
 */
export function SendForm(p: SendFormProps) {
  const { values, onChange } = p
  const [touched, setTouched] = useState({ recipient: false, amount: false })
  const recipient = checkRecipient(values.recipient, p.network)
  const amount = checkAmount(values.amountText, { spendable: p.spendable ?? 0n, dust: p.dust })
  const options = feeOptions(p.network, p.fees.data)
  const fee = selectFee(options, values.feeId)
  // Errors show once a field was left, or as soon as the text is long enough to judge.
  const showRecipient = touched.recipient || values.recipient.trim().length >= 20
  const showAmount = touched.amount || (values.amountText !== '' && !values.max)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTouched({ recipient: true, amount: true })
    if (p.busy || !recipient.ok) return
    if (values.max) return p.onReview(fee, 'max')
    if (amount.ok) p.onReview(fee, amount.value)
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <TextField
        label="Recipient address"
        value={values.recipient}
        onChange={(e) => onChange({ ...values, recipient: e.target.value })}
        onBlur={() => setTouched((t) => ({ ...t, recipient: values.recipient !== '' }))}
        autoComplete="off"
        spellCheck={false}
        placeholder={`${p.network === 'mainnet' ? 'nova' : p.network === 'testnet' ? 'tnova' : 'dnova'}1…`}
        error={showRecipient && !recipient.ok ? recipient.message : undefined}
        ok={recipient.ok ? `A valid ${p.network} address.` : undefined}
      />
      <div className="flex items-start gap-2">
        <TextField
          className="flex-1"
          label="Amount (NOVA)"
          inputMode="decimal"
          autoComplete="off"
          value={values.max ? 'Max' : values.amountText}
          readOnly={values.max}
          onChange={(e) => onChange({ ...values, amountText: e.target.value, max: false })}
          onBlur={() => setTouched((t) => ({ ...t, amount: values.amountText !== '' }))}
          error={showAmount && !values.max && !amount.ok ? amount.message : undefined}
          hint={
            p.spendable === undefined
              ? 'Spendable balance: being verified…'
              : `Spendable: ${formatAmount(p.spendable)} (verified).${values.max ? ' Max sends all of it minus the fee.' : ''}`
          }
        />
        <button
          type="button"
          aria-pressed={values.max}
          className={cx(BUTTON_SECONDARY, 'mt-[1.625rem]')}
          onClick={() => onChange({ ...values, max: !values.max, amountText: '' })}
        >
          Max
        </button>
      </div>
      <FeeFieldset
        options={options}
        selected={fee.id}
        fees={p.fees}
        onSelect={(feeId) => onChange({ ...values, feeId })}
      />
      {p.failure && (
        <Notice tone="error" title="This payment cannot be made">
          {p.failure}
        </Notice>
      )}
      <p role="status" className="min-h-5 text-sm text-zinc-600 dark:text-zinc-400">
        {p.busy === 'catching-up'
          ? 'The node is ahead of your light client: waiting for it to verify the newest block…'
          : p.busy
            ? 'Collecting your verified coins and building the transaction…'
            : ''}
      </p>
      <button
        type="submit"
        className={BUTTON_PRIMARY}
        aria-disabled={p.busy !== undefined || undefined}
      >
        Review payment
      </button>
    </form>
  )
}

function FeeFieldset({
  options,
  selected,
  fees,
  onSelect,
}: {
  options: FeeOption[]
  selected: FeeOption['id']
  fees: SendFormProps['fees']
  onSelect: (id: FeeOption['id']) => void
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Fee</legend>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <VerificationBadge status="unverified" />
        {fees.data
          ? describeFeeAdvice(fees.data)
          : fees.isFetching
            ? 'Asking the nodes for fee advice…'
            : 'No fee advice: the network minimum is offered.'}
      </p>
      {fees.error && !fees.isFetching && (
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-amber-800 dark:text-amber-300">
          No node answered a fee estimate ({fees.error.message}).
          <button
            type="button"
            className={cx('underline underline-offset-2', FOCUS_RING)}
            onClick={() => fees.refetch()}
          >
            Ask again
          </button>
        </p>
      )}
      <div className="mt-3 grid gap-2 sm:grid-cols-3">
        {options.map((o) => (
          <label
            key={o.id}
            className="flex cursor-pointer flex-col rounded-lg border border-zinc-300 p-3 text-sm has-checked:border-indigo-600 has-checked:bg-indigo-50 has-focus-visible:outline-2 has-focus-visible:outline-indigo-600 dark:border-zinc-700 dark:has-checked:border-indigo-400 dark:has-checked:bg-indigo-950/50"
          >
            <span className="flex items-center gap-2 font-medium text-zinc-900 dark:text-zinc-100">
              <input
                type="radio"
                name="fee"
                value={o.id}
                checked={o.id === selected}
                onChange={() => onSelect(o.id)}
                className="accent-indigo-600"
              />
              {o.label}
            </span>
            <span className="mt-1 text-zinc-700 dark:text-zinc-300">
              {o.feeRate.toString()} unit{o.feeRate === 1n ? '' : 's'}/byte
            </span>
            <span className="text-xs text-zinc-600 dark:text-zinc-400">
              {o.expectedWaitMs === undefined
                ? 'The lowest fee nodes relay'
                : `~${o.targetBlocks} block${o.targetBlocks === 1 ? '' : 's'}, about ${formatDuration(o.expectedWaitMs)}`}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
