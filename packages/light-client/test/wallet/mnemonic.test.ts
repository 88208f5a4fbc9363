import { fromHex, toHex } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { MnemonicError } from '../../src/wallet/errors.js'
import {
  entropyToMnemonic,
  generateMnemonic,
  isValidMnemonic,
  mnemonicToEntropy,
  mnemonicToSeed,
  normalizeMnemonic,
} from '../../src/wallet/mnemonic.js'
import vectors from './bip39-vectors.json' with { type: 'json' }

const english = vectors.english as [string, string, string, string][]

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    return e instanceof MnemonicError ? e.code : String(e)
  }
  return undefined
}

describe('BIP39 official vectors (trezor/python-mnemonic, passphrase TREZOR)', () => {
  it('has all 24 English vectors', () => expect(english).toHaveLength(24))

  it.each(english)('%s', async (entropyHex, mnemonic, seedHex) => {
    expect(entropyToMnemonic({ entropy: fromHex(entropyHex) })).toBe(mnemonic)
    expect(toHex(mnemonicToEntropy({ mnemonic }))).toBe(entropyHex)
    expect(toHex(await mnemonicToSeed({ mnemonic, passphrase: 'TREZOR' }))).toBe(seedHex)
  })
})

describe('Unicode and spelling (NFKD)', () => {
  const [, mnemonic, seed] = english[1]!

  it('a full-width passphrase is NFKD-normalised to the same seed', async () => {
    expect(toHex(await mnemonicToSeed({ mnemonic, passphrase: 'ＴＲＥＺＯＲ' }))).toBe(seed)
  })

  it('composed and decomposed passphrases give the same seed; other text does not', async () => {
    const composed = await mnemonicToSeed({ mnemonic, passphrase: 'Příšerně žluťoučký kůň' })
    const decomposed = await mnemonicToSeed({
      mnemonic,
      passphrase: 'Příšerně žluťoučký kůň'.normalize('NFD'),
    })
    const plain = await mnemonicToSeed({ mnemonic, passphrase: 'Priserne zlutoucky kun' })
    expect(toHex(decomposed)).toBe(toHex(composed))
    expect(toHex(plain)).not.toBe(toHex(composed))
  })

  it('other whitespace, capitals and full-width letters spell the same mnemonic', async () => {
    const spelled = `  ${mnemonic.toUpperCase().replaceAll(' ', '\u3000\n')}\t`
    expect(normalizeMnemonic(spelled)).toBe(mnemonic)
    expect(toHex(await mnemonicToSeed({ mnemonic: spelled, passphrase: 'TREZOR' }))).toBe(seed)
    const fullWidth = mnemonic.replace('legal', 'ｌｅｇａｌ')
    expect(toHex(await mnemonicToSeed({ mnemonic: fullWidth, passphrase: 'TREZOR' }))).toBe(seed)
  })
})

describe('validation names the problem', () => {
  const valid = english[0]![1]
  it('wrong length', () => {
    expect(
      codeOf(() => mnemonicToEntropy({ mnemonic: valid.split(' ').slice(0, 11).join(' ') })),
    ).toBe('INVALID_WORD_COUNT')
    expect(codeOf(() => mnemonicToEntropy({ mnemonic: '' }))).toBe('INVALID_WORD_COUNT')
  })

  it('unknown word, with its position and without the words', () => {
    const words = valid.split(' ')
    words[4] = 'abandonn'
    try {
      mnemonicToEntropy({ mnemonic: words.join(' ') })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(MnemonicError)
      expect((e as MnemonicError).code).toBe('UNKNOWN_WORD')
      expect((e as MnemonicError).details.position).toBe(5)
      expect((e as Error).message).not.toContain('abandon')
    }
  })

  it('bad checksum', () => {
    expect(codeOf(() => mnemonicToEntropy({ mnemonic: valid.replace(/about$/, 'abandon') }))).toBe(
      'INVALID_CHECKSUM',
    )
    expect(isValidMnemonic(valid.replace(/about$/, 'zoo'))).toBe(false)
    expect(isValidMnemonic(valid)).toBe(true)
  })

  it('bad entropy length', () => {
    expect(codeOf(() => entropyToMnemonic({ entropy: new Uint8Array(15) }))).toBe('INVALID_ENTROPY')
  })
})

describe('generateMnemonic', () => {
  it('encodes 16 or 32 injected random bytes', () => {
    const random = (n: number) => new Uint8Array(n).fill(0x7f)
    expect(generateMnemonic({ random })).toBe(english[1]![1])
    expect(generateMnemonic({ strength: 256, random })).toBe(english[9]![1])
  })

  it('draws fresh entropy by default', () => {
    const a = generateMnemonic()
    expect(isValidMnemonic(a)).toBe(true)
    expect(a.split(' ')).toHaveLength(12)
    expect(generateMnemonic({ strength: 256 }).split(' ')).toHaveLength(24)
    expect(generateMnemonic()).not.toBe(a)
  })

  it('rejects other strengths and short random sources', () => {
    expect(() => generateMnemonic({ strength: 160 as 128 })).toThrow(RangeError)
    expect(() => generateMnemonic({ random: () => new Uint8Array(8) })).toThrow(RangeError)
  })
})
