'use client'
import { Card, cx, FOCUS_RING } from '@supernova/ui'
import Link from 'next/link'
import { useEffect, useState } from 'react'
import { type Assumptions, PRICE_RANGE, PUE_RANGE, type Range } from '../lib/assumptions'
import { formatNumber, formatPercent } from '../lib/format'
import {
  GRID_DATA,
  mixIntensity,
  mixRenewableShare,
  normalizeMix,
  type RegionMix,
} from '../lib/grid'
import { NumberField } from './NumberField'

const WEIGHT_RANGE: Range = { min: 0, max: 100, step: 1 }

export type AssumptionsPanelProps = {
  assumptions: Assumptions
  onChange: (next: Assumptions) => void
  onReset: () => void
}

/** The mix with every region of the dataset (0 where it has none), as the fields show it. */
function withAllRegions(mix: RegionMix): RegionMix {
  return Object.fromEntries(GRID_DATA.regions.map((r) => [r.id, mix[r.id] ?? 0]))
}

/**
 * The user's assumptions: electricity price, PUE and where the electricity comes from. Kept in
 * this browser (localStorage); every figure on the page follows them at once.
 */
export function AssumptionsPanel({ assumptions, onChange, onReset }: AssumptionsPanelProps) {
  const [draft, setDraft] = useState<RegionMix>(() => withAllRegions(assumptions.regionMix))
  useEffect(() => setDraft(withAllRegions(assumptions.regionMix)), [assumptions.regionMix])
  const total = Object.values(draft).reduce((s, w) => s + w, 0)
  const setWeight = (id: string, weight: number) => {
    const next = { ...draft, [id]: weight }
    setDraft(next)
    if (Object.values(next).some((w) => w > 0)) onChange({ ...assumptions, regionMix: next })
  }
  const mix = normalizeMix(assumptions.regionMix, GRID_DATA)
  return (
    <Card
      id="assumptions"
      title="Assumptions"
      description="Change them to see how the estimate moves. They are kept in this browser only."
      action={
        <button
          type="button"
          onClick={onReset}
          className={cx(
            'rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800',
            FOCUS_RING,
          )}
        >
          Reset to defaults
        </button>
      }
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <NumberField
          label="Electricity price (US dollars per kWh)"
          value={assumptions.pricePerKWh}
          range={PRICE_RANGE}
          onCommit={(pricePerKWh) => onChange({ ...assumptions, pricePerKWh })}
          hint="0 to 1. Default 0.10: a round figure, not a market price."
        />
        <NumberField
          label="Power usage effectiveness (PUE)"
          value={assumptions.pue}
          range={PUE_RANGE}
          onCommit={(pue) => onChange({ ...assumptions, pue })}
          hint="1.00 (a miner at home) to 2.00 (a poorly cooled facility). Default 1.10."
        />
      </div>
      <fieldset className="mt-6">
        <legend className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          Where the electricity comes from (share of mining per region)
        </legend>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Nothing on chain says where miners are. Shares are normalised to 100%. Your mix:{' '}
          <strong>{formatNumber(mixIntensity(mix))} gCO2e/kWh</strong>,{' '}
          <strong>{formatPercent(mixRenewableShare(mix))} renewable</strong>.{' '}
          <Link href="/methodology#data" className="underline underline-offset-2">
            Sources
          </Link>
        </p>
        {total === 0 && (
          <p role="alert" className="mt-2 text-sm font-medium text-red-700 dark:text-red-300">
            At least one region needs a share above 0; the last mix stays in use.
          </p>
        )}
        <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {GRID_DATA.regions.map((r) => (
            <NumberField
              key={r.id}
              label={`${r.name} (%)`}
              value={draft[r.id] ?? 0}
              range={WEIGHT_RANGE}
              onCommit={(w) => setWeight(r.id, w)}
              hint={`${r.intensity} g/kWh · ${formatPercent(r.renewableShare)} renewable`}
            />
          ))}
        </div>
      </fieldset>
    </Card>
  )
}
