'use client'
import { Card, formatAmount, Stat, StatList } from '@supernova/ui'
import { ProofDetails, type VerificationInfo } from '@supernova/ui/chain'
import { formatHashes, formatNumber, formatPercent } from '../lib/format'
import { GRID_DATA } from '../lib/grid'
import { HARDWARE_TABLE } from '../lib/hardware'
import type { HashrateWindow } from '../lib/hashrate'
import type { Indicators } from '../lib/indicators'

export type InputsCardProps = {
  window: HashrateWindow
  indicators: Indicators
  /** User transactions in the window; undefined while being counted. */
  transactions: number | undefined
  progress: { done: number; total: number } | undefined
  supply: bigint
  verification: VerificationInfo
}

const seconds = (ms: number) => `${formatNumber(ms / 1000)} s`

/**
 * What the estimate starts from: the figures read from the verified chain (each with its proof)
 * and, apart, the figures taken from the shipped datasets.
 */
export function InputsCard({
  window: w,
  indicators,
  transactions,
  progress,
  supply,
  verification,
}: InputsCardProps) {
  const headers = w.toHeight + 1
  return (
    <Card
      title="Inputs"
      description="Read from the chain your browser verified, and from the datasets shipped with this page."
    >
      <h3 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        From the verified chain
      </h3>
      <StatList className="mt-3 lg:grid-cols-4">
        <Stat
          label="Network hashrate"
          value={formatHashes(w.hashrate)}
          hint={`blocks ${w.fromHeight + 1}–${w.toHeight}, work from their bits`}
        />
        <Stat
          label="Mean block interval"
          value={seconds(w.meanIntervalMs)}
          hint={`${w.blocks} blocks in ${seconds(w.spanMs)}`}
        />
        <Stat
          label="User transactions"
          value={transactions === undefined ? null : transactions.toLocaleString('en-US')}
          hint={
            transactions === undefined
              ? `counting: ${progress?.done ?? 0} of ${progress?.total ?? w.blocks} blocks verified`
              : `in the same ${w.blocks} blocks, coinbases not counted`
          }
        />
        <Stat
          label="Supply"
          value={formatAmount(supply)}
          hint={`issued through height ${w.toHeight}`}
        />
      </StatList>
      <ProofDetails
        className="mt-4"
        verification={verification}
        proof={
          <>
            {headers.toLocaleString('en-US')} headers verified from genesis (proof of work, retarget
            and linkage); work from their bits: {w.work.toString()} expected hashes over blocks{' '}
            {w.fromHeight + 1}–{w.toHeight} in {seconds(w.spanMs)}. Transactions counted in those
            blocks, each fetched and checked against its verified header’s txRoot. Supply: genesis
            allocations plus the subsidy schedule through that height (the consensus cap, an upper
            bound on the coins in existence).
          </>
        }
      />
      <h3 className="mt-6 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        From the shipped datasets (not from the chain)
      </h3>
      <StatList className="mt-3">
        <Stat
          label="Grid carbon intensity"
          value={`${formatNumber(indicators.gridIntensity)} g/kWh`}
          hint={`gCO2e per kWh of your region mix · ${GRID_DATA.dataYear} data`}
        />
        <Stat
          label="Renewable share"
          value={formatPercent(indicators.renewableShare)}
          hint="of your region mix’s electricity"
        />
        <Stat
          label="Hardware efficiency, best"
          value={`${formatNumber(indicators.joulesPerHash.best)} J/hash`}
          hint={`${formatNumber(indicators.joulesPerHash.lower)} – ${formatNumber(indicators.joulesPerHash.upper)} J/hash · table ${HARDWARE_TABLE.version}`}
        />
      </StatList>
    </Card>
  )
}
