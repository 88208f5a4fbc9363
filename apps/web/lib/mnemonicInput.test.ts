import { describe, expect, it } from 'vitest'
import { checkMnemonic } from './mnemonicInput'

// BIP39 test vectors (Trezor's), English.
const VALID_12 = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
const VALID_24 =
  'letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic bless'

describe('checkMnemonic', () => {
  it('accepts valid phrases in any spacing and case', () => {
    expect(checkMnemonic(VALID_12)).toEqual({ ok: true, mnemonic: VALID_12, wordCount: 12 })
    expect(checkMnemonic(`  ${VALID_12.toUpperCase().replaceAll(' ', '\n ')}  `)).toMatchObject({
      ok: true,
      mnemonic: VALID_12,
    })
    expect(checkMnemonic(VALID_24)).toMatchObject({ ok: true, wordCount: 24 })
  })

  it('asks for a phrase when empty', () => {
    expect(checkMnemonic('  \n')).toMatchObject({ ok: false, code: 'EMPTY' })
  })

  it('names a wrong word count', () => {
    const r = checkMnemonic(VALID_12.split(' ').slice(0, 11).join(' '))
    expect(r).toMatchObject({ ok: false, code: 'INVALID_WORD_COUNT' })
    expect(!r.ok && r.message).toMatch(/11 words.*12, 15, 18, 21 or 24/)
  })

  it('names the position of an unknown word, never the word', () => {
    const words = VALID_12.split(' ')
    words[4] = 'wavey'
    const r = checkMnemonic(words.join(' '))
    expect(r).toMatchObject({ ok: false, code: 'UNKNOWN_WORD', position: 5 })
    expect(!r.ok && r.message).toMatch(/Word 5/)
    expect(!r.ok && r.message).not.toMatch(/wavey/)
  })

  it('tells a checksum failure (swapped words) apart', () => {
    const words = VALID_12.split(' ')
    ;[words[0], words[1]] = [words[1]!, words[0]!]
    expect(checkMnemonic(words.join(' '))).toMatchObject({ ok: false, code: 'INVALID_CHECKSUM' })
  })

  it('refuses absurdly long input without splitting it', () => {
    expect(checkMnemonic('a '.repeat(5_000))).toMatchObject({ ok: false, code: 'TOO_LONG' })
  })
})
