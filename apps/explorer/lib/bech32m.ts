/**
 * Just enough BIP350 (bech32m) to tell a mistyped address from a real one in the search box:
 * split, alphabet and checksum. Decoding the payload (scheme, policy hash) is the protocol
 * package's job; the explorer only needs to know whether the string can be an address.
 */

export const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'

const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const
const BECH32M_CONST = 0x2bc830a3
const CHECKSUM_LENGTH = 6
/** BIP173's length limit, kept by BIP350. */
export const BECH32_MAX_LENGTH = 90

export type Bech32mResult =
  | { ok: true; prefix: string; words: number[] }
  | { ok: false; error: Bech32mErrorCode; detail?: string }

export type Bech32mErrorCode =
  | 'TOO_LONG'
  | 'MIXED_CASE'
  | 'NO_SEPARATOR'
  | 'EMPTY_PREFIX'
  | 'BAD_PREFIX_CHAR'
  | 'BAD_CHARACTER'
  | 'TOO_SHORT'
  | 'BAD_CHECKSUM'

function polymod(values: readonly number[]): number {
  let chk = 1
  for (const value of values) {
    const top = chk >>> 25
    chk = ((chk & 0x1ffffff) << 5) ^ value
    for (let i = 0; i < 5; i++) {
      if ((top >>> i) & 1) chk ^= GENERATOR[i] ?? 0
    }
  }
  return chk >>> 0
}

function expandPrefix(prefix: string): number[] {
  const codes = [...prefix].map((c) => c.charCodeAt(0))
  return [...codes.map((c) => c >>> 5), 0, ...codes.map((c) => c & 31)]
}

/** The six checksum words for `prefix` + `words` (used to build test addresses). */
export function bech32mChecksum(prefix: string, words: readonly number[]): number[] {
  const mod = polymod([...expandPrefix(prefix), ...words, 0, 0, 0, 0, 0, 0]) ^ BECH32M_CONST
  return Array.from({ length: CHECKSUM_LENGTH }, (_, i) => (mod >>> (5 * (5 - i))) & 31)
}

/** Encodes `words` (5-bit values) as a bech32m string with the given lowercase prefix. */
export function encodeBech32m(prefix: string, words: readonly number[]): string {
  const all = [...words, ...bech32mChecksum(prefix, words)]
  return `${prefix}1${all.map((w) => BECH32_CHARSET[w]).join('')}`
}

/** Splits and checks a bech32m string; never throws. Uppercase input is accepted (BIP173). */
export function decodeBech32m(text: string): Bech32mResult {
  if (text.length > BECH32_MAX_LENGTH) return { ok: false, error: 'TOO_LONG' }
  const lower = text.toLowerCase()
  if (text !== lower && text !== text.toUpperCase()) return { ok: false, error: 'MIXED_CASE' }
  const split = lower.lastIndexOf('1')
  if (split === -1) return { ok: false, error: 'NO_SEPARATOR' }
  if (split === 0) return { ok: false, error: 'EMPTY_PREFIX' }
  const prefix = lower.slice(0, split)
  for (const c of prefix) {
    const code = c.charCodeAt(0)
    if (code < 33 || code > 126) return { ok: false, error: 'BAD_PREFIX_CHAR' }
  }
  const data = lower.slice(split + 1)
  const words: number[] = []
  for (const c of data) {
    const word = BECH32_CHARSET.indexOf(c)
    if (word === -1) return { ok: false, error: 'BAD_CHARACTER', detail: c }
    words.push(word)
  }
  if (words.length < CHECKSUM_LENGTH) return { ok: false, error: 'TOO_SHORT' }
  if (polymod([...expandPrefix(prefix), ...words]) !== BECH32M_CONST) {
    return { ok: false, error: 'BAD_CHECKSUM' }
  }
  return { ok: true, prefix, words: words.slice(0, -CHECKSUM_LENGTH) }
}
