'use client'
import { Card, Notice } from '@supernova/ui'
import { type FormEvent, useRef, useState } from 'react'
import { explainError, isWrongPassword } from '../../lib/walletErrors'
import { BUTTON_DANGER, BUTTON_PRIMARY, TextField } from './Field'
import { StepHeading } from './StepHeading'
import { type LockReason, useWalletSession } from './WalletSession'

const REASONS: Partial<Record<LockReason, string>> = {
  idle: 'The wallet locked itself after 5 minutes without activity.',
  'keys-idle': 'The wallet locked itself: its keys had not been used for 15 minutes.',
  manual: 'The wallet is locked.',
}

/** A locked wallet: the password opens it; a wrong one says so and changes nothing. */
export function UnlockForm({ reason }: { reason: LockReason }) {
  const { unlock } = useWalletSession()
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string>()
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    if (password === '') {
      setError('Enter your password.')
      input.current?.focus()
      return
    }
    setBusy(true)
    setError(undefined)
    setFailure(undefined)
    try {
      await unlock(password)
    } catch (err) {
      if (isWrongPassword(err)) setError(explainError(err))
      else setFailure(explainError(err))
      setBusy(false)
      input.current?.focus()
      input.current?.select()
    }
  }

  return (
    <div className="max-w-xl space-y-6">
      <Card>
        <form onSubmit={submit} noValidate className="space-y-4">
          <StepHeading focus={reason !== 'opened'}>Unlock your wallet</StepHeading>
          {REASONS[reason] && (
            <p className="text-sm text-zinc-700 dark:text-zinc-300" role="status">
              {REASONS[reason]}
            </p>
          )}
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            inputRef={input}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={error}
          />
          {failure && (
            <Notice tone="error" title="The wallet could not be unlocked">
              {failure}
            </Notice>
          )}
          <p role="status" className="min-h-5 text-sm text-zinc-600 dark:text-zinc-400">
            {busy ? 'Decrypting your keys (a few seconds)…' : ''}
          </p>
          <button type="submit" className={BUTTON_PRIMARY} aria-disabled={busy || undefined}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
        </form>
      </Card>
      <RemoveWallet />
    </div>
  )
}

/** For a forgotten password: remove the wallet from this browser, to import it again. */
function RemoveWallet() {
  const { remove } = useWalletSession()
  const [sure, setSure] = useState(false)
  const [error, setError] = useState<string>()
  return (
    <details className="rounded-xl border border-zinc-200 p-4 text-sm dark:border-zinc-800">
      <summary className="cursor-pointer font-medium text-zinc-800 dark:text-zinc-200">
        Forgot your password?
      </summary>
      <div className="mt-3 space-y-3 text-zinc-700 dark:text-zinc-300">
        <p>
          Nobody can reset it. You can remove the wallet from this browser and import it again from
          its recovery phrase with a new password. Without the phrase, its coins are lost.
        </p>
        <label className="flex items-start gap-3">
          <input
            type="checkbox"
            checked={sure}
            onChange={(e) => setSure(e.target.checked)}
            className="mt-0.5 size-4 accent-red-700"
          />
          <span>I have the recovery phrase of this wallet.</span>
        </label>
        {error && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <button
          type="button"
          className={BUTTON_DANGER}
          onClick={() => {
            if (!sure) return setError('Tick the box first: without the phrase the coins are lost.')
            void remove().catch((e) => setError(explainError(e)))
          }}
        >
          Remove wallet from this browser
        </button>
      </div>
    </details>
  )
}
