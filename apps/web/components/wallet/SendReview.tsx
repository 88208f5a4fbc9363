'use client'
import type { PaymentOutput, PreparedPayment } from '@supernova/light-client'
import { DataTable, formatAmount, formatDuration, HashText, Notice } from '@supernova/ui'
import { ProofDetails } from '@supernova/ui/chain'
import { type FormEvent, useState } from 'react'
import { BUTTON_PRIMARY, BUTTON_SECONDARY, TextField } from './Field'
import { StepHeading } from './StepHeading'
import type { FeeOption } from './useFeeChoices'

const DT = 'text-zinc-600 dark:text-zinc-400'
const DD = 'font-medium tabular-nums text-zinc-900 dark:text-zinc-100'

function outputRole(o: PaymentOutput): string {
  if (o.change) return 'Change back to you'
  return o.own ? 'Your own address' : 'Recipient'
}

/**
 * The transaction before it is signed: its decoded outputs (recipient, change), amount, fee and
 * fee rate, the total leaving the wallet, and the proof the coins it spends are unspent. A locked
 * wallet asks for the password here; nothing is signed until "Sign and send".
 */
export function SendReview({
  prepared,
  fee,
  locked,
  busy,
  failure,
  onSend,
  onBack,
}: {
  prepared: PreparedPayment
  fee: FeeOption
  locked: boolean
  busy: boolean
  failure: { message: string; passwordWrong: boolean } | undefined
  onSend: (password: string | undefined) => void
  onBack: () => void
}) {
  const [password, setPassword] = useState('')
  const recipient = prepared.outputs.find((o) => !o.change)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!busy) onSend(locked ? password : undefined)
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <StepHeading level={3}>Review the payment</StepHeading>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className={DT}>To</dt>
        <dd
          className="break-all font-mono text-zinc-900 dark:text-zinc-100"
          data-testid="review-recipient"
        >
          {recipient?.address}
        </dd>
        <dt className={DT}>Amount</dt>
        <dd className={DD} data-testid="review-amount">
          {formatAmount(prepared.amount)}
        </dd>
        <dt className={DT}>Fee</dt>
        <dd className={DD}>
          {formatAmount(prepared.fee)}{' '}
          <span className="font-normal text-zinc-600 dark:text-zinc-400">
            ({prepared.feeRate.toString()} unit{prepared.feeRate === 1n ? '' : 's'}/byte ×{' '}
            {prepared.size} bytes · {fee.label.toLowerCase()}
            {fee.expectedWaitMs === undefined
              ? ''
              : `, about ${formatDuration(fee.expectedWaitMs)}`}
            )
          </span>
        </dd>
        <dt className={DT}>Total</dt>
        <dd className={DD} data-testid="review-total">
          {formatAmount(prepared.amount + prepared.fee)}
        </dd>
        <dt className={DT}>Change</dt>
        <dd className={DD}>
          {prepared.change
            ? `${formatAmount(prepared.change.amount)} back to you`
            : 'None: the coins match exactly'}
        </dd>
      </dl>
      <DataTable
        // Positioned, so that screen-reader-only text in scrolled cells stays inside the scroller.
        className="relative"
        caption="Outputs of this transaction"
        rowKey={(o) => o.vout}
        rows={prepared.outputs}
        columns={[
          { id: 'vout', header: 'Output', cell: (o) => `#${o.vout}`, mono: true },
          { id: 'role', header: 'Pays', cell: outputRole },
          {
            id: 'address',
            header: 'Address',
            cell: (o) => <HashText value={o.address} label="output address" />,
          },
          {
            id: 'amount',
            header: 'Amount',
            cell: (o) => formatAmount(o.amount),
            align: 'end',
            mono: true,
          },
        ]}
      />
      <ProofDetails
        verification={prepared.verification}
        proof={`The ${prepared.inputs.length} coin${prepared.inputs.length === 1 ? '' : 's'} this payment spends were each proven unspent by a sparse-Merkle membership proof against the UTXO root of a verified header.`}
      />
      {locked && (
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint="The wallet locked itself; its password unlocks it to sign."
          error={failure?.passwordWrong ? failure.message : undefined}
        />
      )}
      {failure && !failure.passwordWrong && (
        <Notice tone="error" title="The payment was not sent">
          {failure.message}
        </Notice>
      )}
      <p role="status" className="min-h-5 text-sm text-zinc-600 dark:text-zinc-400">
        {busy ? 'Signing in this browser and handing the transaction to the nodes…' : ''}
      </p>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={BUTTON_PRIMARY} aria-disabled={busy || undefined}>
          Sign and send
        </button>
        <button type="button" className={BUTTON_SECONDARY} onClick={onBack} disabled={busy}>
          Back
        </button>
      </div>
    </form>
  )
}
