import { Card } from '@supernova/ui'
import { GRID_DATA } from '../../lib/grid'
import { HARDWARE_TABLE } from '../../lib/hardware'
import { GridCard, HardwareCard } from '../DataSets'
import { LINK } from './Prose'

/** Every source of both datasets, the datasets themselves, and how they were made. */
export function SourceList() {
  const sources = [...Object.values(HARDWARE_TABLE.sources), ...Object.values(GRID_DATA.sources)]
  return (
    <section id="data" aria-labelledby="data-heading" className="space-y-4">
      <h2 id="data-heading" className="text-xl font-semibold tracking-tight">
        Data sources
      </h2>
      <Card title="How the data was made" headingLevel={3}>
        <div className="space-y-3 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
          <p>
            Both datasets ship with the dashboard as versioned JSON (hardware table{' '}
            {HARDWARE_TABLE.version}, grid data {GRID_DATA.version} for {GRID_DATA.dataYear}), with
            their derivation in <code>apps/dashboard/data/SOURCES.md</code>. {GRID_DATA.transcribed}
          </p>
          <p>{HARDWARE_TABLE.method}</p>
          <ul className="list-disc space-y-1 pl-5">
            {sources.map((s) => (
              <li key={s.url + s.title}>
                <a href={s.url} className={LINK} rel="noreferrer">
                  {s.title}
                </a>{' '}
                — {s.publisher}, {s.year}
              </li>
            ))}
            <li>
              <a href="https://ccaf.io/cbnsi/cbeci/methodology" className={LINK} rel="noreferrer">
                Cambridge Bitcoin Electricity Consumption Index: methodology
              </a>{' '}
              — Cambridge Centre for Alternative Finance (the bounds method)
            </li>
          </ul>
        </div>
      </Card>
      <HardwareCard headingLevel={3} />
      <GridCard headingLevel={3} />
    </section>
  )
}
