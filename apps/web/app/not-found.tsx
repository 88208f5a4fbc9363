import { EmptyState } from '@supernova/ui'
import type { Metadata } from 'next'

export const metadata: Metadata = { title: 'Page not found' }

const LINK = 'font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300'

export default function NotFound() {
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">There is no page at this address.</p>
      <EmptyState
        title="Looking for something on chain?"
        className="mt-8 bg-white dark:bg-zinc-900"
      >
        <p>
          Blocks, transactions and addresses live in the{' '}
          <a href="/explorer" className={LINK}>
            explorer
          </a>
          ; network energy figures in the{' '}
          <a href="/dashboard" className={LINK}>
            dashboard
          </a>
          . Or go back to the{' '}
          <a href="/" className={LINK}>
            home page
          </a>
          .
        </p>
      </EmptyState>
    </div>
  )
}
