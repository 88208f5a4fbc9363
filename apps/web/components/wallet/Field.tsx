'use client'
import { cx, FOCUS_RING } from '@supernova/ui'
import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type TextareaHTMLAttributes,
  useId,
} from 'react'

/** Input look shared by the wallet's forms; red border when invalid (with the message as text). */
export const INPUT_CLASS = cx(
  'block w-full rounded-lg border bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 dark:bg-zinc-950 dark:text-zinc-100 dark:placeholder:text-zinc-500',
  'border-zinc-300 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:aria-[invalid=true]:border-red-400',
  FOCUS_RING,
)

export const BUTTON_PRIMARY = cx(
  'inline-flex items-center justify-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 aria-disabled:cursor-not-allowed aria-disabled:opacity-60',
  FOCUS_RING,
)

export const BUTTON_SECONDARY = cx(
  'inline-flex items-center justify-center gap-2 rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-800 shadow-sm hover:bg-zinc-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800',
  FOCUS_RING,
)

export const BUTTON_DANGER = cx(
  'inline-flex items-center justify-center gap-2 rounded-lg bg-red-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-800 aria-disabled:cursor-not-allowed aria-disabled:opacity-60',
  FOCUS_RING,
)

type Common = {
  label: ReactNode
  /** Help shown under the field (tied with aria-describedby). */
  hint?: ReactNode
  /** What is wrong with the value; marks the field invalid and is read with it. */
  error?: string | undefined
  /** A positive check shown instead of the hint (e.g. "Valid devnet address"). */
  ok?: ReactNode
  /** Extra ids the field is described by (a strength meter…). */
  describedBy?: string
  className?: string
}

type InputProps = Common &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'className'> & { inputRef?: Ref<HTMLInputElement> }

/** Messages tied to a control: hint, ok and error paragraphs with their ids. */
function useMessages(p: Common) {
  const id = useId()
  const ids = {
    hint: p.hint === undefined ? undefined : `${id}-hint`,
    ok: p.ok === undefined || p.error ? undefined : `${id}-ok`,
    error: p.error ? `${id}-error` : undefined,
  }
  const describedBy = [ids.error, ids.ok, ids.hint, p.describedBy].filter(Boolean).join(' ')
  const messages = (
    <>
      {ids.error && (
        <p id={ids.error} className="mt-1.5 flex gap-1.5 text-sm text-red-700 dark:text-red-400">
          <span aria-hidden="true">✕</span>
          <span>{p.error}</span>
        </p>
      )}
      {ids.ok && (
        <p
          id={ids.ok}
          className="mt-1.5 flex gap-1.5 text-sm text-emerald-700 dark:text-emerald-400"
        >
          <span aria-hidden="true">✓</span>
          <span>{p.ok}</span>
        </p>
      )}
      {ids.hint && (
        <p id={ids.hint} className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">
          {p.hint}
        </p>
      )}
    </>
  )
  return { id, describedBy: describedBy || undefined, messages }
}

/** The label above a control, the control, then its messages; and the control's own attributes. */
function labelled(
  p: { label: ReactNode; className?: string | undefined; error?: ReactNode },
  m: ReturnType<typeof useMessages>,
) {
  const control = {
    id: m.id,
    'aria-invalid': p.error ? true : undefined,
    'aria-describedby': m.describedBy,
  }
  const wrap = (input: ReactNode) => (
    <div className={p.className}>
      <label htmlFor={m.id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {p.label}
      </label>
      {input}
      {m.messages}
    </div>
  )
  return { control, wrap }
}

/** A labelled text input whose hint and error are tied to it with aria-describedby. */
export function TextField({
  label,
  hint,
  error,
  ok,
  describedBy,
  className,
  inputRef,
  ...input
}: InputProps) {
  const m = useMessages({ label, hint, error, ok, ...(describedBy ? { describedBy } : {}) })
  const { control, wrap } = labelled({ label, className, error }, m)
  return wrap(
    <input {...input} ref={inputRef} {...control} className={cx(INPUT_CLASS, 'mt-1.5')} />,
  )
}

type AreaProps = Common &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'> & {
    inputRef?: Ref<HTMLTextAreaElement>
  }

/** A labelled textarea, like {@link TextField}. */
export function TextAreaField({
  label,
  hint,
  error,
  ok,
  describedBy,
  className,
  inputRef,
  ...area
}: AreaProps) {
  const m = useMessages({ label, hint, error, ok, ...(describedBy ? { describedBy } : {}) })
  const { control, wrap } = labelled({ label, className, error }, m)
  return wrap(
    <textarea
      {...area}
      ref={inputRef}
      {...control}
      className={cx(INPUT_CLASS, 'mt-1.5 font-mono')}
    />,
  )
}

/** Attributes that keep secrets out of autofill, spellcheck services and autocorrect. */
export const SECRET_TEXT = {
  autoComplete: 'off',
  autoCorrect: 'off',
  autoCapitalize: 'none',
  spellCheck: false,
} as const
