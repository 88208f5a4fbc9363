import Link from 'next/link'
import { DashboardView } from '../components/DashboardView'

const LINK = 'font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300'

export default function DashboardHome() {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Environmental dashboard</h1>
        <p className="mt-2 max-w-3xl text-zinc-600 dark:text-zinc-400">
          How much power the SuperNova network draws, how much energy it uses in a year and what
          that emits — estimated from the difficulty your browser verified, and given as a lower
          bound, a best estimate and an upper bound rather than one number.{' '}
          <Link href="/methodology" className={LINK}>
            How the estimate is made
          </Link>{' '}
          ·{' '}
          <Link href="/methodology#api" className={LINK}>
            JSON API
          </Link>
        </p>
      </div>
      <DashboardView />
    </div>
  )
}
