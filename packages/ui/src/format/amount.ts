import { FormatError } from '../errors'

/** Base units per NOVA are 10^8 (SPEC §2, "1 NOVA = 10^8"). */
export const NOVA_DECIMALS = 8

/** The largest amount an output can carry: an unsigned 64-bit integer. */
export const MAX_AMOUNT_UNITS = 2n ** 64n - 1n

/** Longest text {@link parseAmount} looks at; u64 in NOVA with separators is ~27 characters. */
const MAX_AMOUNT_TEXT = 64

export type FormatAmountOptions = {
  /** Decimal places of one whole coin (default 8). */
  decimals?: number
  /** Unit appended after a space (default `'NOVA'`); `''` prints the bare number. */
  symbol?: string
}

export type ParseAmountOptions = {
  /** Decimal places of one whole coin (default 8); more fractional digits are rejected. */
  decimals?: number
  /** Largest accepted value in base units (default 2^64 − 1). */
  max?: bigint
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 30) {
    throw new RangeError(`decimals must be an integer from 0 to 30, got ${decimals}`)
  }
}

/** Inserts `,` between groups of three digits: `1234567` → `1,234,567`. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * Formats an exact amount of base units as a decimal string: thousands separators, trailing
 * fractional zeros trimmed, a leading `-` for negative values. No floating point is involved.
 *
 * @throws {TypeError} if `units` is not a bigint. @throws {RangeError} on bad `decimals`.
 * @example formatAmount(150_000_000n) // '1.5 NOVA'
 */
export function formatAmount(units: bigint, options: FormatAmountOptions = {}): string {
  if (typeof units !== 'bigint') throw new TypeError('formatAmount expects a bigint')
  const { decimals = NOVA_DECIMALS, symbol = 'NOVA' } = options
  checkDecimals(decimals)
  const negative = units < 0n
  const abs = negative ? -units : units
  const scale = 10n ** BigInt(decimals)
  const whole = groupThousands((abs / scale).toString())
  const fraction = (abs % scale).toString().padStart(decimals, '0').replace(/0+$/, '')
  const number = `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`
  return symbol === '' ? number : `${number} ${symbol}`
}

// Integer part: plain digits, or digits correctly grouped by commas. Fraction optional; a bare
// leading dot (".5") and a bare trailing dot ("5.") are accepted as people type them.
const AMOUNT_RE = /^(?:(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d*))?|\.(\d+))$/

/**
 * Parses a user-typed decimal amount (e.g. `"1,234.5"`) into exact base units.
 *
 * @throws {FormatError} `EMPTY`, `TOO_LONG`, `NEGATIVE`, `INVALID_FORMAT`, `TOO_MANY_DECIMALS`
 *   or `OVERFLOW` (above `max`, default 2^64 − 1).
 * @example parseAmount('0.00000001') // 1n
 */
export function parseAmount(text: string, options: ParseAmountOptions = {}): bigint {
  const { decimals = NOVA_DECIMALS, max = MAX_AMOUNT_UNITS } = options
  checkDecimals(decimals)
  const trimmed = text.trim()
  if (trimmed === '') throw new FormatError('EMPTY', 'Enter an amount')
  if (trimmed.length > MAX_AMOUNT_TEXT) throw new FormatError('TOO_LONG', 'Amount is too long')
  if (trimmed.startsWith('-')) throw new FormatError('NEGATIVE', 'Amount cannot be negative')
  const match = AMOUNT_RE.exec(trimmed)
  if (match === null) throw new FormatError('INVALID_FORMAT', `"${trimmed}" is not a number`)
  const whole = (match[1] ?? '0').replaceAll(',', '')
  const fraction = match[2] ?? match[3] ?? ''
  if (fraction.length > decimals) {
    throw new FormatError('TOO_MANY_DECIMALS', `At most ${decimals} decimal places are allowed`)
  }
  const units =
    BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0')
  if (units > max) {
    throw new FormatError(
      'OVERFLOW',
      `Amount exceeds the maximum of ${formatAmount(max, { decimals, symbol: '' })}`,
    )
  }
  return units
}
