import { describe, expect, it } from 'vitest'
import { formatBytes, formatHashrate } from './units'

describe('formatHashrate', () => {
  it('walks the SI prefixes from H/s to EH/s', () => {
    expect(formatHashrate(0)).toBe('0 H/s')
    expect(formatHashrate(0.5)).toBe('0.5 H/s')
    expect(formatHashrate(999)).toBe('999 H/s')
    expect(formatHashrate(1000)).toBe('1 kH/s')
    expect(formatHashrate(1_234_000)).toBe('1.23 MH/s')
    expect(formatHashrate(45.6e9)).toBe('45.6 GH/s')
    expect(formatHashrate(123e12)).toBe('123 TH/s')
    expect(formatHashrate(7e15)).toBe('7 PH/s')
    expect(formatHashrate(650e18)).toBe('650 EH/s')
  })

  it('carries into the next unit when rounding reaches 1000', () => {
    expect(formatHashrate(999.6)).toBe('1 kH/s')
    expect(formatHashrate(999_999)).toBe('1 MH/s')
  })

  it('stays in EH/s beyond the last prefix', () => {
    expect(formatHashrate(5e21)).toBe('5000 EH/s')
  })

  it('rejects negative and non-finite rates', () => {
    expect(() => formatHashrate(-1)).toThrow(RangeError)
    expect(() => formatHashrate(Number.NaN)).toThrow(RangeError)
  })
})

describe('formatBytes', () => {
  it('prints whole bytes below 1 KiB', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1)).toBe('1 B')
    expect(formatBytes(1023)).toBe('1023 B')
  })

  it('uses binary units', () => {
    expect(formatBytes(1024)).toBe('1 KiB')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(2 * 1024 ** 2)).toBe('2 MiB')
    expect(formatBytes(2_000_000)).toBe('1.91 MiB')
    expect(formatBytes(1024 ** 4 * 3.25)).toBe('3.25 TiB')
  })

  it('rejects negative sizes', () => {
    expect(() => formatBytes(-1)).toThrow(RangeError)
  })
})
