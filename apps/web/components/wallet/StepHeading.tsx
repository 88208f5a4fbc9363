'use client'
import { cx } from '@supernova/ui'
import { type ReactNode, useEffect, useRef } from 'react'

/**
 * A step's heading that takes focus when the step appears, so keyboard and screen-reader users
 * land on the new step instead of on a button that no longer exists.
 */
export function StepHeading({
  level = 2,
  children,
  className,
  focus = true,
}: {
  level?: 2 | 3
  children: ReactNode
  className?: string
  focus?: boolean
}) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focus) ref.current?.focus()
  }, [focus])
  const Tag = level === 2 ? 'h2' : 'h3'
  return (
    <Tag
      ref={ref}
      tabIndex={-1}
      className={cx(
        'font-semibold tracking-tight text-zinc-900 outline-none dark:text-zinc-50',
        level === 2 ? 'text-xl' : 'text-base',
        className,
      )}
    >
      {children}
    </Tag>
  )
}
