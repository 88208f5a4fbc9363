import { describe, expect, it } from 'vitest'
import { EnergyInputError } from './energy'
import {
  HARDWARE_TABLE,
  type HardwareRow,
  type HardwareTable,
  hardwareBounds,
  joulesPerHash,
  parseHardwareTable,
} from './hardware'

const ROW: HardwareRow = {
  id: 'x',
  name: 'X',
  class: 'gpu',
  released: 2022,
  powerWatts: 100,
  powerBasis: 'rated',
  int32OpsPerSecond: 1e12,
  throughputBasis: '…',
  opsPerHash: 1000,
  opsBasis: '…',
  hashesPerSecond: 1e9,
  share: 1,
  sources: ['s'],
}
const SOURCE = { title: 't', publisher: 'p', year: 2024, url: 'https://example.org' }

function table(rows: HardwareRow[]): HardwareTable {
  return { ...HARDWARE_TABLE, rows, sources: { s: SOURCE } }
}

function badData(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(EnergyInputError)
    expect((e as EnergyInputError).code).toBe('BAD_DATA')
    return (e as Error).message
  }
  throw new Error('did not throw')
}

describe('the shipped hardware table', () => {
  it('is versioned, has CPU and GPU rows and cites a known source for each', () => {
    expect(HARDWARE_TABLE.version).toMatch(/^\d{4}\.\d{2}-\d+$/)
    expect(new Set(HARDWARE_TABLE.rows.map((r) => r.class))).toEqual(new Set(['cpu', 'gpu']))
    for (const r of HARDWARE_TABLE.rows)
      for (const s of r.sources) expect(HARDWARE_TABLE.sources[s]?.url).toMatch(/^https:\/\//)
  })

  it('gives the RTX 4090 as the lower bound and the i5-12400 as the upper', () => {
    // 450 W ÷ 7.5896e9 H/s = 5.929e-8 J/H; 65 W ÷ 8.8583e7 H/s = 7.338e-7 J/H.
    const b = hardwareBounds(HARDWARE_TABLE)
    expect(b.lowerRow.id).toBe('nvidia-rtx-4090')
    expect(b.upperRow.id).toBe('intel-core-i5-12400')
    expect(b.lower).toBeCloseTo(5.929e-8, 10)
    expect(b.upper).toBeCloseTo(7.338e-7, 9)
    // Equal shares: the mean of 5.929e-8, 1.4521e-7, 3.1167e-7, 7.3378e-7 = 3.1247e-7 J/H.
    expect(b.best).toBeCloseTo(3.1247e-7, 10)
  })
})

describe('joulesPerHash', () => {
  it('is rated power over hashrate', () => {
    expect(joulesPerHash({ powerWatts: 100, hashesPerSecond: 1e9 })).toBe(1e-7)
  })
})

describe('parseHardwareTable', () => {
  it('accepts a consistent table', () => {
    expect(parseHardwareTable(table([ROW])).rows).toHaveLength(1)
  })

  it('refuses a hashrate that does not follow from its inputs', () => {
    expect(badData(() => parseHardwareTable(table([{ ...ROW, hashesPerSecond: 2e9 }])))).toMatch(
      /derived/,
    )
  })

  it('refuses empty, duplicate, shareless, unsourced or non-positive rows', () => {
    expect(badData(() => parseHardwareTable(table([])))).toMatch(/no rows/)
    expect(badData(() => parseHardwareTable(table([ROW, ROW])))).toMatch(/duplicate/)
    expect(badData(() => parseHardwareTable(table([{ ...ROW, share: 0 }])))).toMatch(/share/)
    expect(badData(() => parseHardwareTable(table([{ ...ROW, sources: [] }])))).toMatch(/source/)
    expect(badData(() => parseHardwareTable(table([{ ...ROW, sources: ['nope'] }])))).toMatch(
      /unknown source/,
    )
    expect(badData(() => parseHardwareTable(table([{ ...ROW, powerWatts: 0 }])))).toMatch(
      /powerWatts/,
    )
    expect(badData(() => parseHardwareTable(table([{ ...ROW, class: 'asic' as 'gpu' }])))).toMatch(
      /class/,
    )
  })
})

describe('hardwareBounds', () => {
  it('weights the best estimate by share', () => {
    // 1e-7 J/H with share 3 and 4e-7 J/H with share 1 → (3e-7 + 4e-7) / 4 = 1.75e-7.
    const slow = { ...ROW, id: 'slow', powerWatts: 400, share: 1 }
    const b = hardwareBounds({ rows: [{ ...ROW, share: 3 }, slow] })
    expect(b.lower).toBeCloseTo(1e-7, 15)
    expect(b.upper).toBeCloseTo(4e-7, 15)
    expect(b.best).toBeCloseTo(1.75e-7, 15)
    expect(b.upperRow.id).toBe('slow')
  })
})
