import { bech32, bech32m } from '@scure/base'
import { AddressError, type AddressErrorCode } from './errors.js'

/** The longest bech32/bech32m string (BIP173). */
export const BECH32_MAX_LENGTH = 90
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
const CHECKSUM_LENGTH = 6

export type Bech32mParts = { prefix: string; words: number[] }

function fail(
  code: AddressErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): never {
  throw new AddressError({ code, message, details })
}

/**
 * Parse a bech32m string (BIP350) into its lowercase prefix and 5-bit data words (checksum
 * removed). Every failure is classified here, in this order, before the checksum is computed:
 * length, printable ASCII, case, separator, prefix, data alphabet, checksum length; so
 * `INVALID_CHECKSUM` means exactly that the checksum does not match.
 * @throws {AddressError} `TOO_LONG`, `INVALID_CHARACTER`, `MIXED_CASE`, `MISSING_SEPARATOR`,
 * `EMPTY_PREFIX`, `INVALID_LENGTH`, `INVALID_CHECKSUM` (`details.bech32` tells whether the string
 * carries a valid bech32 — not bech32m — checksum).
 */
export function parseBech32m(input: string): Bech32mParts {
  if (typeof input !== 'string') throw new TypeError('bech32m: expected a string')
  if (input.length > BECH32_MAX_LENGTH) {
    fail('TOO_LONG', `${input.length} characters, at most ${BECH32_MAX_LENGTH}`, {
      length: input.length,
    })
  }
  let lower = false
  let upper = false
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i)
    if (c < 33 || c > 126) fail('INVALID_CHARACTER', `character code ${c} at ${i}`, { position: i })
    if (c >= 97 && c <= 122) lower = true
    else if (c >= 65 && c <= 90) upper = true
  }
  if (lower && upper) fail('MIXED_CASE', 'mixes upper- and lowercase letters')
  const text = input.toLowerCase()
  const sep = text.lastIndexOf('1')
  if (sep === -1) fail('MISSING_SEPARATOR', "no '1' separator")
  if (sep === 0) fail('EMPTY_PREFIX', "nothing before the '1' separator")
  for (let i = sep + 1; i < text.length; i++) {
    if (!CHARSET.includes(text[i]!)) {
      fail('INVALID_CHARACTER', `'${input[i]}' at ${i} is not in the bech32 alphabet`, {
        position: i,
      })
    }
  }
  const dataLength = text.length - sep - 1
  if (dataLength < CHECKSUM_LENGTH) {
    fail('INVALID_LENGTH', `${dataLength} data characters, at least ${CHECKSUM_LENGTH} needed`)
  }
  // Everything but the checksum is checked above, so the library failing here means the
  // checksum (its error messages are never parsed).
  const decoded = bech32m.decodeUnsafe(text, BECH32_MAX_LENGTH)
  if (!decoded) {
    const isBech32 = bech32.decodeUnsafe(text, BECH32_MAX_LENGTH) !== undefined
    fail(
      'INVALID_CHECKSUM',
      isBech32 ? 'bech32 checksum where bech32m is required' : 'checksum mismatch',
      {
        bech32: isBech32,
      },
    )
  }
  return { prefix: decoded.prefix, words: decoded.words }
}

/**
 * 8-bit bytes from 5-bit words, refusing more than 4 padding bits and non-zero padding so every
 * byte string has exactly one spelling.
 * @throws {AddressError} `INVALID_LENGTH`, `INVALID_PADDING`.
 */
export function wordsToBytes(words: readonly number[]): Uint8Array {
  const pad = (words.length * 5) % 8
  if (pad > 4) fail('INVALID_LENGTH', `${words.length} words leave ${pad} padding bits`)
  const last = words[words.length - 1] ?? 0
  if ((last & ((1 << pad) - 1)) !== 0) fail('INVALID_PADDING', 'non-zero padding bits')
  return bech32m.fromWords([...words])
}
