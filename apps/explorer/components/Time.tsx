'use client'
import { formatRelativeTime } from '@supernova/ui'
import { useNow } from '../hooks/useNow'

/** A block time as "12 s ago", the exact UTC time in the tooltip and machine-readable. */
export function Age({ ms }: { ms: number }) {
  const now = useNow()
  const iso = new Date(ms).toISOString()
  return (
    <time
      dateTime={iso}
      title={`${iso.slice(0, 19).replace('T', ' ')} UTC`}
      className="whitespace-nowrap"
    >
      {formatRelativeTime(ms, now)}
    </time>
  )
}

/** A block time in UTC with its age: "2026-11-12 10:04:05 UTC (12 s ago)". */
export function Timestamp({ ms }: { ms: number }) {
  const iso = new Date(ms).toISOString()
  return (
    <span>
      <time dateTime={iso}>{`${iso.slice(0, 19).replace('T', ' ')} UTC`}</time>{' '}
      <span className="text-zinc-600 dark:text-zinc-400">
        (<Age ms={ms} />)
      </span>
    </span>
  )
}
