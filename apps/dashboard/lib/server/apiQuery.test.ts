import { COIN } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { GRID_DATA } from '../grid'
import { BadQueryError, parseIndicatorsQuery } from './apiQuery'

const parse = (q: string) => parseIndicatorsQuery(new URLSearchParams(q), GRID_DATA)

function bad(q: string): string {
  try {
    parse(q)
  } catch (e) {
    expect(e).toBeInstanceOf(BadQueryError)
    return (e as BadQueryError).parameter
  }
  throw new Error('did not throw')
}

describe('parseIndicatorsQuery', () => {
  it('takes the page’s defaults when nothing is given', () => {
    expect(parse('')).toEqual({
      assumptions: { pue: 1.1, pricePerKWh: 0.1, regionMix: { world: 100 } },
      holding: undefined,
    })
  })

  it('reads pue, price, mix and holding', () => {
    expect(parse('pue=1.25&price=0.07&mix=china:60,germany:40&holding=12.5')).toEqual({
      assumptions: { pue: 1.25, pricePerKWh: 0.07, regionMix: { china: 60, germany: 40 } },
      holding: 1_250_000_000n,
    })
    expect(parse('mix=world:0,france:1').assumptions.regionMix).toEqual({ world: 0, france: 1 })
    expect(parse('holding=0').holding).toBe(0n)
    expect(parse('holding=1000').holding).toBe(1_000n * COIN)
  })

  it('refuses each bad parameter, naming it', () => {
    expect(bad('pue=0.9')).toBe('pue')
    expect(bad('pue=abc')).toBe('pue')
    expect(bad('pue=1.1&pue=1.2')).toBe('pue')
    expect(bad('price=2')).toBe('price')
    expect(bad('price=-0.1')).toBe('price')
    expect(bad('mix=atlantis:1')).toBe('mix')
    expect(bad('mix=world')).toBe('mix')
    expect(bad('mix=world:1:2')).toBe('mix')
    expect(bad('mix=world:1,world:2')).toBe('mix')
    expect(bad('mix=world:-1')).toBe('mix')
    expect(bad('mix=world:0')).toBe('mix')
    expect(bad(`mix=${'world:1,'.repeat(100)}`)).toBe('mix')
    expect(bad('holding=1.123456789')).toBe('holding')
    expect(bad('holding=-5')).toBe('holding')
  })
})
