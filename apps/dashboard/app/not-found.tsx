import { EmptyState } from '@supernova/ui'
import type { Metadata } from 'next'
import Link from 'next/link'

export const metadata: Metadata = { title: 'Not found' }

const LINK = 'font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300'

export default function NotFound() {
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        There is no dashboard page at this address.
      </p>
      <EmptyState title="Where to go instead" className="mt-8">
        <p>
          The{' '}
          <Link href="/" className={LINK}>
            dashboard
          </Link>{' '}
          shows the network's power, energy and emissions; the{' '}
          <Link href="/methodology" className={LINK}>
            methodology
          </Link>{' '}
          explains how they are estimated.
        </p>
      </EmptyState>
    </div>
  )
}
