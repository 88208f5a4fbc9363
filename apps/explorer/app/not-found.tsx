import { EmptyState } from '@supernova/ui'
import type { Metadata } from 'next'
import Link from 'next/link'
import { SearchForm } from '../components/SearchForm'

export const metadata: Metadata = { title: 'Not found' }

export default function NotFound() {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Not found</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">
          There is no explorer page at this address.
        </p>
      </div>
      <SearchForm />
      <EmptyState title="Try a search instead">
        <p>
          Search takes a block height, a block hash, a transaction id or an address. Or go back to
          the{' '}
          <Link
            href="/"
            className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
          >
            explorer home
          </Link>
          .
        </p>
      </EmptyState>
    </div>
  )
}
