'use client'
import { formatDuration, formatHashrate } from '@supernova/ui'
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { ChainPoint } from '../../lib/chainStats'
import { ChartCard, ChartTooltip, SERIES_COLOR } from './ChartCard'

const heightTick = (h: number) => h.toLocaleString('en-US')
const intervalText = (s: number) =>
  s < 0 ? `${s.toFixed(1)} s (earlier than its parent)` : formatDuration(s * 1000)
const hashrateText = (h: number) => formatHashrate(h)
const difficultyText = (d: number) => d.toLocaleString('en-US', { maximumSignificantDigits: 6 })

type SeriesKey = 'intervalS' | 'difficulty' | 'hashrate'

function LineOf({
  points,
  dataKey,
  name,
  format,
}: {
  points: readonly ChainPoint[]
  dataKey: SeriesKey
  name: string
  format: (v: number) => string
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart
        data={[...points]}
        accessibilityLayer={false}
        margin={{ top: 8, right: 12, bottom: 4, left: 4 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="height" tickFormatter={heightTick} minTickGap={24} />
        <YAxis width={72} tickFormatter={(v: number) => format(v)} />
        <Tooltip
          content={(p) => (
            <ChartTooltip
              active={p.active}
              payload={p.payload}
              label={p.label}
              format={(v) => format(v)}
            />
          )}
        />
        <Line
          type="monotone"
          dataKey={dataKey}
          name={name}
          stroke={SERIES_COLOR}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
      </LineChart>
    </ResponsiveContainer>
  )
}

const HEIGHT_COLUMN = {
  id: 'height',
  header: 'Block',
  mono: true,
  cell: (p: ChainPoint) => heightTick(p.height),
}

/** Block interval, difficulty and hashrate charts over consecutive verified headers. */
export function HeaderCharts({
  points,
  window,
}: {
  points: readonly ChainPoint[]
  window: number
}) {
  const first = points[0]?.height
  const last = points.at(-1)?.height
  const range =
    first === undefined || last === undefined
      ? 'no blocks yet'
      : `blocks ${heightTick(first)}–${heightTick(last)}`
  const intervals = points.map((p) => p.intervalS)
  const mean =
    intervals.length === 0 ? undefined : intervals.reduce((a, b) => a + b, 0) / intervals.length
  const newest = points.at(-1)
  return (
    <>
      <ChartCard
        title="Block interval"
        description={`Seconds between each block's timestamp and its parent's, ${range}. From verified headers.`}
        summary={
          mean === undefined
            ? 'Not enough verified headers yet.'
            : `Average ${intervalText(mean)}; shortest ${intervalText(Math.min(...intervals))}, longest ${intervalText(Math.max(...intervals))}.`
        }
        chart={
          <LineOf
            points={points}
            dataKey="intervalS"
            name="Interval"
            format={(v) => `${Number(v.toFixed(1))} s`}
          />
        }
        rows={points}
        rowKey={(p) => p.height}
        columns={[
          HEIGHT_COLUMN,
          {
            id: 'interval',
            header: 'Interval',
            align: 'end',
            cell: (p) => intervalText(p.intervalS),
          },
        ]}
      />
      <ChartCard
        title="Difficulty"
        description={`Each header's target relative to the easiest allowed one, ${range}. From verified headers.`}
        summary={
          newest === undefined
            ? 'Not enough verified headers yet.'
            : `Now ${difficultyText(newest.difficulty)}.`
        }
        chart={
          <LineOf points={points} dataKey="difficulty" name="Difficulty" format={difficultyText} />
        }
        rows={points}
        rowKey={(p) => p.height}
        columns={[
          HEIGHT_COLUMN,
          {
            id: 'difficulty',
            header: 'Difficulty',
            align: 'end',
            cell: (p) => difficultyText(p.difficulty),
          },
        ]}
      />
      <ChartCard
        title="Hashrate (estimate)"
        description={`Work of the last ${window} blocks ÷ the time they took, ${range}. Estimated from verified headers' targets and timestamps: no miner reports it.`}
        summary={
          newest?.hashrate === undefined
            ? 'Not enough verified headers yet.'
            : `Now about ${hashrateText(newest.hashrate)}.`
        }
        chart={<LineOf points={points} dataKey="hashrate" name="Hashrate" format={hashrateText} />}
        rows={points}
        rowKey={(p) => p.height}
        columns={[
          HEIGHT_COLUMN,
          {
            id: 'hashrate',
            header: 'Hashrate',
            align: 'end',
            cell: (p) => (p.hashrate === undefined ? '—' : hashrateText(p.hashrate)),
          },
        ]}
      />
    </>
  )
}
