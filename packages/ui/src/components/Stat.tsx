import type { ReactNode } from 'react'
import { cx } from './cx'

export type StatProps = {
  label: ReactNode
  /** The figure; `null` means "not available yet" and renders an em dash with a spoken reason. */
  value: ReactNode | null
  /** Small print under the value: unit, bound, source. */
  hint?: ReactNode
  className?: string
}

/** One labelled figure. Render inside {@link StatList} (a `<dl>`). */
export function Stat({ label, value, hint, className }: StatProps) {
  return (
    <div className={cx('min-w-0', className)}>
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums tracking-tight text-zinc-900 dark:text-zinc-50">
        {value === null ? (
          <>
            <span aria-hidden="true" className="text-zinc-400 dark:text-zinc-500">
              —
            </span>
            <span className="sr-only">Not available yet</span>
          </>
        ) : (
          value
        )}
      </dd>
      {hint !== undefined && (
        <dd className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{hint}</dd>
      )}
    </div>
  )
}

/** A responsive grid of {@link Stat}s. */
export function StatList({ children, className }: { children: ReactNode; className?: string }) {
  return <dl className={cx('grid grid-cols-1 gap-6 sm:grid-cols-3', className)}>{children}</dl>
}
