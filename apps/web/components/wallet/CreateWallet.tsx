'use client'
import { generateMnemonic } from '@supernova/light-client'
import { Notice } from '@supernova/ui'
import { type FormEvent, type ReactNode, useState } from 'react'
import { type PasswordErrors, validateNewPassword } from '../../lib/password'
import { explainError } from '../../lib/walletErrors'
import { BUTTON_PRIMARY, BUTTON_SECONDARY } from './Field'
import { PasswordFields } from './PasswordFields'
import { ConfirmPhrase, ShowPhrase } from './RecoveryPhrase'
import { StepHeading } from './StepHeading'
import { useWalletSession } from './WalletSession'

type Step = 'phrase' | 'confirm' | 'password'

/**
 * Creating a wallet: a fresh phrase shown once and confirmed, then a password; only then is the
 * wallet saved (encrypted) and opened. The phrase leaves React state as soon as it is saved.
 */
export function CreateWallet({ onCancel }: { onCancel: () => void }) {
  const { create } = useWalletSession()
  // 128 bits of entropy from crypto.getRandomValues, in the light client's BIP39 code.
  const [mnemonic, setMnemonic] = useState<string | undefined>(() => generateMnemonic())
  const [step, setStep] = useState<Step>('phrase')
  const words = mnemonic?.split(' ') ?? []

  const cancel = () => {
    setMnemonic(undefined)
    onCancel()
  }

  if (mnemonic === undefined) return null
  if (step === 'phrase')
    return <ShowPhrase words={words} onContinue={() => setStep('confirm')} onCancel={cancel} />
  if (step === 'confirm')
    return (
      <ConfirmPhrase
        words={words}
        onConfirmed={() => setStep('password')}
        onBack={() => setStep('phrase')}
      />
    )
  return (
    <ChoosePassword
      step="Step 3 of 3: protect it with a password"
      submitLabel="Create wallet"
      onBack={() => setStep('confirm')}
      onSubmit={async (password) => {
        await create({ mnemonic, password, fresh: true })
        setMnemonic(undefined)
      }}
    />
  )
}

/** The password step shared by create and import: validates, then runs `onSubmit` with a status. */
export function ChoosePassword({
  step,
  submitLabel,
  onSubmit,
  onBack,
  children,
  validate,
}: {
  step: string
  submitLabel: string
  onSubmit: (password: string) => Promise<void>
  onBack: () => void
  children?: ReactNode
  /** Checks the other fields first; returns false to stop. */
  validate?: () => boolean
}) {
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<PasswordErrors>({})
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    const othersOk = validate?.() ?? true
    const found = validateNewPassword(password, confirm)
    setErrors(found)
    if (!othersOk || found.password || found.confirm) return
    setBusy(true)
    setFailure(undefined)
    try {
      await onSubmit(password)
    } catch (err) {
      setFailure(explainError(err))
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <StepHeading>{step}</StepHeading>
      {children}
      <PasswordFields
        password={password}
        confirm={confirm}
        onPassword={setPassword}
        onConfirm={setConfirm}
        errors={errors}
      />
      {failure && (
        <Notice tone="error" title="The wallet was not saved">
          {failure}
        </Notice>
      )}
      <p role="status" className="min-h-5 text-sm text-zinc-600 dark:text-zinc-400">
        {busy ? 'Encrypting your keys in this browser (a few seconds)…' : ''}
      </p>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={BUTTON_PRIMARY} aria-disabled={busy || undefined}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className={BUTTON_SECONDARY} onClick={onBack} disabled={busy}>
          Back
        </button>
      </div>
    </form>
  )
}
