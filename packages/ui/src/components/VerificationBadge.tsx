import type { ReactNode } from 'react'
import { cx } from './cx'
import { CheckCircleIcon, ClockIcon, LockIcon, WarningIcon } from './icons'

/** How far the browser has checked a piece of data. */
export type VerificationStatus = 'verified' | 'final' | 'unverified' | 'pending'

type BadgeSpec = { text: string; description: string; className: string; icon: ReactNode }

/** Visible text and the longer explanation read to screen readers and shown as a tooltip. */
export const VERIFICATION_LABELS: Readonly<
  Record<VerificationStatus, { text: string; description: string }>
> = {
  verified: {
    text: 'Verified',
    description: 'Verified in your browser: the light client checked the proof.',
  },
  final: {
    text: 'Final',
    description:
      'Final: covered by a finality certificate your browser checked. It cannot be reverted.',
  },
  unverified: {
    text: 'Unverified',
    description: 'Warning: not verified by your browser. Do not rely on this value.',
  },
  pending: {
    text: 'Pending',
    description: 'Pending: your browser is still verifying this.',
  },
}

const SPECS: Record<VerificationStatus, BadgeSpec> = {
  verified: {
    ...VERIFICATION_LABELS.verified,
    className:
      'border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-300',
    icon: <CheckCircleIcon />,
  },
  final: {
    ...VERIFICATION_LABELS.final,
    className:
      'border-sky-300 bg-sky-50 text-sky-800 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-300',
    icon: <LockIcon />,
  },
  unverified: {
    ...VERIFICATION_LABELS.unverified,
    className:
      'border-amber-400 bg-amber-50 text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-300',
    icon: <WarningIcon />,
  },
  pending: {
    ...VERIFICATION_LABELS.pending,
    className:
      'border-zinc-300 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300',
    icon: <ClockIcon />,
  },
}

export type VerificationBadgeProps = { status: VerificationStatus; className?: string }

/**
 * A pill saying how far the browser checked a value: text + icon + an explanation for screen
 * readers (never colour alone). `unverified` is styled as a warning.
 */
export function VerificationBadge({ status, className }: VerificationBadgeProps) {
  const spec = SPECS[status]
  return (
    <span
      className={cx(
        'inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium',
        spec.className,
        className,
      )}
      title={spec.description}
      data-status={status}
    >
      {spec.icon}
      <span aria-hidden="true">{spec.text}</span>
      <span className="sr-only">{spec.description}</span>
    </span>
  )
}
