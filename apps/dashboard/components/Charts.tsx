'use client'
import { Card, cx, FOCUS_RING } from '@supernova/ui'
import type { ReactNode } from 'react'
import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts'
import { formatEmissions, formatHashes, formatPower } from '../lib/format'
import type { SeriesPoint } from '../lib/series'
import { ScrollTable } from './ScrollTable'

const time = (ms: number) => new Date(ms).toLocaleTimeString()

type ChartSpec = {
  title: string
  description: string
  /** What the chart shows, for screen readers (the table follows it). */
  summary: string
  format: (n: number) => string
  best: keyof SeriesPoint
  band?: keyof SeriesPoint
  color: string
}

type TooltipEntry = { dataKey?: unknown; name?: unknown; value?: unknown; payload?: unknown }

function ChartTooltip({
  active,
  payload,
  format,
}: {
  active: boolean | undefined
  payload: readonly TooltipEntry[] | undefined
  format: (n: number) => string
}) {
  const point = payload?.[0]?.payload as SeriesPoint | undefined
  if (!active || point === undefined) return null
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs text-zinc-800 shadow dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100">
      <p className="font-medium">
        Blocks {point.fromHeight + 1}–{point.toHeight} · {time(point.time)}
      </p>
      {(payload ?? []).map((p) => (
        <p key={String(p.dataKey)}>
          {String(p.name)}:{' '}
          {Array.isArray(p.value)
            ? `${format(Number(p.value[0]))} – ${format(Number(p.value[1]))}`
            : format(Number(p.value))}
        </p>
      ))}
    </div>
  )
}

function SeriesChart({ spec, points }: { spec: ChartSpec; points: SeriesPoint[] }) {
  return (
    <div className="text-zinc-600 dark:text-zinc-400">
      <ComposedChart
        responsive
        style={{ width: '100%', height: 240 }}
        data={points}
        margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
        title={spec.title}
        desc={spec.summary}
      >
        <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
        <XAxis
          dataKey="midTime"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={time}
          tick={{ fill: 'currentColor', fontSize: 12 }}
          stroke="currentColor"
          minTickGap={40}
        />
        <YAxis
          tickFormatter={spec.format}
          tick={{ fill: 'currentColor', fontSize: 12 }}
          stroke="currentColor"
          width={80}
        />
        <Tooltip
          content={(props) => (
            <ChartTooltip active={props.active} payload={props.payload} format={spec.format} />
          )}
        />
        {spec.band !== undefined && (
          <Area
            type="step"
            dataKey={spec.band}
            name="Lower – upper bound"
            stroke="none"
            fill={spec.color}
            fillOpacity={0.2}
            isAnimationActive={false}
          />
        )}
        <Line
          type="step"
          dataKey={spec.best}
          name={spec.band === undefined ? 'Value' : 'Best estimate'}
          stroke={spec.color}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </div>
  )
}

/** The same points as a table: the chart's text alternative. */
function SeriesTable({ spec, points }: { spec: ChartSpec; points: SeriesPoint[] }) {
  const value = (key: keyof SeriesPoint) => (p: SeriesPoint) => {
    const v = p[key]
    return Array.isArray(v) ? `${spec.format(v[0])} – ${spec.format(v[1])}` : spec.format(Number(v))
  }
  return (
    <ScrollTable<SeriesPoint>
      caption={`${spec.title}, per window of blocks`}
      columns={[
        {
          id: 'blocks',
          header: 'Blocks',
          cell: (p) => `${p.fromHeight + 1}–${p.toHeight}`,
          mono: true,
        },
        { id: 'time', header: 'Until', cell: (p) => time(p.time) },
        {
          id: 'best',
          header: spec.band === undefined ? 'Value' : 'Best estimate',
          cell: value(spec.best),
          align: 'end',
          mono: true,
        },
        ...(spec.band === undefined
          ? []
          : [
              {
                id: 'band',
                header: 'Lower – upper bound',
                cell: value(spec.band),
                align: 'end' as const,
                mono: true,
              },
            ]),
      ]}
      rows={[...points].reverse()}
      rowKey={(p) => p.toHeight}
    />
  )
}

function ChartCard({
  spec,
  points,
  proof,
}: {
  spec: ChartSpec
  points: SeriesPoint[]
  proof: ReactNode
}) {
  return (
    <Card title={spec.title} headingLevel={3} description={spec.description}>
      <figure>
        <SeriesChart spec={spec} points={points} />
        <figcaption className="sr-only">{spec.summary}</figcaption>
      </figure>
      <details className="group mt-3 text-sm">
        <summary
          className={cx(
            'cursor-pointer rounded-md text-zinc-700 underline decoration-dotted underline-offset-4 dark:text-zinc-300',
            FOCUS_RING,
          )}
        >
          Show the data as a table
        </summary>
        <div className="mt-2">
          <SeriesTable spec={spec} points={points} />
        </div>
      </details>
      {proof}
    </Card>
  )
}

export type ChartsProps = {
  points: SeriesPoint[]
  /** The proof disclosure of the headers the points were computed from. */
  proof: ReactNode
}

/** Hashrate, power and emissions over the verified headers, each with bound bands and a table. */
export function Charts({ points, proof }: ChartsProps) {
  const first = points[0]
  const last = points[points.length - 1]
  const span = first && last ? `blocks ${first.fromHeight + 1}–${last.toHeight}` : 'no blocks yet'
  const specs: ChartSpec[] = [
    {
      title: 'Hashrate',
      description:
        'Work of each window’s blocks (from their bits) ÷ its duration; each step is one window.',
      summary: `Network hashrate over ${span}, in ${points.length} windows.`,
      format: formatHashes,
      best: 'hashrate',
      color: '#6366f1',
    },
    {
      title: 'Power',
      description:
        'Hashrate × hardware efficiency × PUE; the band spans the lower and upper bound.',
      summary: `Estimated power over ${span}: best estimate line inside the lower–upper bound band.`,
      format: formatPower,
      best: 'powerBest',
      band: 'powerBand',
      color: '#0ea5e9',
    },
    {
      title: 'Emissions',
      description: 'Yearly emissions at each window’s power and your region mix.',
      summary: `Estimated emissions per year over ${span}, best estimate and bounds.`,
      format: formatEmissions,
      best: 'emissionsBest',
      band: 'emissionsBand',
      color: '#d97706',
    },
  ]
  return (
    <section aria-labelledby="charts-heading" className="space-y-4">
      <h2 id="charts-heading" className="text-xl font-semibold tracking-tight">
        Over time
      </h2>
      <div className="grid gap-6 xl:grid-cols-3">
        {specs.map((spec) => (
          <ChartCard key={spec.title} spec={spec} points={points} proof={proof} />
        ))}
      </div>
    </section>
  )
}
