import { describe, expect, it } from 'vitest'
import {
  formatEmissions,
  formatEnergy,
  formatHashes,
  formatNumber,
  formatPercent,
  formatPower,
  formatUsd,
} from './format'

describe('formatPower', () => {
  it.each([
    [1.2e-7, '120 nW'],
    [0.00042, '420 µW'],
    [1, '1 W'],
    [999.96, '1 kW'],
    [25_000, '25 kW'],
    [3.456e9, '3.46 GW'],
    [0, '0 W'],
    [1e-15, '0.001 pW'],
  ])('%d W → %s', (w, text) => expect(formatPower(w)).toBe(text))

  it('refuses negative and non-finite values', () => {
    expect(() => formatPower(-1)).toThrow(RangeError)
    expect(() => formatPower(Number.NaN)).toThrow(RangeError)
  })
})

describe('formatEnergy', () => {
  it.each([
    [1.16e-6, '1.16 mWh'],
    [0.0012, '1.2 Wh'],
    [8760, '8.76 MWh'],
    [1.3e11, '130 TWh'],
    [3.6e-9, '3.6 µWh'],
  ])('%d kWh → %s', (kWh, text) => expect(formatEnergy(kWh)).toBe(text))
})

describe('formatEmissions', () => {
  it.each([
    [5.6e-10, '560 µgCO2e'],
    [0.0005, '500 gCO2e'],
    [0.7073262, '707 kgCO2e'],
    [57.816, '57.8 tCO2e'],
    [96_360, '96.4 ktCO2e'],
    [2.5e7, '25 MtCO2e'],
  ])('%d t → %s', (t, text) => expect(formatEmissions(t)).toBe(text))
})

describe('formatHashes', () => {
  it.each([
    [0.4, '0.4 H/s'],
    [2, '2 H/s'],
    [7.5896e9, '7.59 GH/s'],
    [4.2e18, '4.2 EH/s'],
  ])('%d → %s', (h, text) => expect(formatHashes(h)).toBe(text))
})

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [0.25, '0.25'],
    [123.456, '123'],
    [12_345.6, '12,346'],
    [1.16e-7, '1.16 × 10⁻⁷'],
    [-2.5e-5, '-2.5 × 10⁻⁵'],
    [3.2e9, '3.2 × 10⁹'],
  ])('%d → %s', (n, text) => expect(formatNumber(n)).toBe(text))
})

describe('formatUsd', () => {
  it.each([
    [0, '$0'],
    [0.5, '$0.50'],
    [840.96, '$840.96'],
    [1234.5, '$1,235'],
    [1.16e-7, '$1.16 × 10⁻⁷'],
  ])('%d → %s', (usd, text) => expect(formatUsd(usd)).toBe(text))
})

describe('formatPercent', () => {
  it.each([
    [0.3, '30%'],
    [0.2475, '24.8%'],
    [0.889, '88.9%'],
    [1, '100%'],
  ])('%d → %s', (f, text) => expect(formatPercent(f)).toBe(text))
})
