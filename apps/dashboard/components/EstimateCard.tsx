'use client'
import { Card, Stat, StatList } from '@supernova/ui'
import { ProofDetails, type VerificationInfo } from '@supernova/ui/chain'
import type { ReactNode } from 'react'
import { formatEmissions, formatEnergy, formatPower, formatUsd } from '../lib/format'
import type { Bounded, Indicators } from '../lib/indicators'
import { ScrollTable } from './ScrollTable'

type Row = {
  id: string
  label: ReactNode
  values: Bounded | null
  format: (n: number) => string
  none?: string
}

/** A figure's three bounds in a sentence, for the headline's small print. */
function range(b: Bounded, format: (n: number) => string): string {
  return `range ${format(b.lower)} – ${format(b.upper)}`
}

export type EstimateCardProps = {
  indicators: Indicators
  /** The newest header of the measured window, and how many blocks it spans. */
  verification: VerificationInfo
  proof: ReactNode
  /** Why there is no per-transaction figure, when there is none. */
  perTransactionNote: string
}

/**
 * The estimate: headline best figures with their ranges, and every figure with its lower bound,
 * best estimate and upper bound in one table, all derived from the verified window.
 */
export function EstimateCard({
  indicators: i,
  verification,
  proof,
  perTransactionNote,
}: EstimateCardProps) {
  const perTx = i.perTransaction
  const rows: Row[] = [
    { id: 'power', label: 'Power (with PUE)', values: i.powerWatts, format: formatPower },
    { id: 'energy', label: 'Energy per year', values: i.energyKWhPerYear, format: formatEnergy },
    { id: 'cost', label: 'Electricity cost per year', values: i.costPerYear, format: formatUsd },
    {
      id: 'emissions',
      label: 'Emissions per year',
      values: i.emissionsTonnesPerYear,
      format: formatEmissions,
    },
    {
      id: 'energyTx',
      label: 'Energy per transaction',
      values: perTx?.energyKWh ?? null,
      format: formatEnergy,
      none: perTransactionNote,
    },
    {
      id: 'emissionsTx',
      label: 'Emissions per transaction',
      values: perTx ? map(perTx.emissionsKg, (kg) => kg / 1000) : null,
      format: formatEmissions,
      none: perTransactionNote,
    },
  ]
  const cell = (bound: keyof Bounded) => (r: Row) =>
    r.values === null ? (
      <span className="text-zinc-600 dark:text-zinc-400">—</span>
    ) : (
      r.format(r.values[bound])
    )
  return (
    <Card
      title="Network power, energy and emissions"
      description="Estimated from the hashrate your browser verified, the hardware table and your assumptions. Lower bound: the most efficient hardware; upper bound: the least efficient; best: the weighted mix."
    >
      <StatList className="lg:grid-cols-4">
        <Stat
          label="Power, best estimate"
          value={formatPower(i.powerWatts.best)}
          hint={range(i.powerWatts, formatPower)}
        />
        <Stat
          label="Energy per year, best estimate"
          value={formatEnergy(i.energyKWhPerYear.best)}
          hint={range(i.energyKWhPerYear, formatEnergy)}
        />
        <Stat
          label="Emissions per year, best estimate"
          value={formatEmissions(i.emissionsTonnesPerYear.best)}
          hint={range(i.emissionsTonnesPerYear, formatEmissions)}
        />
        <Stat
          label="Cost per year, best estimate"
          value={formatUsd(i.costPerYear.best)}
          hint={range(i.costPerYear, formatUsd)}
        />
      </StatList>
      <ScrollTable<Row>
        className="mt-6"
        caption="Every figure with its bounds"
        columns={[
          { id: 'label', header: 'Figure', cell: (r) => r.label },
          { id: 'lower', header: 'Lower bound', cell: cell('lower'), align: 'end', mono: true },
          { id: 'best', header: 'Best estimate', cell: cell('best'), align: 'end', mono: true },
          { id: 'upper', header: 'Upper bound', cell: cell('upper'), align: 'end', mono: true },
        ]}
        rows={rows}
        rowKey={(r) => r.id}
      />
      {perTx === null && (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          Per transaction: {perTransactionNote}
        </p>
      )}
      <ProofDetails className="mt-4" verification={verification} proof={proof} />
    </Card>
  )
}

function map(b: Bounded, f: (n: number) => number): Bounded {
  return { lower: f(b.lower), best: f(b.best), upper: f(b.upper) }
}
