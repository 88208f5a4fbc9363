import { describe, expect, it } from 'vitest'
import { encodeBech32m } from './bech32m'
import { classifySearch, MAX_QUERY_LENGTH, type SearchClassification } from './search'

// Encoded independently with @scure/base's bech32m (33-byte payloads), not with our encoder.
const DEVNET_ADDRESS = 'dnova1qurswpc8qurswpc8qurswpc8qurswpc8qurswpc8qurswpc8qurswyqw4l0'
const MAINNET_ADDRESS = 'nova1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqz2maf8'
const TESTNET_ADDRESS = encodeBech32m(
  'tnova',
  Array.from({ length: 53 }, (_, i) => i % 32),
)
const HASH = '00000000a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c'

function reason(query: string): string {
  const result = classifySearch(query)
  if (result.kind !== 'invalid') throw new Error(`${query} classified as ${result.kind}`)
  return result.reason
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

describe('classifySearch: addresses', () => {
  it('recognises each network by prefix', () => {
    expect(classifySearch(MAINNET_ADDRESS)).toEqual({
      kind: 'address',
      address: MAINNET_ADDRESS,
      network: 'mainnet',
    })
    expect(classifySearch(TESTNET_ADDRESS)).toEqual({
      kind: 'address',
      address: TESTNET_ADDRESS,
      network: 'testnet',
    })
    expect(classifySearch(DEVNET_ADDRESS)).toEqual({
      kind: 'address',
      address: DEVNET_ADDRESS,
      network: 'devnet',
    })
  })

  it('accepts an all-uppercase address and returns it lowercased', () => {
    expect(classifySearch(DEVNET_ADDRESS.toUpperCase())).toEqual({
      kind: 'address',
      address: DEVNET_ADDRESS,
      network: 'devnet',
    })
  })

  it('catches a single-character typo through the checksum', () => {
    const typo = `${DEVNET_ADDRESS.slice(0, 20)}${DEVNET_ADDRESS[20] === 'q' ? 'p' : 'q'}${DEVNET_ADDRESS.slice(21)}`
    expect(reason(typo)).toMatch(/typo/)
  })

  it('catches a missing character', () => {
    expect(reason(DEVNET_ADDRESS.slice(0, -1))).toMatch(/typo/)
  })

  it('names a character outside the bech32 alphabet', () => {
    expect(reason(`${DEVNET_ADDRESS.slice(0, 10)}b${DEVNET_ADDRESS.slice(11)}`)).toMatch(
      /cannot contain "b"/,
    )
  })

  it('rejects mixed case', () => {
    expect(reason(`D${DEVNET_ADDRESS.slice(1)}`)).toMatch(/not a mix/)
  })

  it('rejects other chains and bech32 (not bech32m) strings', () => {
    expect(reason('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toMatch(
      /start with nova1, tnova1 or dnova1; "bc1"/,
    )
    const bech32 = 'nova1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq'
    expect(classifySearch(bech32).kind).toBe('invalid')
  })

  it('rejects a bare prefix', () => {
    expect(reason('dnova1')).toMatch(/too short/)
  })
})

describe('classifySearch: other input', () => {
  it('asks for input when empty', () => {
    expect(reason('')).toMatch(/^Enter a block height/)
    expect(reason(' \t\n')).toMatch(/^Enter a block height/)
  })

  it('refuses over-long input before parsing it', () => {
    expect(reason('1'.repeat(MAX_QUERY_LENGTH + 1))).toMatch(/201 characters/)
  })

  it.each(['hello', 'cafe', 'block 5', '<script>', 'nova', '１２３'])('rejects %j', (query) => {
    expect(reason(query)).toBe(
      'That is not a block height, a 64-digit hash or a SuperNova address.',
    )
  })
})
