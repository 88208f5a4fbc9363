'use client'
import { cx, FOCUS_RING, shortHash } from '@supernova/ui'
import Link from 'next/link'
import { useEffect, useRef, useState } from 'react'

type CopyState = 'idle' | 'copied' | 'failed'

/** A copy button for `value`, announcing the result politely ("Copied" / "Copy failed"). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<CopyState>('idle')
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])
  async function copy(): Promise<void> {
    clearTimeout(timer.current)
    try {
      await navigator.clipboard.writeText(value)
      setState('copied')
    } catch {
      // Clipboard access needs a secure context and permission: say so rather than fail silently.
      setState('failed')
    }
    timer.current = setTimeout(() => setState('idle'), 2000)
  }
  return (
    <>
      <button
        type="button"
        onClick={copy}
        className={cx(
          'inline-flex size-7 shrink-0 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100',
          FOCUS_RING,
        )}
      >
        <svg
          viewBox="0 0 20 20"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          aria-hidden="true"
          className="size-4"
        >
          <rect x="7" y="7" width="10" height="10" rx="2" />
          <path d="M13 7V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h2" />
        </svg>
        <span className="sr-only">Copy full {label}</span>
      </button>
      <span aria-live="polite" className="font-sans text-xs text-zinc-600 dark:text-zinc-400">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </>
  )
}

export type HashLinkProps = {
  /** The full value (hash, txid, address); the copy button copies all of it. */
  value: string
  /** An explorer path without the basePath (`/tx/…`); omitted: plain text. */
  href?: string
  /** What the value is: "transaction id" → "Copy full transaction id". */
  label: string
  head?: number
  tail?: number
  /** Show the whole value, wrapping, instead of shortening it. */
  full?: boolean
  className?: string
}

/**
 * A hash, txid or address in monospace — shortened (full value in the tooltip) or whole — as an
 * in-zone link (next/link, no reload) with a copy button.
 */
export function HashLink({
  value,
  href,
  label,
  head = 8,
  tail = 8,
  full = false,
  className,
}: HashLinkProps) {
  const text = full ? value : shortHash(value, head, tail)
  // A shortened value never wraps; a whole one wraps anywhere (hex has no break points).
  const textClass = full ? 'break-all' : 'whitespace-nowrap'
  return (
    <span className={cx('inline-flex max-w-full items-center gap-1 font-mono text-sm', className)}>
      {href === undefined ? (
        <span title={value} className={textClass}>
          {text}
        </span>
      ) : (
        <Link
          href={href}
          title={value}
          className={cx(
            'min-w-0 rounded-sm text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300',
            textClass,
            FOCUS_RING,
          )}
        >
          {text}
        </Link>
      )}
      <CopyButton value={value} label={label} />
    </span>
  )
}
