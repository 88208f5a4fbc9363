import {
  entropyToMnemonic as bip39EntropyToMnemonic,
  mnemonicToEntropy as bip39MnemonicToEntropy,
  mnemonicToSeedWebcrypto,
} from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import { MnemonicError } from './errors.js'
import { cryptoRandomBytes, type RandomBytes } from './random.js'

/** Word counts BIP39 defines (128–256 bits of entropy in 32-bit steps). */
export const MNEMONIC_WORD_COUNTS = [12, 15, 18, 21, 24] as const
/** Entropy lengths in bytes, one per word count. */
const ENTROPY_LENGTHS: readonly number[] = [16, 20, 24, 28, 32]
/** Longest input looked at: 24 of the longest English words (8 letters) with generous spacing. */
const MAX_MNEMONIC_CHARS = 1_000
/** BIP39 seed length in bytes. */
export const SEED_BYTES = 64

/**
 * The canonical spelling of a mnemonic: NFKD (BIP39), lowercase, words separated by one ASCII
 * space, no leading or trailing space. Input typed with other whitespace (tabs, newlines,
 * U+3000), capitals or full-width letters gives the same words — and so the same seed — as its
 * canonical form. Valid English mnemonics are their own canonical form, so standard vectors hold.
 * @throws {TypeError} when `mnemonic` is not a string or is implausibly long.
 */
export function normalizeMnemonic(mnemonic: string): string {
  if (typeof mnemonic !== 'string') throw new TypeError('mnemonic: expected a string')
  if (mnemonic.length > MAX_MNEMONIC_CHARS)
    throw new TypeError(`mnemonic: longer than ${MAX_MNEMONIC_CHARS} characters`)
  return mnemonic
    .normalize('NFKD')
    .toLowerCase()
    .split(/\s+/u)
    .filter((w) => w.length > 0)
    .join(' ')
}

export type MnemonicToEntropyParameters = { mnemonic: string }

/**
 * The entropy a mnemonic encodes, after checking word count, every word and the checksum — in
 * that order, so the error names the first problem. The caller owns (and should wipe) the result.
 * @throws {MnemonicError} `INVALID_WORD_COUNT`, `UNKNOWN_WORD` (with the 1-based `position`),
 * `INVALID_CHECKSUM`.
 * @example
 * const entropy = mnemonicToEntropy({ mnemonic: 'legal winner thank year wave sausage worth useful legal winner thank yellow' })
 */
export function mnemonicToEntropy({ mnemonic }: MnemonicToEntropyParameters): Uint8Array {
  const words = normalizeMnemonic(mnemonic).split(' ')
  const count = words[0] === '' ? 0 : words.length
  if (!(MNEMONIC_WORD_COUNTS as readonly number[]).includes(count)) {
    throw new MnemonicError({
      code: 'INVALID_WORD_COUNT',
      message: `${count} words; a mnemonic has ${MNEMONIC_WORD_COUNTS.join(', ')} words`,
      details: { count },
    })
  }
  const unknown = words.findIndex((w) => !wordlist.includes(w))
  if (unknown !== -1) {
    throw new MnemonicError({
      code: 'UNKNOWN_WORD',
      message: `word ${unknown + 1} is not in the BIP39 English word list`,
      details: { position: unknown + 1 },
    })
  }
  try {
    return bip39MnemonicToEntropy(words.join(' '), wordlist)
  } catch (cause) {
    // Count and words are checked above, so the library can only object to the checksum.
    throw new MnemonicError({
      code: 'INVALID_CHECKSUM',
      message: 'the checksum does not match: a word is mistyped or out of order',
      cause,
    })
  }
}

/**
 * Throws unless `mnemonic` is a valid English BIP39 mnemonic.
 * @throws {MnemonicError} as `mnemonicToEntropy`.
 */
export function assertMnemonic(mnemonic: string): void {
  mnemonicToEntropy({ mnemonic }).fill(0)
}

/** True when `mnemonic` is a valid English BIP39 mnemonic (any spelling `normalizeMnemonic` accepts). */
export function isValidMnemonic(mnemonic: string): boolean {
  try {
    assertMnemonic(mnemonic)
    return true
  } catch (e) {
    if (e instanceof MnemonicError || e instanceof TypeError) return false
    throw e
  }
}

export type EntropyToMnemonicParameters = { entropy: Uint8Array }

/**
 * The English mnemonic of `entropy` (16–32 bytes in steps of 4).
 * @throws {MnemonicError} `INVALID_ENTROPY`.
 */
export function entropyToMnemonic({ entropy }: EntropyToMnemonicParameters): string {
  if (!(entropy instanceof Uint8Array) || !ENTROPY_LENGTHS.includes(entropy.length)) {
    throw new MnemonicError({
      code: 'INVALID_ENTROPY',
      message: `entropy must be ${ENTROPY_LENGTHS.join(', ')} bytes`,
      details: { length: entropy instanceof Uint8Array ? entropy.length : undefined },
    })
  }
  return bip39EntropyToMnemonic(entropy, wordlist)
}

export type GenerateMnemonicParameters = {
  /** Bits of entropy: 128 (12 words, the default) or 256 (24 words). */
  strength?: 128 | 256
  /** Source of the entropy; default `crypto.getRandomValues`. */
  random?: RandomBytes
}

/**
 * A fresh English mnemonic. The entropy is wiped once encoded; the words are the secret now.
 * @throws {RangeError} for another strength, or when `random` returns the wrong number of bytes.
 * @example
 * const mnemonic = generateMnemonic({ strength: 256 }) // 24 words
 */
export function generateMnemonic({
  strength = 128,
  random = cryptoRandomBytes,
}: GenerateMnemonicParameters = {}): string {
  if (strength !== 128 && strength !== 256)
    throw new RangeError(`generateMnemonic: strength must be 128 or 256, not ${String(strength)}`)
  const entropy = random(strength / 8)
  if (!(entropy instanceof Uint8Array) || entropy.length !== strength / 8)
    throw new RangeError(`generateMnemonic: random source did not return ${strength / 8} bytes`)
  try {
    return entropyToMnemonic({ entropy })
  } finally {
    entropy.fill(0)
  }
}

export type MnemonicToSeedParameters = {
  mnemonic: string
  /** The optional BIP39 passphrase ("25th word"), NFKD-normalised as BIP39 requires. Default ''. */
  passphrase?: string
}

/**
 * The 64-byte BIP39 seed: PBKDF2-HMAC-SHA512(NFKD(mnemonic), "mnemonic" + NFKD(passphrase),
 * 2048 iterations), through WebCrypto. The mnemonic is validated (and canonicalised) first.
 * @throws {MnemonicError} for an invalid mnemonic.
 * @throws {TypeError} when the passphrase is not a well-formed string.
 * @example
 * const seed = await mnemonicToSeed({ mnemonic, passphrase: 'TREZOR' })
 */
export async function mnemonicToSeed({
  mnemonic,
  passphrase = '',
}: MnemonicToSeedParameters): Promise<Uint8Array> {
  assertMnemonic(mnemonic)
  return mnemonicToSeedWebcrypto(normalizeMnemonic(mnemonic), passphrase)
}
