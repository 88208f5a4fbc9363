import { EmptyState } from '@supernova/ui'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { paths } from '../lib/routes'
import { SearchForm } from './SearchForm'

export type NotFoundPanelProps = {
  title: ReactNode
  children?: ReactNode
  /** What was looked up, in order ("a block with this hash", …). */
  tried?: readonly ReactNode[]
  /** Offer a search box (leave it out where the page has one). Default true. */
  search?: boolean
}

/** A helpful dead end: what was not found, what was tried, and a search box to go on from. */
export function NotFoundPanel({ title, children, tried, search = true }: NotFoundPanelProps) {
  return (
    <div className="space-y-6">
      <EmptyState title={title}>
        {children}
        {tried !== undefined && tried.length > 0 && (
          <div className="mt-3 text-left">
            <p className="font-medium">What your browser looked for:</p>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {tried.map((t, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, in order.
                <li key={i}>{t}</li>
              ))}
            </ul>
          </div>
        )}
        <p className="mt-3">
          Search again, or go back to the{' '}
          <Link
            href={paths.home}
            className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
          >
            explorer home
          </Link>
          .
        </p>
      </EmptyState>
      {search && <SearchForm inputId="explorer-search-again" />}
    </div>
  )
}
