import { describe, expect, it } from 'vitest'
import { decodeBech32m, encodeBech32m } from './bech32m'

// BIP350 test vectors.
const VALID = [
  'A1LQFN3A',
  'a1lqfn3a',
  'an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6',
  'abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx',
  '11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8',
  'split1checkupstagehandshakeupstreamerranterredcaperredlc445v',
  '?1v759aa',
]

const INVALID: Array<[string, string]> = [
  ['qyrz8wqd2c9m', 'NO_SEPARATOR'],
  ['1qyrz8wqd2c9m', 'EMPTY_PREFIX'],
  ['y1b0jsk6g', 'BAD_CHARACTER'],
  ['lt1igcx5c0', 'BAD_CHARACTER'],
  ['in1muywd', 'TOO_SHORT'],
  ['mm1crxm3i', 'BAD_CHARACTER'],
  ['au1s5cgom', 'BAD_CHARACTER'],
  ['M1VUXWEZ', 'BAD_CHECKSUM'],
  ['16plkw9', 'EMPTY_PREFIX'],
  ['1p2gdwpf', 'EMPTY_PREFIX'],
  ['\x201xj0phk', 'BAD_PREFIX_CHAR'],
  ['\x7f1g6xzxy', 'BAD_PREFIX_CHAR'],
  [
    'an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx',
    'TOO_LONG',
  ],
  // Valid bech32 (BIP173), which must not pass as bech32m.
  ['a12uel5l', 'BAD_CHECKSUM'],
  ['abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw', 'BAD_CHECKSUM'],
  ['aBcDeF1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx', 'MIXED_CASE'],
]

describe('decodeBech32m', () => {
  it.each(VALID)('accepts BIP350 valid string %s', (text) => {
    expect(decodeBech32m(text).ok).toBe(true)
  })

  it.each(INVALID)('rejects %j as %s', (text, error) => {
    const result = decodeBech32m(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toBe(error)
  })

  it('returns the lowercase prefix and the data words without the checksum', () => {
    const result = decodeBech32m('abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx')
    expect(result).toEqual({
      ok: true,
      prefix: 'abcdef',
      words: Array.from({ length: 32 }, (_, i) => 31 - i),
    })
  })

  it('encodes what it decodes', () => {
    for (const text of VALID.filter((t) => t === t.toLowerCase())) {
      const result = decodeBech32m(text)
      if (!result.ok) throw new Error(text)
      expect(encodeBech32m(result.prefix, result.words)).toBe(text)
    }
  })
})
