import type { Metadata } from 'next'
import Link from 'next/link'
import { ApiDocs } from '../../components/methodology/ApiDocs'
import { Limitations } from '../../components/methodology/Limitations'
import { MethodSteps } from '../../components/methodology/MethodSteps'
import { LINK } from '../../components/methodology/Prose'
import { SourceList } from '../../components/methodology/SourceList'

export const metadata: Metadata = { title: 'Methodology' }

export default function MethodologyPage() {
  return (
    <div className="space-y-8">
      <div className="max-w-3xl">
        <p className="text-sm">
          <Link href="/" className={LINK}>
            Environmental dashboard
          </Link>
        </p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight">Methodology</h1>
        <p className="mt-3 text-zinc-600 dark:text-zinc-400">
          Nobody can measure the electricity every miner uses. What can be verified is how much work
          the network does: the difficulty in each block header. The dashboard turns that verified
          work into power, energy, cost and emissions. Because the hardware doing the work and the
          grid feeding it are not known, every figure is a range — a lower bound, a best estimate
          and an upper bound — and every assumption is yours to change.
        </p>
        <nav aria-label="On this page" className="mt-4 text-sm">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            <li>
              <a href="#limitations" className={LINK}>
                Limitations
              </a>
            </li>
            <li>
              <a href="#data" className={LINK}>
                Data sources
              </a>
            </li>
            <li>
              <a href="#api" className={LINK}>
                JSON API
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <MethodSteps />
      <Limitations />
      <SourceList />
      <ApiDocs />
    </div>
  )
}
