import { bech32m } from '@scure/base'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseBech32m, wordsToBytes } from '../../src/address/bech32m.js'
import { AddressError } from '../../src/address/errors.js'

function addressError(f: () => unknown): AddressError {
  try {
    f()
  } catch (e) {
    if (e instanceof AddressError) return e
    throw e
  }
  throw new Error('expected an AddressError')
}

// BIP350 "Test vectors for Bech32m" (bitcoin/bips bip-0350.mediawiki).
const VALID = [
  'A1LQFN3A',
  'a1lqfn3a',
  'an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6',
  'abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx',
  '11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8',
  'split1checkupstagehandshakeupstreamerranterredcaperredlc445v',
  '?1v759aa',
]

// BIP350 invalid Bech32m strings, with the reason given there and our code for it.
const INVALID: [string, string, string][] = [
  ['\x201xj0phk', 'HRP character out of range', 'INVALID_CHARACTER'],
  ['\x7f1g6xzxy', 'HRP character out of range', 'INVALID_CHARACTER'],
  ['\x801vctc34', 'HRP character out of range', 'INVALID_CHARACTER'],
  [
    'an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4',
    'overall max length exceeded',
    'TOO_LONG',
  ],
  ['qyrz8wqd2c9m', 'No separator character', 'MISSING_SEPARATOR'],
  ['1qyrz8wqd2c9m', 'Empty HRP', 'EMPTY_PREFIX'],
  ['y1b0jsk6g', 'Invalid data character', 'INVALID_CHARACTER'],
  ['lt1igcx5c0', 'Invalid data character', 'INVALID_CHARACTER'],
  ['in1muywd', 'Too short checksum', 'INVALID_LENGTH'],
  ['mm1crxm3i', 'Invalid character in checksum', 'INVALID_CHARACTER'],
  ['au1s5cgom', 'Invalid character in checksum', 'INVALID_CHARACTER'],
  ['M1VUXWEZ', 'checksum calculated with uppercase form of HRP', 'INVALID_CHECKSUM'],
  ['16plkw9', 'empty HRP', 'EMPTY_PREFIX'],
  ['1p2gdwpf', 'empty HRP', 'EMPTY_PREFIX'],
]

// BIP350 segwit address vectors, at the checksum layer only.
const SEGWIT_BECH32M = [
  'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
  'BC1SW50QGDZ25J',
  'bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs',
  'tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c',
  'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
  // "Bech32m instead of Bech32": invalid segwit v0, but a valid bech32m string.
  'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh',
  'tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47',
]
const SEGWIT_BECH32_CHECKSUM = [
  // "Invalid checksum (Bech32 instead of Bech32m)"
  'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd',
  'tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf',
  'BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL',
  // Valid v0 (bech32) addresses: not bech32m.
  'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
  'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7',
]

describe('bech32m checksum layer (BIP350 vectors)', () => {
  it.each(VALID)('accepts %s', (s) => {
    const { prefix, words } = parseBech32m(s)
    expect(prefix).toBe(s.slice(0, s.lastIndexOf('1')).toLowerCase())
    expect(bech32m.encode(prefix, words, false)).toBe(s.toLowerCase())
  })

  it.each(INVALID)('rejects %j (%s) with its code', (s, _reason, code) => {
    expect(addressError(() => parseBech32m(s)).code).toBe(code)
  })

  it.each(SEGWIT_BECH32M)('accepts the bech32m string %s', (s) => {
    expect(parseBech32m(s).prefix).toBe(s.slice(0, 2).toLowerCase())
  })

  it.each(SEGWIT_BECH32_CHECKSUM)('rejects the bech32 checksum of %s as INVALID_CHECKSUM', (s) => {
    const e = addressError(() => parseBech32m(s))
    expect(e.code).toBe('INVALID_CHECKSUM')
    expect(e.details.bech32).toBe(true)
  })

  it('classifies other BIP350 segwit failures at our layers', () => {
    expect(
      addressError(() =>
        parseBech32m('bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4'),
      ).code,
    ).toBe('INVALID_CHARACTER')
    expect(
      addressError(() =>
        parseBech32m('tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq'),
      ).code,
    ).toBe('MIXED_CASE')
    // Padding rules apply to the program words after the witness-version word.
    const longPad = parseBech32m(
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf',
    ).words.slice(1)
    expect(addressError(() => wordsToBytes(longPad)).code).toBe('INVALID_LENGTH')
    const badPad = parseBech32m(
      'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j',
    ).words.slice(1)
    expect(addressError(() => wordsToBytes(badPad)).code).toBe('INVALID_PADDING')
    const good = parseBech32m(
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
    ).words.slice(1)
    expect(wordsToBytes(good).length).toBe(32)
  })

  it('an ordinary corrupted checksum is INVALID_CHECKSUM without the bech32 flag', () => {
    const e = addressError(() => parseBech32m('a1lqfn3q'))
    expect(e.code).toBe('INVALID_CHECKSUM')
    expect(e.details.bech32).toBe(false)
  })

  it('round-trips random payloads and detects any single substitution (property)', () => {
    const charset = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
    fc.assert(
      fc.property(
        fc.constantFrom('nova', 'tnova', 'dnova', 'x'),
        fc.uint8Array({ maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 1, max: 31 }),
        (prefix, bytes, at, shift) => {
          const s = bech32m.encode(prefix, bech32m.toWords(bytes))
          const parsed = parseBech32m(s)
          expect(parsed.prefix).toBe(prefix)
          expect(wordsToBytes(parsed.words)).toEqual(bytes)
          const i = prefix.length + 1 + (at % (s.length - prefix.length - 1))
          const c = charset[(charset.indexOf(s[i]!) + shift) % 32]!
          const corrupted = s.slice(0, i) + c + s.slice(i + 1)
          expect(addressError(() => parseBech32m(corrupted)).code).toBe('INVALID_CHECKSUM')
        },
      ),
      { numRuns: 500 },
    )
  })

  it('refuses non-strings', () => {
    expect(() => parseBech32m(42 as unknown as string)).toThrow(TypeError)
  })
})
