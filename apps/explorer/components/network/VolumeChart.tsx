'use client'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { VolumePoint } from '../../lib/chainStats'
import { ChartCard, ChartTooltip, SERIES_COLOR, SERIES_COLOR_2 } from './ChartCard'

/** Transactions per block, coinbase apart from transfers, over the fetched blocks. */
export function VolumeChart({
  points,
  heights,
  failed,
}: {
  points: readonly VolumePoint[]
  /** Blocks that could not be fetched and verified (after retries). */
  failed: number
  /** Every height charted: blocks not verified yet are gaps, not missing positions. */
  heights: readonly number[]
}) {
  const wanted = heights.length
  const byHeight = new Map(points.map((p) => [p.height, p]))
  const data = heights.map((height) => byHeight.get(height) ?? { height })
  const total = points.reduce((s, p) => s + p.txCount, 0)
  const transfers = points.reduce((s, p) => s + p.transfers, 0)
  return (
    <ChartCard
      title="Transaction volume"
      description={`Transactions in each of the newest ${wanted} blocks, from the blocks themselves: each was fetched and checked against its verified header (txRoot and filter recomputed).`}
      summary={
        points.length === 0
          ? 'No verified blocks yet.'
          : `${points.length.toLocaleString('en-US')} of ${wanted} blocks verified so far: ${total.toLocaleString('en-US')} transactions, ${transfers.toLocaleString('en-US')} of them transfers (the rest are coinbases).${failed > 0 ? ` ${failed} could not be verified yet: they are left out, never guessed.` : ''}`
      }
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            accessibilityLayer={false}
            margin={{ top: 8, right: 12, bottom: 4, left: 4 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="height"
              tickFormatter={(h: number) => h.toLocaleString('en-US')}
              minTickGap={24}
            />
            <YAxis width={40} allowDecimals={false} />
            <Tooltip
              content={(p) => (
                <ChartTooltip
                  active={p.active}
                  payload={p.payload}
                  label={p.label}
                  format={(v, name) => `${name}: ${v}`}
                />
              )}
            />
            <Legend />
            <Bar
              dataKey="transfers"
              name="Transfers"
              stackId="txs"
              fill={SERIES_COLOR}
              isAnimationActive={false}
            />
            <Bar
              dataKey="coinbase"
              name="Coinbase"
              stackId="txs"
              fill={SERIES_COLOR_2}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      }
      rows={points}
      rowKey={(p) => p.height}
      columns={[
        {
          id: 'height',
          header: 'Block',
          mono: true,
          cell: (p) => p.height.toLocaleString('en-US'),
        },
        { id: 'txs', header: 'Transactions', align: 'end', cell: (p) => p.txCount },
        { id: 'transfers', header: 'Transfers', align: 'end', cell: (p) => p.transfers },
      ]}
    />
  )
}
