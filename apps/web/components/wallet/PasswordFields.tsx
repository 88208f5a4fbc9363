'use client'
import { cx } from '@supernova/ui'
import { useId } from 'react'
import { MIN_PASSWORD_LENGTH, type PasswordErrors, passwordStrength } from '../../lib/password'
import { TextField } from './Field'

const BAR = [
  'bg-red-500',
  'bg-orange-500',
  'bg-amber-500',
  'bg-lime-600',
  'bg-emerald-600',
] as const

/**
 * A new password and its confirmation, with a strength meter (a bar and its word, read out as the
 * password changes) and advice. The password is never shown in the page text.
 */
export function PasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  errors,
}: {
  password: string
  confirm: string
  onPassword: (v: string) => void
  onConfirm: (v: string) => void
  errors: PasswordErrors
}) {
  const strengthId = useId()
  const s = passwordStrength(password)
  return (
    <div className="space-y-4">
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        error={errors.password}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. It encrypts your keys in this browser; nobody can reset it.`}
        describedBy={strengthId}
      />
      <div id={strengthId} className="space-y-1.5">
        <div className="flex h-1.5 gap-1" aria-hidden="true">
          {[1, 2, 3, 4].map((i) => (
            <span
              key={i}
              className={cx(
                'flex-1 rounded-full',
                password !== '' && s.score >= i ? BAR[s.score] : 'bg-zinc-200 dark:bg-zinc-700',
              )}
            />
          ))}
        </div>
        <p className="text-sm text-zinc-700 dark:text-zinc-300" aria-live="polite">
          Strength: <span className="font-medium">{password === '' ? 'not set' : s.label}</span>
          {password !== '' && s.hints[0] ? ` — ${s.hints[0]}` : ''}
        </p>
      </div>
      <TextField
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        error={errors.confirm}
      />
    </div>
  )
}
