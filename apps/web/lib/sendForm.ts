import { AddressError, decodeAddress, type Lock, type Network } from '@supernova/protocol'
import { FormatError, formatAmount, parseAmount } from '@supernova/ui'

/** A field's verdict: the parsed value, or a sentence saying what is wrong. */
export type FieldCheck<T> = { ok: true; value: T } | { ok: false; message: string; code: string }

/** Longest recipient text looked at (bech32 allows 90 characters). */
const MAX_ADDRESS_TEXT = 200

const ADDRESS_MESSAGES: Partial<Record<string, string>> = {
  TOO_LONG: 'This is too long for an address.',
  INVALID_CHARACTER: 'This address contains a character addresses never have.',
  MIXED_CASE: 'An address is all lowercase or all uppercase, not both.',
  MISSING_SEPARATOR: 'This is not an address: the “1” after the prefix is missing.',
  EMPTY_PREFIX: 'This is not an address: it has no network prefix.',
  INVALID_CHECKSUM:
    'The checksum does not match: a character is mistyped or missing. Copy the address again.',
  UNKNOWN_PREFIX: 'This is not a SuperNova address (its prefix is unknown).',
  INVALID_LENGTH: 'This address has the wrong length.',
  INVALID_PADDING: 'This address is malformed (bad padding).',
  UNKNOWN_VERSION: 'This address uses a version this wallet does not know.',
  UNKNOWN_LOCK_TYPE: 'This address uses a lock type this wallet does not know.',
}

/**
 * Checks a recipient as it is typed: it must decode (bech32m checksum) and belong to `network`.
 * @example checkRecipient('dnova1…', 'devnet') // { ok: true, value: { address, lock } }
 */
export function checkRecipient(
  text: string,
  network: Network,
): FieldCheck<{ address: string; lock: Lock }> {
  const address = text.trim()
  if (address === '') return { ok: false, code: 'EMPTY', message: 'Enter the recipient’s address.' }
  if (address.length > MAX_ADDRESS_TEXT)
    return { ok: false, code: 'TOO_LONG', message: ADDRESS_MESSAGES.TOO_LONG! }
  try {
    const { lock } = decodeAddress({ address, network })
    return { ok: true, value: { address: address.toLowerCase(), lock } }
  } catch (e) {
    if (!(e instanceof AddressError)) throw e
    if (e.code === 'WRONG_NETWORK')
      return {
        ok: false,
        code: e.code,
        message: `This is a ${String(e.details.found)} address; this wallet sends on ${network}.`,
      }
    return { ok: false, code: e.code, message: ADDRESS_MESSAGES[e.code] ?? e.message }
  }
}

export type AmountLimits = {
  /** Verified spendable balance, minus coins held back for payments still unconfirmed. */
  spendable: bigint
  /** The chain's smallest output (the node refuses less). */
  dust: bigint
}

/**
 * Checks an amount in NOVA as typed: a number with at most 8 decimals, at least the dust
 * threshold, at most the spendable balance (the fee is checked when the payment is prepared).
 * @example checkAmount('1.5', { spendable: 10n ** 9n, dust: 546n }) // { ok: true, value: 150000000n }
 */
export function checkAmount(text: string, limits: AmountLimits): FieldCheck<bigint> {
  let units: bigint
  try {
    units = parseAmount(text)
  } catch (e) {
    if (!(e instanceof FormatError)) throw e
    return { ok: false, code: e.code, message: amountFormatMessage(e) }
  }
  if (units === 0n) return { ok: false, code: 'ZERO', message: 'Enter an amount above zero.' }
  if (units < limits.dust)
    return {
      ok: false,
      code: 'BELOW_DUST',
      message: `The smallest amount the network relays is ${formatAmount(limits.dust)}.`,
    }
  if (units > limits.spendable)
    return {
      ok: false,
      code: 'ABOVE_BALANCE',
      message: `That is more than your spendable balance of ${formatAmount(limits.spendable)}.`,
    }
  return { ok: true, value: units }
}

function amountFormatMessage(e: FormatError): string {
  switch (e.code) {
    case 'EMPTY':
      return 'Enter an amount.'
    case 'NEGATIVE':
      return 'The amount cannot be negative.'
    case 'TOO_MANY_DECIMALS':
      return 'Use at most 8 decimal places (1 NOVA = 100,000,000 units).'
    case 'INVALID_FORMAT':
      return 'Enter a number such as 12.5 (a dot for decimals).'
    default:
      return e.message.endsWith('.') ? e.message : `${e.message}.`
  }
}

/** The amount as the field shows it: plain decimal NOVA without separators. */
export function amountFieldText(units: bigint): string {
  return formatAmount(units, { symbol: '' }).replaceAll(',', '')
}

/** What a "max" attempt returns: the prepared payment, or the coin shortfall it ran into. */
export type MaxAttempt<P> = { prepared: P } | { available: bigint; needed: bigint }

/**
 * The largest amount that can be sent with its fee: asks for everything, and when coin selection
 * answers "`available` units, `needed` with the fee", asks again for `available − fee`. A few rounds
 * at most (the fee of the changeless transaction is known after the first).
 * @throws {RangeError} when nothing is left after the fee.
 * @example const { amount, prepared } = await findMaxAmount(spendable, (a) => tryPrepare(a))
 */
export async function findMaxAmount<P>(
  spendable: bigint,
  attempt: (amount: bigint) => Promise<MaxAttempt<P>>,
  rounds = 3,
): Promise<{ amount: bigint; prepared: P }> {
  let amount = spendable
  for (let i = 0; i < rounds; i++) {
    if (amount <= 0n) break
    const r = await attempt(amount)
    if ('prepared' in r) return { amount, prepared: r.prepared }
    const fee = r.needed - amount
    const next = r.available - (fee > 0n ? fee : 1n)
    amount = next < amount ? next : amount - 1n
  }
  throw new RangeError('nothing is left to send once the fee is paid')
}
