'use client'
import type { GetMempoolReturnType } from '@supernova/light-client'
import { Card, cx, DataTable, FOCUS_RING, formatBytes } from '@supernova/ui'
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import { describeHistogram, type HistogramRow, histogramRows } from '../../lib/mempool'
import { ClaimBadge } from './NodeClaim'

const pct = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.01 ? 1 : 0)}%`

function BucketTooltip({
  active,
  row,
}: {
  active: boolean | undefined
  row: HistogramRow | undefined
}) {
  if (!active || row === undefined) return null
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs text-zinc-800 shadow dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100">
      <p className="font-medium">{row.description}</p>
      <p>
        {row.count.toLocaleString('en-US')} transactions · {formatBytes(row.bytes)} ·{' '}
        {pct(row.share)}
      </p>
    </div>
  )
}

const COLUMNS = [
  { id: 'range', header: 'Fee rate (units/byte)', cell: (r: HistogramRow) => r.label, mono: true },
  {
    id: 'count',
    header: 'Transactions',
    align: 'end' as const,
    cell: (r: HistogramRow) => r.count.toLocaleString('en-US'),
  },
  {
    id: 'bytes',
    header: 'Size',
    align: 'end' as const,
    cell: (r: HistogramRow) => formatBytes(r.bytes),
  },
  { id: 'share', header: 'Share', align: 'end' as const, cell: (r: HistogramRow) => pct(r.share) },
]

/** The pool by fee rate: a bar chart, and the same numbers as a table. */
export function FeeHistogram({ summary }: { summary: GetMempoolReturnType }) {
  const rows = histogramRows(summary.histogram)
  const description = describeHistogram(rows)
  return (
    <Card
      title="Fee-rate histogram"
      description="Pending transactions by their own fee rate (fee ÷ size, base units per byte), in fixed ranges."
      action={<ClaimBadge claim={summary.verification} />}
    >
      <p className="sr-only">{description} The table after the chart lists every range.</p>
      <div className="text-zinc-600 dark:text-zinc-400">
        <BarChart
          responsive
          style={{ width: '100%', height: 240 }}
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          title="Pending transactions by fee rate"
          desc={description}
        >
          <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis
            dataKey="label"
            tick={{ fill: 'currentColor', fontSize: 11 }}
            stroke="currentColor"
            interval="preserveStartEnd"
          />
          <YAxis
            allowDecimals={false}
            tick={{ fill: 'currentColor', fontSize: 12 }}
            stroke="currentColor"
            width={48}
          />
          <Tooltip
            cursor={{ fill: 'currentColor', fillOpacity: 0.08 }}
            content={(props) => (
              <BucketTooltip
                active={props.active}
                row={props.payload?.[0]?.payload as HistogramRow | undefined}
              />
            )}
          />
          <Bar
            dataKey="count"
            name="Transactions"
            fill="#6366f1"
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </div>
      <details className="group mt-4 text-sm">
        <summary
          className={cx(
            'cursor-pointer rounded-md font-medium text-zinc-700 underline decoration-dotted underline-offset-4 dark:text-zinc-300',
            FOCUS_RING,
          )}
        >
          <span className="group-open:hidden">Show the histogram as a table</span>
          <span className="hidden group-open:inline">Hide the table</span>
        </summary>
        <DataTable
          className="mt-3"
          caption="Pending transactions by fee rate, as the node reports them"
          columns={COLUMNS}
          rows={rows}
          rowKey={(r) => r.from}
        />
      </details>
    </Card>
  )
}
