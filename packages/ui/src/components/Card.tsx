import { type ReactNode, useId } from 'react'
import { cx } from './cx'

export type CardProps = {
  /** Heading of the card; rendered as `<h2>` unless `headingLevel` says otherwise. */
  title?: ReactNode
  headingLevel?: 2 | 3
  /** One line under the title. */
  description?: ReactNode
  /** Extra content aligned right of the title (a badge, a link). */
  action?: ReactNode
  id?: string
  className?: string
  children?: ReactNode
}

/** A bordered panel; a `<section>` labelled by its title when it has one. */
export function Card({
  title,
  headingLevel = 2,
  description,
  action,
  id,
  className,
  children,
}: CardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const headingId = useId()
  return (
    <section
      id={id}
      aria-labelledby={title === undefined ? undefined : headingId}
      className={cx(
        'min-w-0 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6 dark:border-zinc-800 dark:bg-zinc-900',
        className,
      )}
    >
      {title !== undefined && (
        <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
          <div>
            <Heading
              id={headingId}
              className="text-base font-semibold text-zinc-900 dark:text-zinc-50"
            >
              {title}
            </Heading>
            {description !== undefined && (
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
            )}
          </div>
          {action}
        </div>
      )}
      {children}
    </section>
  )
}
