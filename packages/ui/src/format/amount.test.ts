import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../errors'
import { formatAmount, MAX_AMOUNT_UNITS, parseAmount } from './amount'

const COIN = 100_000_000n

function parseError(text: string): string {
  try {
    parseAmount(text)
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError)
    return (error as FormatError).code
  }
  throw new Error(`parseAmount(${JSON.stringify(text)}) did not throw`)
}

describe('formatAmount', () => {
  it('prints one base unit with all eight decimals', () => {
    expect(formatAmount(1n)).toBe('0.00000001 NOVA')
  })

  it('prints zero and whole coins without a fraction', () => {
    expect(formatAmount(0n)).toBe('0 NOVA')
    expect(formatAmount(COIN)).toBe('1 NOVA')
  })

  it('trims trailing fractional zeros', () => {
    expect(formatAmount(150_000_000n)).toBe('1.5 NOVA')
    expect(formatAmount(123_456_780n)).toBe('1.2345678 NOVA')
  })

  it('groups thousands in the whole part only', () => {
    expect(formatAmount(21_000_000n * COIN)).toBe('21,000,000 NOVA')
    expect(formatAmount(1_234_567n * COIN + 12_345_678n)).toBe('1,234,567.12345678 NOVA')
    expect(formatAmount(999n * COIN)).toBe('999 NOVA')
    expect(formatAmount(1000n * COIN)).toBe('1,000 NOVA')
  })

  it('prints the largest u64 exactly', () => {
    expect(formatAmount(MAX_AMOUNT_UNITS)).toBe('184,467,440,737.09551615 NOVA')
  })

  it('prints negative values with a leading minus', () => {
    expect(formatAmount(-1n)).toBe('-0.00000001 NOVA')
    expect(formatAmount(-250_000_000n)).toBe('-2.5 NOVA')
  })

  it('honours custom decimals and symbol, and omits an empty symbol', () => {
    expect(formatAmount(12_345n, { decimals: 2, symbol: 'EUR' })).toBe('123.45 EUR')
    expect(formatAmount(5n, { decimals: 0 })).toBe('5 NOVA')
    expect(formatAmount(COIN, { symbol: '' })).toBe('1')
  })

  it('rejects non-bigint input and bad decimals', () => {
    expect(() => formatAmount(1 as unknown as bigint)).toThrow(TypeError)
    expect(() => formatAmount(1n, { decimals: -1 })).toThrow(RangeError)
    expect(() => formatAmount(1n, { decimals: 1.5 })).toThrow(RangeError)
  })
})

describe('parseAmount', () => {
  it('parses whole, fractional and grouped amounts exactly', () => {
    expect(parseAmount('1')).toBe(COIN)
    expect(parseAmount('0.00000001')).toBe(1n)
    expect(parseAmount('1.5')).toBe(150_000_000n)
    expect(parseAmount('1,234.5')).toBe(123_450_000_000n)
    expect(parseAmount('  21000000  ')).toBe(21_000_000n * COIN)
    expect(parseAmount('.5')).toBe(50_000_000n)
    expect(parseAmount('5.')).toBe(5n * COIN)
    expect(parseAmount('007')).toBe(7n * COIN)
  })

  it('accepts the maximum u64 and rejects one unit more', () => {
    expect(parseAmount('184467440737.09551615')).toBe(MAX_AMOUNT_UNITS)
    expect(parseError('184467440737.09551616')).toBe('OVERFLOW')
    expect(parseError('999999999999999999999')).toBe('OVERFLOW')
  })

  it('rejects more than eight decimals, even trailing zeros', () => {
    expect(parseError('0.000000001')).toBe('TOO_MANY_DECIMALS')
    expect(parseError('1.000000000')).toBe('TOO_MANY_DECIMALS')
  })

  it('rejects negative, empty, junk and over-long input with typed codes', () => {
    expect(parseError('-1')).toBe('NEGATIVE')
    expect(parseError('')).toBe('EMPTY')
    expect(parseError('   ')).toBe('EMPTY')
    for (const junk of [
      'abc',
      '1e8',
      '1.2.3',
      '0x10',
      '1 000',
      '+1',
      '.',
      '1,23',
      '12,34,567',
      '1,2345',
      'NaN',
      '1 NOVA',
    ]) {
      expect(parseError(junk), junk).toBe('INVALID_FORMAT')
    }
    expect(parseError('1'.repeat(65))).toBe('TOO_LONG')
  })

  it('honours custom decimals and max', () => {
    expect(parseAmount('1.23', { decimals: 2 })).toBe(123n)
    expect(() => parseAmount('1.234', { decimals: 2 })).toThrow(FormatError)
    expect(() => parseAmount('2', { max: COIN })).toThrow(/maximum of 1/)
  })

  it('round-trips every u64 through formatAmount (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_AMOUNT_UNITS }), (units) => {
        expect(parseAmount(formatAmount(units, { symbol: '' }))).toBe(units)
      }),
      { numRuns: 2000 },
    )
  })

  it('round-trips small amounts, where the fraction matters most (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n * COIN }), (units) => {
        expect(parseAmount(formatAmount(units, { symbol: '' }))).toBe(units)
      }),
    )
  })
})
