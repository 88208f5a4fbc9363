import {
  AddressError,
  type AddressErrorCode,
  decodeAddress,
  devnetAccount,
  encodeAddress,
  lockForPolicy,
  type Network,
  type Policy,
} from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import {
  addressErrorMessage,
  classifySearch,
  MAX_QUERY_LENGTH,
  type SearchClassification,
} from './search'

// A 2-of-3 multisig over the first devnet keys: a `policy` lock, not a single-key one.
const MULTISIG: Policy = {
  type: 'multisig',
  threshold: 2,
  keys: [0, 1, 2].map((i) => ({
    scheme: 'ed25519' as const,
    publicKey: devnetAccount(i).publicKey,
  })),
}
const DEVNET_ADDRESS = encodeAddress({ network: 'devnet', lock: devnetAccount(0).lock })
const TESTNET_ADDRESS = encodeAddress({ network: 'testnet', lock: devnetAccount(1).lock })
const MAINNET_ADDRESS = encodeAddress({ network: 'mainnet', lock: lockForPolicy(MULTISIG) })
const HASH = '00000000a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c'

// An independent bech32/bech32m encoder (BIP173/BIP350), to build strings the protocol's
// encoder refuses to make: payloads of the wrong size, version or lock code, bad padding.
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
const BECH32M_CONST = 0x2bc830a3
const BECH32_CONST = 1

function polymod(values: readonly number[]): number {
  const generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
  let chk = 1
  for (const value of values) {
    const top = chk >>> 25
    chk = ((chk & 0x1ffffff) << 5) ^ value
    generator.forEach((g, i) => {
      if ((top >>> i) & 1) chk ^= g
    })
  }
  return chk >>> 0
}

function encodeBech32(prefix: string, words: readonly number[], constant = BECH32M_CONST): string {
  const expanded = [...prefix].map((c) => c.charCodeAt(0))
  const values = [...expanded.map((c) => c >> 5), 0, ...expanded.map((c) => c & 31), ...words]
  const mod = polymod([...values, 0, 0, 0, 0, 0, 0]) ^ constant
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31)
  return `${prefix}1${[...words, ...checksum].map((w) => CHARSET[w]).join('')}`
}

function toWords(bytes: readonly number[]): number[] {
  const words: number[] = []
  let acc = 0
  let bits = 0
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xfff
    bits += 8
    while (bits >= 5) {
      bits -= 5
      words.push((acc >> bits) & 31)
    }
  }
  if (bits > 0) words.push((acc << (5 - bits)) & 31)
  return words
}

const POLICY_HASH = [...devnetAccount(0).lock.policyHash]
/** version, lock code (0 = ed25519), policy hash: the 34-byte address payload. */
const payload = (version: number, lockCode: number, hash = POLICY_HASH) => [
  version,
  lockCode,
  ...hash,
]

function reason(query: string): string {
  const result = classifySearch(query)
  if (result.kind !== 'invalid') throw new Error(`${query} classified as ${result.kind}`)
  return result.reason
}

function addressError(address: string, network?: Network): AddressError {
  try {
    decodeAddress(network === undefined ? { address } : { address, network })
  } catch (error) {
    if (error instanceof AddressError) return error
    throw error
  }
  throw new Error(`${address} decoded`)
}

/** The query fails in decodeAddress with `code`, and the search box shows its message. */
function expectAddressError(query: string, code: AddressErrorCode, message: RegExp): void {
  expect(addressError(query.trim()).code).toBe(code)
  expect(reason(query)).toMatch(message)
}

describe('classifySearch: heights', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['42', 42],
    ['  42  ', 42],
    ['#42', 42],
    ['007', 7],
    ['1,234', 1234],
    ['1,234,567', 1_234_567],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('%j is height %d', (query, height) => {
    expect(classifySearch(query)).toEqual<SearchClassification>({ kind: 'height', height })
  })

  it('rejects heights that cannot exist', () => {
    expect(reason('9007199254740992')).toMatch(/too large/)
    expect(reason('-1')).toMatch(/never negative/)
  })

  it('does not take badly grouped numbers for heights', () => {
    expect(classifySearch('1,23').kind).toBe('invalid')
    expect(classifySearch('12,3456').kind).toBe('invalid')
    expect(classifySearch('1.5').kind).toBe('invalid')
  })
})

describe('classifySearch: hashes', () => {
  it('takes 64 hex digits as a hash, lowercased, with or without 0x', () => {
    expect(classifySearch(HASH)).toEqual({ kind: 'hash', hex: HASH })
    expect(classifySearch(HASH.toUpperCase())).toEqual({ kind: 'hash', hex: HASH })
    expect(classifySearch(`0x${HASH}`)).toEqual({ kind: 'hash', hex: HASH })
  })

  it('takes 64 decimal digits as a hash, not a height', () => {
    const digits = '1234567890'.repeat(6).concat('1234')
    expect(classifySearch(digits)).toEqual({ kind: 'hash', hex: digits })
  })

  it('explains a hash of the wrong length', () => {
    expect(reason(HASH.slice(0, 63))).toMatch(/has 63 digits.*have 64/)
    expect(reason(`${HASH}0`)).toMatch(/has 65 digits/)
    expect(reason('0xdeadbeef')).toMatch(/has 8 digits/)
  })

  it('rejects hex with stray characters', () => {
    expect(classifySearch(`${HASH.slice(0, 63)}g`).kind).toBe('invalid')
  })
})

describe('classifySearch: valid addresses', () => {
  it('the test encoder agrees with encodeAddress on a real lock', () => {
    expect(encodeBech32('dnova', toWords(payload(0, 0)))).toBe(DEVNET_ADDRESS)
  })

  it.each<[Network, string]>([
    ['mainnet', MAINNET_ADDRESS],
    ['testnet', TESTNET_ADDRESS],
    ['devnet', DEVNET_ADDRESS],
  ])('recognises a %s address', (network, address) => {
    const prefix = { mainnet: 'nova1', testnet: 'tnova1', devnet: 'dnova1' }[network]
    expect(address.startsWith(prefix)).toBe(true)
    expect(classifySearch(` ${address} `)).toEqual({ kind: 'address', address, network })
  })

  it('accepts an all-uppercase address and returns it lowercased', () => {
    expect(classifySearch(MAINNET_ADDRESS.toUpperCase())).toEqual({
      kind: 'address',
      address: MAINNET_ADDRESS,
      network: 'mainnet',
    })
  })
})

describe('classifySearch: address errors', () => {
  it('catches every single-character typo in the data part (INVALID_CHECKSUM)', () => {
    const start = DEVNET_ADDRESS.indexOf('1') + 1
    for (let i = start; i < DEVNET_ADDRESS.length; i++) {
      for (const c of CHARSET.replace(DEVNET_ADDRESS[i]!, '')) {
        const typo = `${DEVNET_ADDRESS.slice(0, i)}${c}${DEVNET_ADDRESS.slice(i + 1)}`
        expect(reason(typo)).toMatch(/^That address has a typo: its checksum does not match/)
      }
    }
  })

  it('catches a missing character through the checksum', () => {
    expectAddressError(DEVNET_ADDRESS.slice(0, -1), 'INVALID_CHECKSUM', /typo/)
    expectAddressError(
      `${DEVNET_ADDRESS.slice(0, 20)}${DEVNET_ADDRESS.slice(21)}`,
      'INVALID_CHECKSUM',
      /typo/,
    )
  })

  it('says when the checksum is bech32, not bech32m (INVALID_CHECKSUM, bech32)', () => {
    const bech32 = encodeBech32('dnova', toWords(payload(0, 0)), BECH32_CONST)
    expect(addressError(bech32).details.bech32).toBe(true)
    expect(reason(bech32)).toMatch(/old-style bech32 checksum; SuperNova addresses use bech32m/)
  })

  it('rejects a valid bech32m string with a 33-byte payload (INVALID_LENGTH)', () => {
    const short = encodeBech32('dnova', toWords(payload(0, 0).slice(0, 33)))
    expect(addressError(short).details.length).toBe(33)
    expectAddressError(
      short,
      'INVALID_LENGTH',
      /^That is not a SuperNova address: its checksum is valid, but it is 65 characters long and a dnova1 address has 67\.$/,
    )
    // Independently encoded with @scure/base: 33 zero bytes under the mainnet prefix.
    const zeros = 'nova1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqz2maf8'
    expectAddressError(zeros, 'INVALID_LENGTH', /checksum is valid.*a nova1 address has 66/)
  })

  it('rejects data too short for a checksum (INVALID_LENGTH)', () => {
    expectAddressError('dnova1', 'INVALID_LENGTH', /too short: it has 6 characters.*missing/)
    expectAddressError('NOVA1QQ', 'INVALID_LENGTH', /too short.*a nova1 address has 66/)
  })

  it('rejects an over-long address (TOO_LONG)', () => {
    expectAddressError(`${DEVNET_ADDRESS}${'q'.repeat(30)}`, 'TOO_LONG', /too long: it has 97.*67/)
  })

  it('names a character outside the bech32 alphabet and its position (INVALID_CHARACTER)', () => {
    const withB = `${DEVNET_ADDRESS.slice(0, 10)}b${DEVNET_ADDRESS.slice(11)}`
    expectAddressError(
      withB,
      'INVALID_CHARACTER',
      /^Addresses cannot contain "b" \(character 11\)\./,
    )
    expect(reason(withB)).toMatch(/letters other than b, i and o/)
    expectAddressError(
      `dnova1qq qq${DEVNET_ADDRESS.slice(11)}`,
      'INVALID_CHARACTER',
      /a space \(character 9\)/,
    )
  })

  it('shows non-ASCII characters whole, and invisible ones by code point', () => {
    expectAddressError(
      `dnova1é😀x${DEVNET_ADDRESS.slice(9)}`,
      'INVALID_CHARACTER',
      /"é" \(character 7\)/,
    )
    expect(reason(`dnova1😀x${DEVNET_ADDRESS.slice(8)}`)).toMatch(/"😀" \(character 7\)/)
    expect(reason(`dnova1qq\u200bqq${DEVNET_ADDRESS.slice(10)}`)).toMatch(
      /invisible character U\+200B \(character 9\)/,
    )
  })

  it('rejects mixed case (MIXED_CASE)', () => {
    expectAddressError(`D${DEVNET_ADDRESS.slice(1)}`, 'MIXED_CASE', /not a mix/)
  })

  it('rejects an unknown format version (UNKNOWN_VERSION)', () => {
    const v1 = encodeBech32('tnova', toWords(payload(1, 0)))
    expectAddressError(v1, 'UNKNOWN_VERSION', /format version 1, which this explorer does not know/)
  })

  it('rejects an unknown lock code (UNKNOWN_LOCK_TYPE)', () => {
    const lock9 = encodeBech32('nova', toWords(payload(0, 9)))
    expectAddressError(lock9, 'UNKNOWN_LOCK_TYPE', /kind of lock \(code 9\)/)
  })

  it('rejects non-zero padding bits (INVALID_PADDING)', () => {
    const words = toWords(payload(0, 0))
    words.push(words.pop()! | 1)
    expectAddressError(encodeBech32('dnova', words), 'INVALID_PADDING', /last data character/)
  })

  it('names a foreign prefix, even when its checksum is bech32 (UNKNOWN_PREFIX)', () => {
    const bitcoin = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'
    expect(reason(bitcoin)).toBe(
      'Addresses on SuperNova start with nova1, tnova1 or dnova1; "bc1" is not one of ours.',
    )
    const otherChain = encodeBech32('xnova', toWords(payload(0, 0)))
    expectAddressError(otherChain, 'UNKNOWN_PREFIX', /"xnova1" is not one of ours/)
    expect(reason(otherChain.toUpperCase())).toMatch(/"xnova1" is not one of ours/)
    // Starts like ours, but a stray "1" makes the prefix (everything before the last "1") another.
    const strayOne = encodeBech32('dnova1qq', toWords(payload(0, 0)))
    expectAddressError(strayOne, 'UNKNOWN_PREFIX', /"dnova1qq1" is not one of ours/)
  })
})

describe('addressErrorMessage: codes the search box cannot reach', () => {
  it('WRONG_NETWORK names both networks', () => {
    const error = addressError(MAINNET_ADDRESS, 'devnet')
    expect(error.code).toBe('WRONG_NETWORK')
    expect(addressErrorMessage(error, MAINNET_ADDRESS)).toBe(
      'That is a mainnet address; only devnet addresses work here.',
    )
  })

  it('MISSING_SEPARATOR and EMPTY_PREFIX point at the prefix', () => {
    const missing = addressError('dnovaqqqqqqqq')
    expect(missing.code).toBe('MISSING_SEPARATOR')
    expect(addressErrorMessage(missing, 'dnovaqqqqqqqq')).toMatch(/has no "1" after its prefix/)
    const empty = addressError(`1${DEVNET_ADDRESS.slice(6)}`)
    expect(empty.code).toBe('EMPTY_PREFIX')
    expect(addressErrorMessage(empty, `1${DEVNET_ADDRESS.slice(6)}`)).toMatch(
      /missing its prefix.*nova1, tnova1 or dnova1/,
    )
  })
})

describe('classifySearch: other input', () => {
  it('asks for input when empty', () => {
    expect(reason('')).toMatch(/^Enter a block height/)
    expect(reason(' \t\n')).toMatch(/^Enter a block height/)
  })

  it('refuses over-long input before parsing it', () => {
    expect(reason('1'.repeat(MAX_QUERY_LENGTH + 1))).toMatch(
      /201 characters long; nothing we look up is longer than 67\./,
    )
  })

  it.each(['hello', 'cafe', 'block 5', '<script>', 'nova', 'dnova', '１２３', 'abc1déf'])(
    'rejects %j',
    (query) => {
      expect(reason(query)).toBe(
        'That is not a block height, a 64-digit hash or a SuperNova address.',
      )
    },
  )
})
