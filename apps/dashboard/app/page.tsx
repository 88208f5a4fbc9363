import { Card, DataTable, Notice, Stat, StatList } from '@supernova/ui'
import Link from 'next/link'

function BoundStats({ unit }: { unit: string }) {
  return (
    <StatList>
      <Stat label="Lower bound" value={null} hint={`${unit} · most efficient hardware`} />
      <Stat label="Best estimate" value={null} hint={`${unit} · weighted hardware mix`} />
      <Stat label="Upper bound" value={null} hint={`${unit} · least efficient hardware`} />
    </StatList>
  )
}

type Indicator = { name: string; unit: string }

// The mandatory sustainability indicators for a consensus mechanism under MiCA's disclosure rules.
const MICA_INDICATORS: Indicator[] = [
  { name: 'Energy consumption', unit: 'kWh per year' },
  { name: 'Renewable energy consumption', unit: '% of energy consumption' },
  { name: 'Energy intensity', unit: 'kWh per transaction' },
  { name: 'Scope 1 GHG emissions (controlled)', unit: 'tCO2e per year' },
  { name: 'Scope 2 GHG emissions (purchased)', unit: 'tCO2e per year' },
  { name: 'GHG intensity', unit: 'kgCO2e per transaction' },
]

type HardwareRow = { model: string; joulesPerTerahash: number; share: number; source: string }

const NOT_AVAILABLE = <span className="text-zinc-600 dark:text-zinc-400">Not available yet</span>

export default function DashboardHome() {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Environmental dashboard</h1>
        <p className="mt-2 max-w-3xl text-zinc-600 dark:text-zinc-400">
          How much power the SuperNova network draws, how much energy it uses in a year and what
          that emits: estimated from the difficulty your browser has verified, and given as a lower
          bound, a best estimate and an upper bound rather than one number.{' '}
          <Link
            href="/methodology"
            className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
          >
            How the estimate is made
          </Link>
          .
        </p>
      </div>

      <Notice tone="warning" title="No live figures yet">
        The figures below need two things that do not exist yet: the light client, which supplies
        difficulty and block times verified in your browser, and the published hardware-efficiency
        and grid-intensity data, each with its source. Until both are in place the figures stay
        blank instead of being estimated from guesses.
      </Notice>

      <Card title="Network power" description="Electric power drawn by mining hardware right now.">
        <BoundStats unit="watts" />
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card
          title="Annual energy"
          description="Power over a year, including data-centre overhead (PUE)."
        >
          <BoundStats unit="kWh / year" />
        </Card>
        <Card
          title="Annual emissions"
          description="Annual energy times the carbon intensity of the grid."
        >
          <BoundStats unit="tCO2e / year" />
        </Card>
      </div>

      <Card title="Inputs" description="What the estimate is computed from.">
        <StatList>
          <Stat
            label="Network hashrate"
            value={null}
            hint="From verified difficulty and block times"
          />
          <Stat
            label="Grid carbon intensity"
            value={null}
            hint="gCO2e per kWh · dataset to be published"
          />
          <Stat
            label="Power usage effectiveness"
            value={null}
            hint="PUE · dataset to be published"
          />
        </StatList>
      </Card>

      <Card
        title="Hardware efficiency"
        description="Mining hardware assumed on the network, from most to least efficient."
      >
        <DataTable<HardwareRow>
          caption="Hardware efficiency table"
          captionHidden
          columns={[
            { id: 'model', header: 'Hardware', cell: (r) => r.model },
            {
              id: 'eff',
              header: 'Efficiency (J/TH)',
              cell: (r) => r.joulesPerTerahash,
              align: 'end',
              mono: true,
            },
            {
              id: 'share',
              header: 'Share of hashrate',
              cell: (r) => `${r.share}%`,
              align: 'end',
              mono: true,
            },
            { id: 'source', header: 'Source', cell: (r) => r.source },
          ]}
          rows={[]}
          rowKey={(r) => r.model}
          empty="The hardware table, with a source for every row, is published in a later release."
        />
      </Card>

      <Card
        title="MiCA sustainability indicators"
        description="Indicators the EU's Markets in Crypto-Assets Regulation asks to be disclosed for a consensus mechanism."
      >
        <DataTable<Indicator>
          caption="MiCA sustainability indicators"
          captionHidden
          columns={[
            { id: 'name', header: 'Indicator', cell: (r) => r.name },
            { id: 'unit', header: 'Unit', cell: (r) => r.unit },
            { id: 'value', header: 'Value', cell: () => NOT_AVAILABLE, align: 'end' },
          ]}
          rows={MICA_INDICATORS}
          rowKey={(r) => r.name}
        />
      </Card>
    </div>
  )
}
