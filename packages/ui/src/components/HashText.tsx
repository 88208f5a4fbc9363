'use client'

import { useEffect, useRef, useState } from 'react'
import { shortHash } from '../format/hash'
import { cx, FOCUS_RING } from './cx'
import { CopyIcon } from './icons'

export type HashTextProps = {
  /** The full value (hex hash, txid or address); the copy button copies all of it. */
  value: string
  head?: number
  tail?: number
  /** Makes the shortened text a link (e.g. to the block page). */
  href?: string
  /** What the value is, for the copy button's label: "Copy block hash". */
  label?: string
  className?: string
}

type CopyState = 'idle' | 'copied' | 'failed'

const MESSAGE_MS = 2000

/**
 * A shortened monospace hash with the full value in a tooltip and a copy button. The result of
 * copying is announced through a polite live region ("Copied" / "Copy failed").
 */
export function HashText({
  value,
  head = 8,
  tail = 8,
  href,
  label = 'value',
  className,
}: HashTextProps) {
  const [state, setState] = useState<CopyState>('idle')
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  async function copy(): Promise<void> {
    clearTimeout(timer.current)
    try {
      await navigator.clipboard.writeText(value)
      setState('copied')
    } catch {
      // Clipboard access needs a secure context and permission; say so rather than fail silently.
      setState('failed')
    }
    timer.current = setTimeout(() => setState('idle'), MESSAGE_MS)
  }

  const text = shortHash(value, head, tail)
  const linkClass = cx(
    'rounded-sm text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300',
    FOCUS_RING,
  )
  return (
    <span className={cx('inline-flex items-center gap-1 font-mono text-sm', className)}>
      {href === undefined ? (
        <span title={value}>{text}</span>
      ) : (
        <a href={href} title={value} className={linkClass}>
          {text}
        </a>
      )}
      <button
        type="button"
        onClick={copy}
        className={cx(
          'inline-flex size-7 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100',
          FOCUS_RING,
        )}
      >
        <CopyIcon />
        <span className="sr-only">Copy full {label}</span>
      </button>
      <span aria-live="polite" className="font-sans text-xs text-zinc-600 dark:text-zinc-400">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </span>
  )
}
