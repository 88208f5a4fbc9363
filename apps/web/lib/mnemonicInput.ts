import { MnemonicError, mnemonicToEntropy, normalizeMnemonic } from '@supernova/light-client'

/** What an imported recovery phrase looks like to the form. */
export type MnemonicCheck =
  | { ok: true; mnemonic: string; wordCount: number }
  | { ok: false; code: MnemonicCheckCode; message: string; position?: number }

export type MnemonicCheckCode =
  | 'EMPTY'
  | 'TOO_LONG'
  | 'INVALID_WORD_COUNT'
  | 'UNKNOWN_WORD'
  | 'INVALID_CHECKSUM'

/**
 * Checks a typed recovery phrase (any spacing or case) the way the wallet will: word count, each
 * word in the BIP39 English list, then the checksum. The message names a bad word's position,
 * never the word itself (the phrase is secret, and messages can end up in screenshots).
 * @example checkMnemonic('legal winner … yellow') // { ok: true, mnemonic: 'legal winner …', wordCount: 12 }
 */
export function checkMnemonic(text: string): MnemonicCheck {
  let mnemonic: string
  try {
    mnemonic = normalizeMnemonic(text)
  } catch {
    return { ok: false, code: 'TOO_LONG', message: 'This is too long for a recovery phrase.' }
  }
  if (mnemonic === '') return { ok: false, code: 'EMPTY', message: 'Enter your recovery phrase.' }
  try {
    mnemonicToEntropy({ mnemonic }).fill(0)
  } catch (e) {
    if (!(e instanceof MnemonicError)) throw e
    return describeMnemonicError(e, mnemonic.split(' ').length)
  }
  return { ok: true, mnemonic, wordCount: mnemonic.split(' ').length }
}

function describeMnemonicError(e: MnemonicError, count: number): MnemonicCheck {
  switch (e.code) {
    case 'INVALID_WORD_COUNT':
      return {
        ok: false,
        code: 'INVALID_WORD_COUNT',
        message: `That is ${count} word${count === 1 ? '' : 's'}; a recovery phrase has 12, 15, 18, 21 or 24.`,
      }
    case 'UNKNOWN_WORD': {
      const position = Number(e.details.position)
      return {
        ok: false,
        code: 'UNKNOWN_WORD',
        position,
        message: `Word ${position} is not in the BIP39 English word list. Check its spelling.`,
      }
    }
    default:
      return {
        ok: false,
        code: 'INVALID_CHECKSUM',
        message:
          'Every word is valid, but the checksum does not match: a word is mistyped, missing or out of order.',
      }
  }
}
