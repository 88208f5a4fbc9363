'use client'
import { Card, cx, FOCUS_RING, FormatError, formatAmount, parseAmount } from '@supernova/ui'
import { useId, useState } from 'react'
import { formatEmissions, formatEnergy, formatNumber } from '../lib/format'
import { allocateToHolding, type Bounded, type Indicators } from '../lib/indicators'
import { ScrollTable } from './ScrollTable'

type Row = { id: string; label: string; values: Bounded; format: (n: number) => string }

export type HoldingCardProps = {
  indicators: Indicators
  /** Coins that can exist at the measured window's last block (base units). */
  supply: bigint
  supplyHeight: number
}

/** The typed holding in base units, or why it cannot be one. */
function readHolding(
  text: string,
  supply: bigint,
  height: number,
): { units?: bigint; error?: string } {
  try {
    const units = parseAmount(text)
    if (units > supply)
      return {
        error: `That is more than the ${formatAmount(supply)} that can exist at height ${height}.`,
      }
    return { units }
  } catch (e) {
    if (e instanceof FormatError) return { error: `${e.message}.` }
    throw e
  }
}

/**
 * Per-holding allocation (seed 000 §7.1): a holding carries the share of the network's yearly
 * energy and emissions that it is of the supply.
 */
export function HoldingCard({ indicators, supply, supplyHeight }: HoldingCardProps) {
  const id = useId()
  const [text, setText] = useState('1000')
  const { units, error } = readHolding(text, supply, supplyHeight)
  const allocation =
    units !== undefined && error === undefined
      ? allocateToHolding({ holding: units, supply, ...indicators })
      : undefined
  const rows: Row[] = allocation
    ? [
        {
          id: 'energy',
          label: 'Energy per year',
          values: allocation.energyKWhPerYear,
          format: formatEnergy,
        },
        {
          id: 'emissions',
          label: 'Emissions per year',
          values: allocation.emissionsTonnesPerYear,
          format: formatEmissions,
        },
      ]
    : []
  return (
    <Card
      title="Per holding"
      description="A holding is allocated the share of the network’s yearly energy and emissions that it is of the supply."
    >
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        Holding (NOVA)
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error !== undefined}
        aria-describedby={`${id}-note`}
        className={cx(
          'mt-1 w-full max-w-xs rounded-md border bg-white px-3 py-2 font-mono text-sm dark:bg-zinc-950',
          error === undefined
            ? 'border-zinc-300 dark:border-zinc-700'
            : 'border-red-600 dark:border-red-400',
          FOCUS_RING,
        )}
      />
      <p
        id={`${id}-note`}
        role={error === undefined ? undefined : 'alert'}
        className={cx(
          'mt-1 text-sm',
          error === undefined
            ? 'text-zinc-600 dark:text-zinc-400'
            : 'font-medium text-red-700 dark:text-red-300',
        )}
      >
        {error ??
          `${formatNumber((allocation?.share ?? 0) * 100)}% of the ${formatAmount(supply)} supply at height ${supplyHeight}.`}
      </p>
      <ScrollTable<Row>
        className="mt-4"
        caption="Allocation to this holding"
        columns={[
          { id: 'label', header: 'Figure', cell: (r) => r.label },
          {
            id: 'lower',
            header: 'Lower bound',
            cell: (r) => r.format(r.values.lower),
            align: 'end',
            mono: true,
          },
          {
            id: 'best',
            header: 'Best estimate',
            cell: (r) => r.format(r.values.best),
            align: 'end',
            mono: true,
          },
          {
            id: 'upper',
            header: 'Upper bound',
            cell: (r) => r.format(r.values.upper),
            align: 'end',
            mono: true,
          },
        ]}
        rows={rows}
        rowKey={(r) => r.id}
        empty="Enter a valid holding to see its allocation."
      />
    </Card>
  )
}
