import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  AmountError,
  formatNova,
  MAX_AMOUNT,
  parseNova,
  parseSignedUnits,
  parseUnits,
} from '../../src/wallet/amount.js'

function codeOf(f: () => unknown): string | undefined {
  try {
    f()
    return undefined
  } catch (e) {
    expect(e).toBeInstanceOf(AmountError)
    return (e as AmountError).code
  }
}

describe('NOVA amounts', () => {
  it('parses decimal NOVA exactly into units', () => {
    expect(parseNova('0')).toBe(0n)
    expect(parseNova('1')).toBe(100_000_000n)
    expect(parseNova('1.5')).toBe(150_000_000n)
    expect(parseNova('0.00000001')).toBe(1n)
    expect(parseNova('12.34567890')).toBe(1_234_567_890n)
    expect(parseNova('007.10')).toBe(710_000_000n)
    // 0.1 + 0.2 style float error cannot happen: no floats anywhere.
    expect(parseNova('0.3')).toBe(30_000_000n)
    expect(parseNova('184467440737.09551615')).toBe(MAX_AMOUNT)
  })

  it('rejects malformed amounts with typed codes', () => {
    for (const bad of [
      '',
      ' 1',
      '1 ',
      '-1',
      '+1',
      '1e8',
      '.5',
      '5.',
      '1,5',
      '0x10',
      'NaN',
      '1.2.3',
      '１',
    ])
      expect(
        codeOf(() => parseNova(bad)),
        bad,
      ).toBe('INVALID_AMOUNT')
    expect(codeOf(() => parseNova('0.000000001'))).toBe('TOO_MANY_DECIMALS')
    expect(codeOf(() => parseNova('1.123456789'))).toBe('TOO_MANY_DECIMALS')
    expect(codeOf(() => parseNova('184467440737.09551616'))).toBe('AMOUNT_TOO_LARGE')
    expect(codeOf(() => parseNova('9'.repeat(30)))).toBe('AMOUNT_TOO_LARGE')
    expect(codeOf(() => parseNova('1'.repeat(100)))).toBe('INVALID_AMOUNT')
  })

  it('parses API unit strings', () => {
    expect(parseUnits('0')).toBe(0n)
    expect(parseUnits('18446744073709551615')).toBe(MAX_AMOUNT)
    expect(parseSignedUnits('-25')).toBe(-25n)
    for (const bad of [
      '',
      '-1',
      '1.0',
      '1e3',
      ' 1',
      '18446744073709551616',
      '123456789012345678901',
    ])
      expect(
        codeOf(() => parseUnits(bad)),
        bad,
      ).toMatch(/INVALID_AMOUNT|AMOUNT_TOO_LARGE/)
  })

  it('formats units as NOVA and round-trips every amount', () => {
    expect(formatNova(0n)).toBe('0')
    expect(formatNova(1n)).toBe('0.00000001')
    expect(formatNova(150_000_000n)).toBe('1.5')
    expect(formatNova(-250_000_000n)).toBe('-2.5')
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_AMOUNT }), (units) => {
        expect(parseNova(formatNova(units))).toBe(units)
      }),
    )
  })
})
