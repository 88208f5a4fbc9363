import { describe, expect, it } from 'vitest'
import {
  defaultAssumptions,
  isInRange,
  PRICE_RANGE,
  PUE_RANGE,
  parseRangeInput,
  readAssumptions,
} from './assumptions'
import { GRID_DATA } from './grid'

const DEFAULTS = defaultAssumptions(GRID_DATA)

describe('defaultAssumptions', () => {
  it('is PUE 1.10, 0.10 USD/kWh and the dataset’s default mix (a copy)', () => {
    expect(DEFAULTS).toEqual({ pue: 1.1, pricePerKWh: 0.1, regionMix: { world: 100 } })
    expect(DEFAULTS.regionMix).not.toBe(GRID_DATA.defaultMix)
    expect(isInRange(DEFAULTS.pue, PUE_RANGE)).toBe(true)
    expect(isInRange(DEFAULTS.pricePerKWh, PRICE_RANGE)).toBe(true)
  })
})

describe('readAssumptions', () => {
  it('keeps valid fields', () => {
    const a = { pue: 1.5, pricePerKWh: 0.25, regionMix: { china: 2, france: 1 } }
    expect(readAssumptions(a, GRID_DATA)).toEqual(a)
  })

  it('replaces each bad field by its default and keeps the rest', () => {
    expect(readAssumptions({ pue: 0.8, pricePerKWh: 0.2 }, GRID_DATA)).toEqual({
      ...DEFAULTS,
      pricePerKWh: 0.2,
    })
    expect(readAssumptions({ pue: 1.2, pricePerKWh: '0.2' }, GRID_DATA)).toEqual({
      ...DEFAULTS,
      pue: 1.2,
    })
    expect(readAssumptions({ pue: 3 }, GRID_DATA).pue).toBe(1.1)
    expect(readAssumptions({ pricePerKWh: -0.1 }, GRID_DATA).pricePerKWh).toBe(0.1)
  })

  it('falls back to the default mix for unknown regions, bad or no weights', () => {
    for (const regionMix of [
      { atlantis: 1 },
      { world: -1 },
      { world: 0 },
      { world: '1' },
      [1],
      null,
      {},
    ])
      expect(readAssumptions({ regionMix }, GRID_DATA).regionMix).toEqual({ world: 100 })
  })

  it('returns the defaults for anything that is not an object', () => {
    for (const v of [undefined, null, 42, 'x'])
      expect(readAssumptions(v, GRID_DATA)).toEqual(DEFAULTS)
  })
})

describe('parseRangeInput', () => {
  it('accepts plain decimals inside the range', () => {
    expect(parseRangeInput('1.25', PUE_RANGE)).toBe(1.25)
    expect(parseRangeInput(' 2 ', PUE_RANGE)).toBe(2)
    expect(parseRangeInput('.08', PRICE_RANGE)).toBe(0.08)
    expect(parseRangeInput('0', PRICE_RANGE)).toBe(0)
  })

  it('refuses text, signs, exponents and values out of range', () => {
    for (const t of ['', 'abc', '-1', '1e0', '0.99', '2.01', '1,2', 'Infinity'])
      expect(parseRangeInput(t, PUE_RANGE)).toBeUndefined()
    expect(parseRangeInput('1.5', PRICE_RANGE)).toBeUndefined()
  })
})
