import { Card, Notice } from '@supernova/ui'
import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { HOURS_PER_YEAR } from '../../lib/energy'

export const metadata: Metadata = { title: 'Methodology' }

function Formula({ children }: { children: ReactNode }) {
  return (
    <p className="my-3 overflow-x-auto rounded-md bg-zinc-100 px-4 py-3 font-mono text-sm text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100">
      {children}
    </p>
  )
}

function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <Card title={`${n}. ${title}`}>
      <div className="space-y-3 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
        {children}
      </div>
    </Card>
  )
}

export default function MethodologyPage() {
  return (
    <div className="space-y-8">
      <div className="max-w-3xl">
        <p className="text-sm">
          <Link
            href="/"
            className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
          >
            Environmental dashboard
          </Link>
        </p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight">Methodology</h1>
        <p className="mt-3 text-zinc-600 dark:text-zinc-400">
          Nobody can measure the electricity every miner uses. What can be verified is how much work
          the network does: the difficulty in each block header. The dashboard turns that verified
          work into power, energy and emissions, and because the hardware doing the work is not
          known exactly, every figure is a range: a lower bound, a best estimate and an upper bound.
        </p>
      </div>

      <Step n={1} title="Hashrate from verified difficulty">
        <p>
          A block is valid when its hash is at or below the target in its header, so finding one
          takes on average 2²⁵⁶ ÷ (target + 1) hashes. Dividing by the mean time between blocks over
          a recent window gives the network hashrate. Both come from headers your browser has
          verified.
        </p>
        <Formula>hashrate (H/s) = 2²⁵⁶ ÷ (target + 1) ÷ mean block interval (s)</Formula>
      </Step>

      <Step n={2} title="Power from hardware efficiency">
        <p>
          Mining hardware is rated in joules per hash (J/H; tables usually say J/TH). Power is
          hashrate times efficiency. The three bounds differ only in the efficiency used:
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <strong>Lower bound</strong>: the most efficient hardware in the table, as if the whole
            network ran on it.
          </li>
          <li>
            <strong>Best estimate</strong>: a mix of hardware weighted by each model's estimated
            share of the hashrate.
          </li>
          <li>
            <strong>Upper bound</strong>: the least efficient hardware still worth running.
          </li>
        </ul>
        <Formula>power (W) = hashrate (H/s) × efficiency (J/H)</Formula>
        <Formula>best efficiency = Σ shareᵢ × efficiencyᵢ ÷ Σ shareᵢ</Formula>
      </Step>

      <Step n={3} title="Energy per year">
        <p>
          Power is drawn around the clock, {HOURS_PER_YEAR.toLocaleString('en-US')} hours a year.
          Cooling and power conversion add overhead, expressed as power usage effectiveness (PUE):
          the facility's total energy divided by the energy reaching the hardware, 1 or more.
        </p>
        <Formula>
          energy (kWh / year) = power (W) × {HOURS_PER_YEAR.toLocaleString('en-US')} h × PUE ÷ 1,000
        </Formula>
      </Step>

      <Step n={4} title="Emissions">
        <p>
          Emissions follow from where the electricity comes from: the grid's carbon intensity in
          grams of CO₂-equivalent per kWh.
        </p>
        <Formula>
          emissions (tCO₂e / year) = energy (kWh / year) × grid intensity (gCO₂e / kWh) ÷ 1,000,000
        </Formula>
      </Step>

      <Step n={5} title="What is not included">
        <p>
          The estimate covers the electricity used by mining. It leaves out the energy used to
          manufacture and ship hardware, and the comparatively small use of validators, full nodes
          and light clients.
        </p>
      </Step>

      <Notice title="Data sources">
        The hardware-efficiency table and the grid-intensity data are not published yet. They will
        ship with a source for every value; until then the dashboard shows no figures.
      </Notice>
    </div>
  )
}
