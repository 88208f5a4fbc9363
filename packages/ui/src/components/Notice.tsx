import type { ReactNode } from 'react'
import { cx } from './cx'
import { CheckCircleIcon, InfoIcon, WarningIcon } from './icons'

export type NoticeTone = 'info' | 'success' | 'warning' | 'error'

const TONES: Record<NoticeTone, { className: string; icon: ReactNode }> = {
  info: {
    className:
      'border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950/60 dark:text-sky-100',
    icon: <InfoIcon className="mt-0.5 size-5 shrink-0 text-sky-700 dark:text-sky-300" />,
  },
  success: {
    className:
      'border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-100',
    icon: (
      <CheckCircleIcon className="mt-0.5 size-5 shrink-0 text-emerald-700 dark:text-emerald-300" />
    ),
  },
  warning: {
    className:
      'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100',
    icon: <WarningIcon className="mt-0.5 size-5 shrink-0 text-amber-700 dark:text-amber-300" />,
  },
  error: {
    className:
      'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100',
    icon: <WarningIcon className="mt-0.5 size-5 shrink-0 text-red-700 dark:text-red-300" />,
  },
}

export type NoticeProps = {
  tone?: NoticeTone
  title?: ReactNode
  children?: ReactNode
  className?: string
}

/**
 * A static callout. Errors use `role="alert"` so they are announced; the rest are `role="note"`.
 */
export function Notice({ tone = 'info', title, children, className }: NoticeProps) {
  const spec = TONES[tone]
  return (
    <div
      role={tone === 'error' ? 'alert' : 'note'}
      data-tone={tone}
      className={cx('flex gap-3 rounded-lg border p-4 text-sm', spec.className, className)}
    >
      {spec.icon}
      <div className="min-w-0">
        {title !== undefined && <p className="font-semibold">{title}</p>}
        {children !== undefined && (
          <div className={cx(title !== undefined && 'mt-1', 'leading-relaxed')}>{children}</div>
        )}
      </div>
    </div>
  )
}
