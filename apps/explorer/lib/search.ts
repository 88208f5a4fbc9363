import {
  ADDRESS_PREFIXES,
  AddressError,
  decodeAddress,
  encodeAddress,
  NETWORKS,
  type Network,
} from '@supernova/protocol'

/** What a search query can be. `invalid` carries a sentence to show the person who typed it. */
export type SearchClassification =
  | { kind: 'height'; height: number }
  | { kind: 'hash'; hex: string }
  | { kind: 'address'; address: string; network: Network }
  | { kind: 'invalid'; reason: string }

/** Longer queries are refused before any parsing. */
export const MAX_QUERY_LENGTH = 200

const HASH_HEX_LENGTH = 64

/** Characters in an address of each network, measured on a real encoding rather than restated. */
const ADDRESS_LENGTHS: Readonly<Record<Network, number>> = {
  mainnet: addressLength('mainnet'),
  testnet: addressLength('testnet'),
  devnet: addressLength('devnet'),
}

function addressLength(network: Network): number {
  return encodeAddress({ network, lock: { type: 'ed25519', policyHash: new Uint8Array(32) } })
    .length
}

/** The longest thing a search can find: an address or a `0x`-prefixed hash. */
const LONGEST_QUERY = Math.max(2 + HASH_HEX_LENGTH, ...Object.values(ADDRESS_LENGTHS))

const OUR_PREFIXES = 'nova1, tnova1 or dnova1'

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

/** The network whose prefix (and separator) `text` starts with, in either case. */
function networkByPrefix(text: string): Network | undefined {
  const lower = text.toLowerCase()
  return NETWORKS.find((network) => lower.startsWith(`${ADDRESS_PREFIXES[network]}1`))
}

function unknownPrefixMessage(prefix: string): string {
  return `Addresses on SuperNova start with ${OUR_PREFIXES}; "${prefix}1" is not one of ours.`
}

/** `decodeAddress` checks the checksum first unless the data is shorter than the checksum. */
const CHECKSUM_LENGTH = 6

function lengthMessage(address: string, checksumValid: boolean): string {
  const network = networkByPrefix(address)
  if (network === undefined) {
    const lengths = [...new Set(Object.values(ADDRESS_LENGTHS))].join(' or ')
    return `That is not an address: SuperNova addresses have ${lengths} characters, and this has ${address.length}.`
  }
  const expected = `a ${ADDRESS_PREFIXES[network]}1 address has ${ADDRESS_LENGTHS[network]}`
  if (checksumValid) {
    // Nothing was lost in copying: the string was never an address.
    return `That is not a SuperNova address: its checksum is valid, but it is ${address.length} characters long and ${expected}.`
  }
  return address.length < ADDRESS_LENGTHS[network]
    ? `That address is too short: it has ${address.length} characters and ${expected}. Part of it seems to be missing.`
    : `That address is too long: it has ${address.length} characters and ${expected}.`
}

function invalidCharacterMessage(address: string, position: unknown): string {
  const alphabet =
    'After the "1", addresses use only the digits 0 and 2–9 and the letters other than b, i and o.'
  if (typeof position !== 'number')
    return `That address contains a character it cannot. ${alphabet}`
  const code = address.codePointAt(position) ?? 0xfffd
  const char = String.fromCodePoint(code)
  const shown =
    char === ' '
      ? 'a space'
      : /[\s\p{C}]/u.test(char)
        ? `the invisible character U+${code.toString(16).toUpperCase().padStart(4, '0')}`
        : `"${char}"`
  // decodeAddress stops at the first non-ASCII character, so `position` counts what people see.
  return `Addresses cannot contain ${shown} (character ${position + 1}). ${alphabet}`
}

/**
 * A sentence for the person who typed `address` explaining why `decodeAddress` refused it with
 * `error`. Exhaustive over `AddressErrorCode`: a new code fails the typecheck here.
 */
export function addressErrorMessage(error: AddressError, address: string): string {
  const { details } = error
  switch (error.code) {
    case 'TOO_LONG':
      return lengthMessage(address, false)
    case 'INVALID_LENGTH':
      return lengthMessage(
        address,
        address.length - address.lastIndexOf('1') - 1 >= CHECKSUM_LENGTH,
      )
    case 'INVALID_CHARACTER':
      return invalidCharacterMessage(address, details.position)
    case 'MIXED_CASE':
      return 'Addresses are written all in lowercase (or all in uppercase), not a mix.'
    case 'MISSING_SEPARATOR':
      return `That address has no "1" after its prefix: SuperNova addresses start with ${OUR_PREFIXES}.`
    case 'EMPTY_PREFIX':
      return `That address is missing its prefix: SuperNova addresses start with ${OUR_PREFIXES}.`
    case 'INVALID_CHECKSUM':
      return details.bech32 === true
        ? 'That address has an old-style bech32 checksum; SuperNova addresses use bech32m, so it was not made for SuperNova.'
        : 'That address has a typo: its checksum does not match. Copy it again from the source.'
    case 'UNKNOWN_PREFIX':
      return unknownPrefixMessage(typeof details.prefix === 'string' ? details.prefix : '')
    case 'WRONG_NETWORK':
      return `That is a ${String(details.found)} address; only ${String(details.expected)} addresses work here.`
    case 'UNKNOWN_VERSION':
      return `That address has format version ${String(details.version)}, which this explorer does not know (SuperNova addresses are version 0).`
    case 'UNKNOWN_LOCK_TYPE':
      return `That address names a kind of lock (code ${String(details.code)}) that SuperNova does not have.`
    case 'INVALID_PADDING':
      return 'That is not a SuperNova address: its checksum is valid, but its last data character is one no SuperNova wallet would write.'
  }
}

/** A bech32-shaped string under another prefix (`bc1q…`): someone else's address. */
const OTHER_BECH32 = /^([a-z]{1,20})1[a-z0-9]{6,}$/i

function classifyAddress(text: string): SearchClassification | undefined {
  const ours = networkByPrefix(text) !== undefined
  const foreignPrefix = ours ? undefined : OTHER_BECH32.exec(text)?.[1]?.toLowerCase()
  // Only answer as an address when it starts like one of ours or is shaped like another chain's.
  if (!ours && foreignPrefix === undefined) return undefined
  try {
    const { network } = decodeAddress({ address: text })
    return { kind: 'address', address: text.toLowerCase(), network }
  } catch (error) {
    if (!(error instanceof AddressError)) throw error
    // decodeAddress checks the checksum before the prefix; for another chain's address the
    // prefix is what the person needs to hear, whatever else is wrong with it.
    return invalid(
      foreignPrefix === undefined
        ? addressErrorMessage(error, text)
        : unknownPrefixMessage(foreignPrefix),
    )
  }
}

/**
 * Tells what a search box query is: a block height (`123`, `#123`, `1,234`), a 64-digit hex
 * hash (a block hash or a transaction id: the two cannot be told apart by their shape), a
 * SuperNova address (fully decoded by `decodeAddress`: checksum, prefix, version, lock type and
 * length), or invalid with a reason to show. Pure: looking anything up is the caller's job.
 */
export function classifySearch(query: string): SearchClassification {
  const text = query.trim()
  if (text === '')
    return invalid('Enter a block height, a block hash, a transaction id or an address.')
  if (text.length > MAX_QUERY_LENGTH) {
    return invalid(
      `That search is ${text.length} characters long; nothing we look up is longer than ${LONGEST_QUERY}.`,
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
