import type { ReactNode } from 'react'
import { cx } from './cx'

export type EmptyStateProps = {
  title: ReactNode
  /** What will appear here and why it is not here yet. */
  children?: ReactNode
  icon?: ReactNode
  className?: string
}

/** The honest placeholder for data that does not exist yet: says what will appear, and why not now. */
export function EmptyState({ title, children, icon, className }: EmptyStateProps) {
  return (
    <div
      className={cx(
        'flex flex-col items-center rounded-lg border border-dashed border-zinc-300 px-6 py-10 text-center dark:border-zinc-700',
        className,
      )}
    >
      {icon !== undefined && <div className="mb-3 text-zinc-500 dark:text-zinc-400">{icon}</div>}
      <p className="font-medium text-zinc-900 dark:text-zinc-100">{title}</p>
      {children !== undefined && (
        <div className="mt-2 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">{children}</div>
      )}
    </div>
  )
}
