import { BECH32_CHARSET, BECH32_MAX_LENGTH, decodeBech32m } from './bech32m'

/** SuperNova networks, by address prefix (SPEC §2: `nova1…`, `tnova1…`, `dnova1…`). */
export type AddressNetwork = 'mainnet' | 'testnet' | 'devnet'

export const ADDRESS_PREFIXES: Readonly<Record<string, AddressNetwork>> = {
  nova: 'mainnet',
  tnova: 'testnet',
  dnova: 'devnet',
}

/** What a search query can be. `invalid` carries a sentence to show the person who typed it. */
export type SearchClassification =
  | { kind: 'height'; height: number }
  | { kind: 'hash'; hex: string }
  | { kind: 'address'; address: string; network: AddressNetwork }
  | { kind: 'invalid'; reason: string }

/** Longer queries are refused before any parsing. */
export const MAX_QUERY_LENGTH = 200

const HASH_HEX_LENGTH = 64

function invalid(reason: string): SearchClassification {
  return { kind: 'invalid', reason }
}

function classifyHeight(text: string): SearchClassification | undefined {
  const match = /^#?(\d+|\d{1,3}(?:,\d{3})+)$/.exec(text)
  if (match === null) return undefined
  const height = Number((match[1] ?? '').replaceAll(',', ''))
  if (!Number.isSafeInteger(height)) return invalid(`Block height ${text} is too large to exist.`)
  return { kind: 'height', height }
}

function classifyHash(text: string): SearchClassification | undefined {
  const match = /^(?:0x)?([0-9a-f]{64})$/i.exec(text)
  return match?.[1] === undefined ? undefined : { kind: 'hash', hex: match[1].toLowerCase() }
}

function classifyWrongLengthHex(text: string): SearchClassification | undefined {
  const match = /^(0x)?([0-9a-f]+)$/i.exec(text)
  const digits = match?.[2]
  // Short words that happen to be hex ("cafe") are not worth a hash-specific message.
  if (digits === undefined || (match?.[1] === undefined && digits.length < 8)) return undefined
  return invalid(
    `That looks like a hexadecimal hash, but it has ${digits.length} digits. Block hashes and transaction ids have ${HASH_HEX_LENGTH}.`,
  )
}

const ADDRESS_ERRORS: Record<string, string> = {
  TOO_LONG: `Addresses are at most ${BECH32_MAX_LENGTH} characters long.`,
  MIXED_CASE: 'Addresses are written all in lowercase (or all in uppercase), not a mix.',
  TOO_SHORT: 'That address is too short: part of it seems to be missing.',
  BAD_CHECKSUM:
    'That address has a typo: its checksum does not match. Copy it again from the source.',
}

function classifyAddress(text: string): SearchClassification | undefined {
  const split = text.lastIndexOf('1')
  if (split <= 0) return undefined
  const prefix = text.slice(0, split).toLowerCase()
  const network = Object.hasOwn(ADDRESS_PREFIXES, prefix) ? ADDRESS_PREFIXES[prefix] : undefined
  if (network === undefined) {
    // Only call it an address when it is shaped like one (a bech32 string with another prefix).
    if (!/^[a-z]{1,20}1[a-z0-9]{6,}$/i.test(text)) return undefined
    return invalid(
      `Addresses on SuperNova start with nova1, tnova1 or dnova1; "${prefix}1" is not one of ours.`,
    )
  }
  const decoded = decodeBech32m(text)
  if (decoded.ok) return { kind: 'address', address: text.toLowerCase(), network }
  if (decoded.error === 'BAD_CHARACTER') {
    return invalid(
      `Addresses cannot contain "${decoded.detail}". They use only these characters after the "1": ${BECH32_CHARSET}.`,
    )
  }
  return invalid(ADDRESS_ERRORS[decoded.error] ?? 'That is not a valid address.')
}

/**
 * Tells what a search box query is: a block height (`123`, `#123`, `1,234`), a 64-digit hex
 * hash (a block hash or a transaction id: the two cannot be told apart by their shape), a
 * SuperNova address (prefix and bech32m checksum checked), or invalid with a reason to show.
 * Pure: looking anything up is the caller's job.
 */
export function classifySearch(query: string): SearchClassification {
  const text = query.trim()
  if (text === '')
    return invalid('Enter a block height, a block hash, a transaction id or an address.')
  if (text.length > MAX_QUERY_LENGTH) {
    return invalid(
      `That search is ${text.length} characters long; nothing we look up is longer than ${BECH32_MAX_LENGTH}.`,
    )
  }
  if (/^-\d+$/.test(text)) return invalid('Block heights start at 0; they are never negative.')
  return (
    // A 64-digit hash may be all decimal digits, so it is tried before heights.
    classifyHash(text) ??
    classifyHeight(text) ??
    classifyWrongLengthHex(text) ??
    classifyAddress(text) ??
    invalid('That is not a block height, a 64-digit hash or a SuperNova address.')
  )
}
