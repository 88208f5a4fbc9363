import { Card } from '@supernova/ui'
import type { ReactNode } from 'react'
import { formatHashes, formatNumber, formatPercent } from '../lib/format'
import { GRID_DATA, type GridRegion } from '../lib/grid'
import type { DataSource } from '../lib/hardware'
import { HARDWARE_TABLE, type HardwareRow, joulesPerHash } from '../lib/hardware'
import { ScrollTable } from './ScrollTable'

const LINK = 'font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300'

/** A source as a link with its publisher and year. */
export function SourceLink({ source }: { source: DataSource }): ReactNode {
  return (
    <a href={source.url} className={LINK} rel="noreferrer">
      {source.publisher} ({source.year})
    </a>
  )
}

function Sources({
  ids,
  sources,
}: {
  ids: readonly string[]
  sources: Record<string, DataSource>
}) {
  return (
    <ul className="space-y-0.5 text-xs">
      {[...new Set(ids)].map((id) => (
        <li key={id}>{sources[id] ? <SourceLink source={sources[id]} /> : id}</li>
      ))}
    </ul>
  )
}

/** The hardware-efficiency table with its version, derivation and sources. */
export function HardwareCard({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const t = HARDWARE_TABLE
  return (
    <Card
      headingLevel={headingLevel}
      title={`Hardware efficiency · table ${t.version}`}
      description="CPUs and GPUs that can compute SuperNova’s proof of work (BLAKE3 over the header). Derived from spec sheets, not measured; see the methodology."
    >
      <ScrollTable<HardwareRow>
        minWidth="min-w-[56rem]"
        caption={`Hardware-efficiency table ${t.version}, published ${t.published}`}
        captionHidden
        columns={[
          { id: 'name', header: 'Hardware', cell: (r) => `${r.name} (${r.released})` },
          { id: 'class', header: 'Class', cell: (r) => r.class.toUpperCase() },
          {
            id: 'power',
            header: 'Rated power',
            cell: (r) => `${r.powerWatts} W`,
            align: 'end',
            mono: true,
          },
          {
            id: 'rate',
            header: 'Hashrate',
            cell: (r) => formatHashes(r.hashesPerSecond),
            align: 'end',
            mono: true,
          },
          {
            id: 'j',
            header: 'J/hash',
            cell: (r) => formatNumber(joulesPerHash(r)),
            align: 'end',
            mono: true,
          },
          {
            id: 'share',
            header: 'Weight',
            cell: (r) => formatPercent(r.share / t.rows.reduce((s, x) => s + x.share, 0)),
            align: 'end',
            mono: true,
          },
          {
            id: 'src',
            header: 'Sources',
            cell: (r) => <Sources ids={r.sources} sources={t.sources} />,
          },
        ]}
        rows={t.rows}
        rowKey={(r) => r.id}
      />
      <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
        {t.weighting} {t.excluded[0]?.reason}
      </p>
    </Card>
  )
}

/** The grid-intensity dataset with its year, edition note and sources. */
export function GridCard({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const g = GRID_DATA
  return (
    <Card
      headingLevel={headingLevel}
      title={`Grid intensity · ${g.dataYear} data, version ${g.version}`}
      description={`${g.basis} ${g.transcribed}`}
    >
      <ScrollTable<GridRegion>
        caption={`Grid carbon intensity and renewable share by region, ${g.dataYear}`}
        captionHidden
        columns={[
          { id: 'name', header: 'Region', cell: (r) => r.name },
          {
            id: 'intensity',
            header: 'gCO2e/kWh',
            cell: (r) => r.intensity,
            align: 'end',
            mono: true,
          },
          {
            id: 'renewable',
            header: 'Renewable',
            cell: (r) => formatPercent(r.renewableShare),
            align: 'end',
            mono: true,
          },
          {
            id: 'src',
            header: 'Sources',
            cell: (r) => (
              <Sources ids={[r.sources.intensity, r.sources.renewableShare]} sources={g.sources} />
            ),
          },
        ]}
        rows={g.regions}
        rowKey={(r) => r.id}
      />
    </Card>
  )
}
