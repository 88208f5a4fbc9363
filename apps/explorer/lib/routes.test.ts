import { devnetAccount, encodeAddress } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import {
  decodeSegment,
  parseAddressParam,
  parseBlockId,
  parseTxid,
  paths,
  searchTarget,
} from './routes'
import { classifySearch } from './search'

const HASH = 'ab'.repeat(32)
const DEVNET_ADDRESS = encodeAddress({ network: 'devnet', lock: devnetAccount(3).lock })
const MAINNET_ADDRESS = encodeAddress({ network: 'mainnet', lock: devnetAccount(3).lock })

describe('decodeSegment', () => {
  it('decodes percent escapes and keeps a malformed segment as is', () => {
    expect(decodeSegment('%2342')).toBe('#42')
    expect(decodeSegment('%E0%A4%A')).toBe('%E0%A4%A')
  })
})

describe('parseBlockId', () => {
  it('takes heights in the forms search takes', () => {
    expect(parseBlockId('42')).toEqual({ kind: 'height', height: 42 })
    expect(parseBlockId('%2342')).toEqual({ kind: 'height', height: 42 })
    expect(parseBlockId('1,234')).toEqual({ kind: 'height', height: 1234 })
    expect(parseBlockId('0')).toEqual({ kind: 'height', height: 0 })
  })

  it('takes a hash in either case, with or without 0x', () => {
    expect(parseBlockId(HASH.toUpperCase())).toEqual({ kind: 'hash', hash: HASH })
    expect(parseBlockId(`0x${HASH}`)).toEqual({ kind: 'hash', hash: HASH })
  })

  it('explains what is wrong with anything else', () => {
    expect(parseBlockId('4294967296')).toMatchObject({
      kind: 'invalid',
      reason: /stop at 4,294,967,295/,
    })
    expect(parseBlockId(DEVNET_ADDRESS)).toMatchObject({ reason: /an address, not a block/ })
    expect(parseBlockId('-3')).toMatchObject({ reason: /never negative/ })
    expect(parseBlockId('abc123def')).toMatchObject({ reason: /9 digits/ })
  })
})

describe('parseTxid', () => {
  it('takes 64 hex digits and says what else it was given', () => {
    expect(parseTxid(HASH)).toEqual({ kind: 'txid', txid: HASH })
    expect(parseTxid('12')).toMatchObject({ reason: /a block height, not a transaction id/ })
    expect(parseTxid(DEVNET_ADDRESS)).toMatchObject({ reason: /an address, not a transaction id/ })
    expect(parseTxid('zz')).toMatchObject({ kind: 'invalid' })
  })
})

describe('parseAddressParam', () => {
  it('takes an address of the site network, lowercased', () => {
    expect(parseAddressParam(DEVNET_ADDRESS.toUpperCase(), 'devnet')).toEqual({
      kind: 'address',
      address: DEVNET_ADDRESS,
    })
  })

  it('refuses another network, a hash and a typo with reasons', () => {
    expect(parseAddressParam(MAINNET_ADDRESS, 'devnet')).toMatchObject({
      reason: 'That is a mainnet address; this explorer shows the devnet chain.',
    })
    expect(parseAddressParam(HASH, 'devnet')).toMatchObject({ reason: /not an address/ })
    const typo = `${DEVNET_ADDRESS.slice(0, -1)}${DEVNET_ADDRESS.endsWith('q') ? 'p' : 'q'}`
    expect(parseAddressParam(typo, 'devnet')).toMatchObject({ reason: /checksum/ })
  })
})

describe('searchTarget', () => {
  it('sends heights and addresses to their pages, hashes to a lookup', () => {
    expect(searchTarget(classifySearch('#7'))).toEqual({ kind: 'page', href: '/block/7' })
    expect(searchTarget(classifySearch(DEVNET_ADDRESS))).toEqual({
      kind: 'page',
      href: paths.address(DEVNET_ADDRESS),
    })
    expect(searchTarget(classifySearch(HASH))).toEqual({ kind: 'hash', hex: HASH })
    expect(searchTarget(classifySearch('hello'))).toMatchObject({ kind: 'invalid' })
  })

  it('builds search links that survive any query', () => {
    expect(paths.search('a b&c')).toBe('/search?q=a%20b%26c')
  })
})
