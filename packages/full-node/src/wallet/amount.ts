import { BaseError } from '@supernova/protocol'

/** Decimal places of one NOVA: 1 NOVA = 10^8 base units. */
export const NOVA_DECIMALS = 8
const UNITS_PER_NOVA = 10n ** BigInt(NOVA_DECIMALS)
/** Amounts are u64 on the wire. */
export const MAX_AMOUNT = (1n << 64n) - 1n
/** Longest amount text accepted before any parsing (u64 has 20 digits, plus point and decimals). */
const MAX_AMOUNT_TEXT = 40

export type AmountErrorCode = 'INVALID_AMOUNT' | 'TOO_MANY_DECIMALS' | 'AMOUNT_TOO_LARGE'

/** A malformed or out-of-range amount. */
export class AmountError extends BaseError<AmountErrorCode> {
  override name = 'AmountError'
}

function fail(code: AmountErrorCode, message: string, text: string): never {
  throw new AmountError({ code, message, details: { text } })
}

/**
 * Parses a decimal NOVA amount ("12", "0.5", "0.00000001") exactly into base units.
 * No sign, exponent, separators or leading/trailing point; at most 8 decimals.
 * @throws {AmountError} `INVALID_AMOUNT`, `TOO_MANY_DECIMALS` or `AMOUNT_TOO_LARGE`.
 * @example parseNova('1.5') // 150000000n
 */
export function parseNova(text: string): bigint {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_AMOUNT_TEXT)
    fail('INVALID_AMOUNT', `'${String(text).slice(0, MAX_AMOUNT_TEXT)}' is not an amount`, text)
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match) fail('INVALID_AMOUNT', `'${text}' is not a decimal NOVA amount (e.g. 1.5)`, text)
  const whole = match[1]!
  const fraction = match[2] ?? ''
  if (fraction.length > NOVA_DECIMALS)
    fail('TOO_MANY_DECIMALS', `'${text}' has more than ${NOVA_DECIMALS} decimals`, text)
  const units = BigInt(whole) * UNITS_PER_NOVA + BigInt(fraction.padEnd(NOVA_DECIMALS, '0'))
  if (units > MAX_AMOUNT)
    fail('AMOUNT_TOO_LARGE', `'${text}' NOVA exceeds the largest amount`, text)
  return units
}

/**
 * Parses a base-unit amount as the API encodes it (a decimal string of digits, no sign).
 * @throws {AmountError} `INVALID_AMOUNT` or `AMOUNT_TOO_LARGE`.
 */
export function parseUnits(text: string): bigint {
  if (typeof text !== 'string' || !/^\d{1,20}$/.test(text))
    fail('INVALID_AMOUNT', `'${String(text).slice(0, MAX_AMOUNT_TEXT)}' is not a unit amount`, text)
  const units = BigInt(text)
  if (units > MAX_AMOUNT) fail('AMOUNT_TOO_LARGE', `${text} units exceeds the largest amount`, text)
  return units
}

/**
 * Parses a signed base-unit delta ("-1500", "0", "42"), as `getBalance.unconfirmedDelta`.
 * @throws {AmountError} `INVALID_AMOUNT` or `AMOUNT_TOO_LARGE`.
 */
export function parseSignedUnits(text: string): bigint {
  if (typeof text === 'string' && text.startsWith('-')) return -parseUnits(text.slice(1))
  return parseUnits(text)
}

/**
 * Formats base units as a decimal NOVA string without trailing zeros ("1.5", "0.00000001", "-2").
 * @example formatNova(150000000n) // '1.5'
 */
export function formatNova(units: bigint): string {
  const sign = units < 0n ? '-' : ''
  const abs = units < 0n ? -units : units
  const whole = abs / UNITS_PER_NOVA
  const fraction = (abs % UNITS_PER_NOVA).toString().padStart(NOVA_DECIMALS, '0').replace(/0+$/, '')
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`
}
