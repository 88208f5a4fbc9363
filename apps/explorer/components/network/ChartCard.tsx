'use client'
import { Card, cx, DataTable, type DataTableColumn, FOCUS_RING } from '@supernova/ui'
import type { ReactNode } from 'react'

/** Axis text and grid lines that follow the theme (recharts draws SVG with its own defaults). */
export const CHART_THEME = cx(
  'h-64 w-full text-xs',
  '[&_.recharts-cartesian-axis-tick_text]:fill-zinc-600 dark:[&_.recharts-cartesian-axis-tick_text]:fill-zinc-400',
  '[&_.recharts-cartesian-grid_line]:stroke-zinc-200 dark:[&_.recharts-cartesian-grid_line]:stroke-zinc-800',
  '[&_.recharts-surface]:outline-none',
)

/** Series colour: readable on white and on zinc-900. */
export const SERIES_COLOR = '#6366f1'
export const SERIES_COLOR_2 = '#10b981'

/** A themed tooltip: "Block 1,234" and each series with its formatted value. */
export function ChartTooltip({
  active,
  payload,
  label,
  format,
}: {
  active?: boolean | undefined
  payload?: readonly { dataKey?: unknown; name?: unknown; value?: unknown }[] | undefined
  label?: unknown
  format: (value: number, name: string) => string
}) {
  if (!active || payload === undefined || payload.length === 0) return null
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <p className="font-medium text-zinc-900 dark:text-zinc-50">
        Block {Number(label).toLocaleString('en-US')}
      </p>
      {payload.map((p) => (
        <p key={String(p.dataKey)} className="text-zinc-700 dark:text-zinc-300">
          {typeof p.value === 'number' ? format(p.value, String(p.name)) : '—'}
        </p>
      ))}
    </div>
  )
}

export type ChartCardProps<Row> = {
  title: string
  description: ReactNode
  /** The chart (a recharts element); hidden from screen readers, which get the table instead. */
  chart: ReactNode
  /** The same data as a table: the chart's text alternative. */
  rows: readonly Row[]
  columns: readonly DataTableColumn<Row>[]
  rowKey: (row: Row) => string | number
  /** A sentence summing the chart up (read before the disclosure). */
  summary: ReactNode
  action?: ReactNode
}

/** A chart with its summary in words and its data as a table behind a disclosure. */
export function ChartCard<Row>({
  title,
  description,
  chart,
  rows,
  columns,
  rowKey,
  summary,
  action,
}: ChartCardProps<Row>) {
  return (
    <Card title={title} description={description} action={action}>
      <p className="mb-3 text-sm text-zinc-700 dark:text-zinc-300">{summary}</p>
      <div className={CHART_THEME} aria-hidden="true">
        {chart}
      </div>
      <details className="mt-3 text-sm">
        <summary
          className={cx(
            'cursor-pointer rounded-md font-medium text-indigo-700 dark:text-indigo-300',
            FOCUS_RING,
          )}
        >
          Show the data as a table
        </summary>
        <DataTable
          caption={`${title}: data`}
          columns={columns}
          rows={[...rows].reverse()}
          rowKey={rowKey}
          className="relative mt-2"
        />
      </details>
    </Card>
  )
}
