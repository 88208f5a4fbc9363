/**
 * The MiCA sustainability indicators (Regulation (EU) 2023/1114, Art. 66(5), and the indicators
 * of its technical standards) built from the same computed figures the page shows, with what they
 * were derived from — header range, assumptions, data versions — as JSON and as CSV. Pure; the
 * page and the API only add the download or the HTTP response.
 */
import type { Assumptions } from './assumptions'
import type { Bound } from './energy'
import type { GridData } from './grid'
import type { HardwareTable } from './hardware'
import type { Bounded, Indicators } from './indicators'

export const MICA_SCHEMA = 'supernova-mica-indicators/1'

/** One indicator: its bounds (all three equal for a single value), or null with the reason. */
export type MicaIndicator = {
  id: string
  name: string
  unit: string
  value: Bounded | null
  note: string
}

/** Where the chain-derived inputs came from and how they were verified. */
export type MicaChainInput = {
  network: string
  genesisHash: string
  /** The verified headers the hashrate was measured over (inclusive). */
  headerRange: { fromHeight: number; fromHash: string; toHeight: number; toHash: string }
  /** Headers the client verified from genesis to the range's end (height + 1). */
  headersVerifiedFromGenesis: number
  blocks: number
  spanSeconds: number
  hashesPerSecond: number
  /** User transactions counted in the range's blocks; null while not counted. */
  transactions: number | null
  /** Whose light client verified them: the browser's or the server's. */
  verification: string
}

export type MicaReport = {
  schema: typeof MICA_SCHEMA
  generatedAt: string
  chain: MicaChainInput
  assumptions: { pue: number; electricityPriceUsdPerKWh: number; regionMix: Record<string, number> }
  data: {
    hardware: { id: string; version: string }
    grid: { id: string; version: string; dataYear: number }
  }
  indicators: MicaIndicator[]
  methodology: string
}

const same = (v: number): Bounded => ({ lower: v, best: v, upper: v })

/**
 * The six indicators from computed figures; `transactions` is the count they were computed with
 * (null while the blocks are still being counted).
 */
export function micaIndicators(i: Indicators, transactions: number | null): MicaIndicator[] {
  const perTx = i.perTransaction
  const noTx =
    transactions === null
      ? 'The measured blocks are still being counted: no per-transaction figure yet.'
      : 'No user transaction in the measured blocks: no per-transaction figure.'
  return [
    {
      id: 'energy_consumption',
      name: 'Energy consumption',
      unit: 'kWh/year',
      value: i.energyKWhPerYear,
      note: 'Mining electricity including facility overhead (PUE).',
    },
    {
      id: 'renewable_energy_share',
      name: 'Renewable energy consumption',
      unit: '%',
      value: same(i.renewableShare * 100),
      note: 'Renewable share of the chosen grid mix; no green-miner declarations exist on chain yet.',
    },
    {
      id: 'energy_intensity',
      name: 'Energy intensity',
      unit: 'kWh/transaction',
      value: perTx?.energyKWh ?? null,
      note: perTx
        ? `Energy over the measured blocks ÷ ${perTx.transactions} user transactions.`
        : noTx,
    },
    {
      id: 'scope1_ghg',
      name: 'Scope 1 DLT GHG emissions – controlled',
      unit: 'tCO2e/year',
      value: null,
      note: 'Not estimated: there is no data on generation miners own.',
    },
    {
      id: 'scope2_ghg',
      name: 'Scope 2 DLT GHG emissions – purchased',
      unit: 'tCO2e/year',
      value: i.emissionsTonnesPerYear,
      note: 'Location-based: energy × grid intensity of the region mix.',
    },
    {
      id: 'ghg_intensity',
      name: 'GHG intensity',
      unit: 'kgCO2e/transaction',
      value: perTx?.emissionsKg ?? null,
      note: perTx
        ? `Emissions over the measured blocks ÷ ${perTx.transactions} user transactions.`
        : noTx,
    },
  ]
}

/** Builds the report (JSON-serialisable: plain numbers and strings). */
export function buildMicaReport(p: {
  indicators: Indicators
  chain: MicaChainInput
  assumptions: Assumptions
  hardware: Pick<HardwareTable, 'id' | 'version'>
  grid: Pick<GridData, 'id' | 'version' | 'dataYear'>
  generatedAt: Date
  methodology: string
}): MicaReport {
  const total = Object.values(p.assumptions.regionMix).reduce((s, w) => s + w, 0)
  const regionMix = Object.fromEntries(
    Object.entries(p.assumptions.regionMix)
      .filter(([, w]) => w > 0)
      .map(([id, w]) => [id, w / total]),
  )
  return {
    schema: MICA_SCHEMA,
    generatedAt: p.generatedAt.toISOString(),
    chain: p.chain,
    assumptions: {
      pue: p.assumptions.pue,
      electricityPriceUsdPerKWh: p.assumptions.pricePerKWh,
      regionMix,
    },
    data: {
      hardware: { id: p.hardware.id, version: p.hardware.version },
      grid: { id: p.grid.id, version: p.grid.version, dataYear: p.grid.dataYear },
    },
    indicators: micaIndicators(p.indicators, p.chain.transactions),
    methodology: p.methodology,
  }
}

/** One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const BOUNDS: Bound[] = ['lower', 'best', 'upper']

/**
 * The report as one rectangular CSV table (section, key, unit, lower, best, upper, note): the
 * indicators first, then the chain inputs, assumptions and data versions they came from.
 */
export function micaReportToCsv(r: MicaReport): string {
  type Row = [string, string, string, ...(number | null)[], string]
  const one = (section: string, key: string, unit: string, v: string | number | null): Row => [
    section,
    key,
    unit,
    null,
    typeof v === 'number' ? v : null,
    null,
    typeof v === 'number' || v === null ? '' : v,
  ]
  const rows: Row[] = [
    ...r.indicators.map(
      (i): Row => ['indicator', i.name, i.unit, ...BOUNDS.map((b) => i.value?.[b] ?? null), i.note],
    ),
    one('chain', 'network', '', r.chain.network),
    one('chain', 'genesis hash', '', r.chain.genesisHash),
    one('chain', 'from height', '', r.chain.headerRange.fromHeight),
    one('chain', 'from hash', '', r.chain.headerRange.fromHash),
    one('chain', 'to height', '', r.chain.headerRange.toHeight),
    one('chain', 'to hash', '', r.chain.headerRange.toHash),
    one('chain', 'headers verified from genesis', 'headers', r.chain.headersVerifiedFromGenesis),
    one('chain', 'blocks measured', 'blocks', r.chain.blocks),
    one('chain', 'time span', 's', r.chain.spanSeconds),
    one('chain', 'hashrate', 'H/s', r.chain.hashesPerSecond),
    one('chain', 'user transactions', 'transactions', r.chain.transactions),
    one('chain', 'verification', '', r.chain.verification),
    one('assumption', 'PUE', '', r.assumptions.pue),
    one('assumption', 'electricity price', 'USD/kWh', r.assumptions.electricityPriceUsdPerKWh),
    ...Object.entries(r.assumptions.regionMix).map(([id, w]) =>
      one('assumption', `region mix: ${id}`, 'share', w),
    ),
    one('data', 'hardware table', '', `${r.data.hardware.id} ${r.data.hardware.version}`),
    one(
      'data',
      'grid data',
      '',
      `${r.data.grid.id} ${r.data.grid.version} (data year ${r.data.grid.dataYear})`,
    ),
    one('report', 'generated at', '', r.generatedAt),
    one('report', 'schema', '', r.schema),
    one('report', 'methodology', '', r.methodology),
  ]
  const header = 'section,key,unit,lower,best,upper,note'
  return `${[header, ...rows.map((row) => row.map(csvField).join(','))].join('\r\n')}\r\n`
}
