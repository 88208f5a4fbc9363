'use client'
import { useRef, useState } from 'react'
import { checkMnemonic } from '../../lib/mnemonicInput'
import { ChoosePassword } from './CreateWallet'
import { SECRET_TEXT, TextAreaField, TextField } from './Field'
import { useWalletSession } from './WalletSession'

/**
 * Importing a wallet from its recovery phrase: the phrase is checked like the wallet will (word
 * count, every word, checksum) with the position of a bad word, an optional BIP39 passphrase, then
 * a password for this browser. Phrase and passphrase leave React state once saved.
 */
export function ImportWallet({ onCancel }: { onCancel: () => void }) {
  const { create } = useWalletSession()
  const [phrase, setPhrase] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [touched, setTouched] = useState(false)
  const areaRef = useRef<HTMLTextAreaElement>(null)
  const check = checkMnemonic(phrase)
  const words = phrase.trim() === '' ? 0 : phrase.trim().split(/\s+/u).length
  const error = touched && !check.ok ? check.message : undefined

  const clear = () => {
    setPhrase('')
    setPassphrase('')
  }

  return (
    <ChoosePassword
      step="Import a wallet from its recovery phrase"
      submitLabel="Import wallet"
      onBack={() => {
        clear()
        onCancel()
      }}
      validate={() => {
        setTouched(true)
        if (!check.ok) areaRef.current?.focus()
        return check.ok
      }}
      onSubmit={async (password) => {
        if (!check.ok) return
        await create({
          mnemonic: check.mnemonic,
          password,
          ...(passphrase ? { passphrase } : {}),
          fresh: false,
        })
        clear()
      }}
    >
      <TextAreaField
        label="Recovery phrase"
        {...SECRET_TEXT}
        inputRef={areaRef}
        rows={3}
        value={phrase}
        onChange={(e) => setPhrase(e.target.value)}
        onBlur={() => setTouched(phrase.trim() !== '')}
        error={error}
        ok={check.ok ? `A valid ${check.wordCount}-word phrase.` : undefined}
        hint={`The 12 or 24 words, separated by spaces. ${words} word${words === 1 ? '' : 's'} so far.`}
      />
      <details className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
        <summary className="cursor-pointer font-medium text-zinc-800 dark:text-zinc-200">
          Advanced: BIP39 passphrase
        </summary>
        <TextField
          className="mt-3"
          label="Passphrase (optional)"
          type="password"
          {...SECRET_TEXT}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          hint="Only if this phrase was set up with an extra passphrase. A different passphrase opens a different, empty wallet. It is not stored."
        />
      </details>
    </ChoosePassword>
  )
}
