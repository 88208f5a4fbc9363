import type { ReactNode } from 'react'
import { ExplorerNav } from './ExplorerNav'

export type ExplorerPageProps = {
  /** The page's `<h1>`. */
  title: ReactNode
  /** A line under the title. */
  description?: ReactNode
  /** Beside the title (a verification badge, a copy button). */
  aside?: ReactNode
  children?: ReactNode
}

/** Every explorer page: the explorer navigation, the page heading, then the content. */
export function ExplorerPage({ title, description, aside, children }: ExplorerPageProps) {
  return (
    <div>
      <ExplorerNav />
      <div className="space-y-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="min-w-0">
            <h1 className="break-words text-3xl font-semibold tracking-tight">{title}</h1>
            {description !== undefined && (
              <div className="mt-2 max-w-3xl text-zinc-600 dark:text-zinc-400">{description}</div>
            )}
          </div>
          {aside}
        </div>
        {children}
      </div>
    </div>
  )
}
