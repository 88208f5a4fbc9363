import { describe, expect, it } from 'vitest'
import { GRID_DATA } from './grid'
import { HARDWARE_TABLE } from './hardware'
import type { Indicators } from './indicators'
import { buildMicaReport, csvField, MICA_SCHEMA, micaIndicators, micaReportToCsv } from './mica'

const b = (lower: number, best: number, upper: number) => ({ lower, best, upper })
const INDICATORS: Indicators = {
  hashrate: 1e9,
  joulesPerHash: b(1e-7, 1.75e-7, 4e-7),
  powerWatts: b(120, 210, 480),
  energyKWhPerYear: b(1051.2, 1839.6, 4204.8),
  costPerYear: b(210.24, 367.92, 840.96),
  gridIntensity: 384.5,
  renewableShare: 0.23,
  emissionsTonnesPerYear: b(0.4, 0.7, 1.6),
  windowEnergyKWh: b(0.003, 0.006, 0.013),
  perTransaction: { transactions: 4, energyKWh: b(1, 2, 3), emissionsKg: b(0.1, 0.2, 0.3) },
}
const CHAIN = {
  network: 'devnet',
  genesisHash: 'ab'.repeat(32),
  headerRange: {
    fromHeight: 100,
    fromHash: '01'.repeat(32),
    toHeight: 200,
    toHash: '02'.repeat(32),
  },
  headersVerifiedFromGenesis: 201,
  blocks: 100,
  spanSeconds: 100,
  hashesPerSecond: 1e9,
  transactions: 4,
  verification: 'verified by your browser’s light client',
}

function report(indicators = INDICATORS) {
  return buildMicaReport({
    indicators,
    chain: CHAIN,
    assumptions: { pue: 1.2, pricePerKWh: 0.2, regionMix: { france: 3, india: 1, world: 0 } },
    hardware: HARDWARE_TABLE,
    grid: GRID_DATA,
    generatedAt: new Date('2026-11-21T10:00:00Z'),
    methodology: 'http://localhost:3000/dashboard/methodology',
  })
}

describe('micaIndicators', () => {
  it('lists the six indicators with bounds, scope 1 not estimated', () => {
    const list = micaIndicators(INDICATORS, 4)
    expect(list.map((i) => i.id)).toEqual([
      'energy_consumption',
      'renewable_energy_share',
      'energy_intensity',
      'scope1_ghg',
      'scope2_ghg',
      'ghg_intensity',
    ])
    expect(list[0]!.value).toEqual(INDICATORS.energyKWhPerYear)
    expect(list[1]!.value).toEqual(b(23, 23, 23))
    expect(list[2]!.value).toEqual(b(1, 2, 3))
    expect(list[3]!.value).toBeNull()
    expect(list[4]!.value).toEqual(INDICATORS.emissionsTonnesPerYear)
    expect(list[5]!.note).toMatch(/4 user transactions/)
  })

  it('has no per-transaction values without transactions, and says why', () => {
    const none = micaIndicators({ ...INDICATORS, perTransaction: null }, 0)
    expect(none[2]!.value).toBeNull()
    expect(none[2]!.note).toMatch(/No user transaction/)
    expect(none[5]!.value).toBeNull()
    const counting = micaIndicators({ ...INDICATORS, perTransaction: null }, null)
    expect(counting[5]!.note).toMatch(/still being counted/)
  })
})

describe('buildMicaReport', () => {
  it('carries the chain range, normalised mix, data versions and time', () => {
    const r = report()
    expect(r.schema).toBe(MICA_SCHEMA)
    expect(r.generatedAt).toBe('2026-11-21T10:00:00.000Z')
    expect(r.chain).toEqual(CHAIN)
    expect(r.assumptions).toEqual({
      pue: 1.2,
      electricityPriceUsdPerKWh: 0.2,
      regionMix: { france: 0.75, india: 0.25 },
    })
    expect(r.data.hardware.version).toBe(HARDWARE_TABLE.version)
    expect(r.data.grid).toEqual({ id: GRID_DATA.id, version: GRID_DATA.version, dataYear: 2023 })
    expect(JSON.parse(JSON.stringify(r))).toEqual(r)
  })
})

describe('csv', () => {
  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('a\nb')).toBe('"a\nb"')
    expect(csvField(null)).toBe('')
    expect(csvField(1.5e-7)).toBe('1.5e-7')
  })

  it('is one table: indicators, then chain, assumptions, data and report rows', () => {
    const lines = micaReportToCsv(report()).split('\r\n')
    expect(lines[0]).toBe('section,key,unit,lower,best,upper,note')
    expect(lines[1]).toBe(
      'indicator,Energy consumption,kWh/year,1051.2,1839.6,4204.8,Mining electricity including facility overhead (PUE).',
    )
    expect(lines[4]).toMatch(
      /^indicator,Scope 1 DLT GHG emissions – controlled,tCO2e\/year,,,,Not estimated/,
    )
    expect(lines).toContain('chain,to height,,,200,,')
    expect(lines).toContain(`chain,to hash,,,,,${'02'.repeat(32)}`)
    expect(lines).toContain('assumption,region mix: france,share,,0.75,,')
    expect(lines).toContain('assumption,electricity price,USD/kWh,,0.2,,')
    expect(lines.at(-1)).toBe('')
    // Every row has the header's seven columns (no field here holds a quoted comma).
    for (const line of lines.slice(0, -1)) expect(line.split(',').length).toBeGreaterThanOrEqual(7)
  })
})
