'use client'
import { cx, FOCUS_RING } from '@supernova/ui'
import { type ReactNode, useEffect, useId, useState } from 'react'
import { parseRangeInput, type Range } from '../lib/assumptions'

export type NumberFieldProps = {
  label: ReactNode
  /** The value in use; the field shows it again when it changes from outside (a reset). */
  value: number
  range: Range
  /** Called with each valid value typed. */
  onCommit: (value: number) => void
  /** Unit or explanation under the field. */
  hint: ReactNode
  /** Extra error the parent knows of (e.g. a mix with no weight). */
  error?: string | undefined
  className?: string
}

/**
 * A labelled decimal input: what is typed stays as typed; a valid number within the range is
 * committed at once, an invalid one shows why (announced, linked to the field) and the last valid
 * value stays in use.
 */
export function NumberField({
  label,
  value,
  range,
  onCommit,
  hint,
  error,
  className,
}: NumberFieldProps) {
  const id = useId()
  const [text, setText] = useState(String(value))
  useEffect(() => {
    setText((t) => (parseRangeInput(t, range) === value ? t : String(value)))
  }, [value, range])
  const parsed = parseRangeInput(text, range)
  const message = parsed === undefined ? `Enter a number from ${range.min} to ${range.max}.` : error
  return (
    <div className={cx('min-w-0', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        aria-invalid={message !== undefined}
        aria-describedby={`${id}-hint${message === undefined ? '' : ` ${id}-error`}`}
        onChange={(e) => {
          setText(e.target.value)
          const v = parseRangeInput(e.target.value, range)
          if (v !== undefined) onCommit(v)
        }}
        className={cx(
          'mt-1 w-full rounded-md border bg-white px-3 py-2 font-mono text-sm text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100',
          message === undefined
            ? 'border-zinc-300 dark:border-zinc-700'
            : 'border-red-600 dark:border-red-400',
          FOCUS_RING,
        )}
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        {hint}
      </p>
      {message !== undefined && (
        <p
          id={`${id}-error`}
          role="alert"
          className="mt-1 text-xs font-medium text-red-700 dark:text-red-300"
        >
          {message}
        </p>
      )}
    </div>
  )
}
