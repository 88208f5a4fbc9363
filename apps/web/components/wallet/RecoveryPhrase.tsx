'use client'
import { Notice } from '@supernova/ui'
import { type FormEvent, useRef, useState } from 'react'
import { pickConfirmationPositions, wrongConfirmationWords } from '../../lib/confirmWords'
import { BUTTON_PRIMARY, BUTTON_SECONDARY, SECRET_TEXT, TextField } from './Field'
import { StepHeading } from './StepHeading'

/**
 * Step 1 of creating a wallet: the new recovery phrase, hidden until asked for, with what it is
 * and why it must be written down now — it is never shown again once the wallet is saved.
 */
export function ShowPhrase({
  words,
  onContinue,
  onCancel,
}: {
  words: readonly string[]
  onContinue: () => void
  onCancel: () => void
}) {
  const [shown, setShown] = useState(false)
  const [written, setWritten] = useState(false)
  const [error, setError] = useState<string>()
  const listRef = useRef<HTMLOListElement>(null)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!shown) return setError('Show the phrase and write it down first.')
    if (!written) return setError('Tick the box once all the words are written down, in order.')
    onContinue()
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <StepHeading>Step 1 of 3: write down your recovery phrase</StepHeading>
      <Notice tone="warning" title="These words are your wallet">
        Anyone who has them can take your coins, and without them nobody — not us, not the network —
        can give the coins back if this browser loses its data. They are shown <strong>once</strong>
        : after this step they are never displayed again. Write them on paper, in order. Do not take
        a screenshot, copy them into a chat or store them online.
      </Notice>
      {shown ? (
        <ol
          ref={listRef}
          tabIndex={-1}
          aria-label="Your recovery phrase"
          className="grid grid-cols-2 gap-2 rounded-xl border border-zinc-200 bg-zinc-50 p-4 outline-none sm:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-950"
          data-testid="recovery-phrase"
        >
          {words
            .map((word, i) => ({ word, position: i + 1 }))
            .map(({ word, position }) => (
              <li
                key={position}
                className="flex items-baseline gap-2 rounded-md bg-white px-3 py-2 font-mono text-sm dark:bg-zinc-900"
              >
                <span className="w-6 text-right text-xs text-zinc-500 dark:text-zinc-400">
                  {position}.
                </span>
                <span className="font-semibold text-zinc-900 dark:text-zinc-50">{word}</span>
              </li>
            ))}
        </ol>
      ) : (
        <div className="flex min-h-40 items-center justify-center rounded-xl border border-dashed border-zinc-300 p-6 dark:border-zinc-700">
          <button
            type="button"
            className={BUTTON_SECONDARY}
            onClick={() => {
              setShown(true)
              setError(undefined)
              requestAnimationFrame(() => listRef.current?.focus())
            }}
          >
            Show the recovery phrase
          </button>
        </div>
      )}
      <label className="flex items-start gap-3 text-sm text-zinc-800 dark:text-zinc-200">
        <input
          type="checkbox"
          checked={written}
          onChange={(e) => setWritten(e.target.checked)}
          className="mt-0.5 size-4 rounded border-zinc-400 accent-indigo-600"
        />
        <span>
          I have written down all {words.length} words, in order, and keep them somewhere safe.
        </span>
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={BUTTON_PRIMARY}>
          Continue
        </button>
        <button type="button" className={BUTTON_SECONDARY} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/**
 * Step 2: three words of the phrase at random positions (crypto.getRandomValues), typed back, so a
 * wallet is only saved once its backup is known to exist.
 */
export function ConfirmPhrase({
  words,
  onConfirmed,
  onBack,
}: {
  words: readonly string[]
  onConfirmed: () => void
  onBack: () => void
}) {
  const [positions] = useState(() => pickConfirmationPositions(words.length))
  const [answers, setAnswers] = useState(() => positions.map(() => ''))
  const [wrong, setWrong] = useState<number[]>([])
  const inputs = useRef<(HTMLInputElement | null)[]>([])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const bad = wrongConfirmationWords(words, positions, answers)
    setWrong(bad)
    if (bad.length > 0) {
      inputs.current[positions.indexOf(bad[0]!)]?.focus()
      return
    }
    setAnswers(positions.map(() => ''))
    onConfirmed()
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <StepHeading>Step 2 of 3: confirm your recovery phrase</StepHeading>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Type these words from what you wrote down, to be sure your copy is complete.
      </p>
      <div className="grid gap-4 sm:grid-cols-3">
        {positions.map((pos, i) => (
          <TextField
            key={pos}
            label={`Word ${pos + 1}`}
            {...SECRET_TEXT}
            inputRef={(el) => {
              inputs.current[i] = el
            }}
            value={answers[i]}
            onChange={(e) => {
              const next = [...answers]
              next[i] = e.target.value
              setAnswers(next)
            }}
            error={wrong.includes(pos) ? `This is not word ${pos + 1} of your phrase.` : undefined}
          />
        ))}
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={BUTTON_PRIMARY}>
          Confirm words
        </button>
        <button type="button" className={BUTTON_SECONDARY} onClick={onBack}>
          Back to the phrase
        </button>
      </div>
    </form>
  )
}
