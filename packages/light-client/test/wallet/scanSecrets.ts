import { toHex, utf8 } from '@supernova/protocol'
import type { WalletStore } from '../../src/storage/types.js'
import { mnemonicToEntropy } from '../../src/wallet/mnemonic.js'

export type Secrets = {
  mnemonic: string
  passphrase: string
  passwords: readonly string[]
  seed: Uint8Array
  privateKeys: readonly Uint8Array[]
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

/** Every spelling of a secret byte string worth looking for. */
function spellings(bytes: Uint8Array): string[] {
  const b64 = base64(bytes).replace(/=+$/, '')
  return [toHex(bytes), b64, b64.replaceAll('+', '-').replaceAll('/', '_')]
}

/**
 * Looks through every key and value of `store` for the secrets: as raw bytes, as hex, base64 and
 * base64url text (in the value read as Latin-1 and as UTF-8, and in the key), and as UTF-8 text
 * for the words and passwords (the whole phrase and every run of three words). Returns what it
 * found, e.g. `seed as hex in wallet/record`.
 */
export async function scanForSecrets(store: WalletStore, s: Secrets): Promise<string[]> {
  const words = s.mnemonic.split(' ')
  const texts: [string, string][] = [
    ['mnemonic', s.mnemonic],
    ...words
      .slice(0, -2)
      .map((_, i): [string, string] => [
        `words ${i + 1}-${i + 3}`,
        words.slice(i, i + 3).join(' '),
      ]),
    ...s.passwords.map((p, i): [string, string] => [`password ${i}`, p]),
    ...(s.passphrase ? [['passphrase', s.passphrase] as [string, string]] : []),
  ]
  const bytes: [string, Uint8Array][] = [
    ['entropy', mnemonicToEntropy({ mnemonic: s.mnemonic })],
    ['seed', s.seed],
    ...s.privateKeys.map((k, i): [string, Uint8Array] => [`private key ${i}`, k]),
    ...texts.map(([n, t]): [string, Uint8Array] => [`${n} (UTF-8 bytes)`, utf8(t)]),
  ]
  const found: string[] = []
  for (const key of await store.keys()) {
    const value = (await store.get(key)) ?? new Uint8Array(0)
    const views = [String.fromCharCode(...value), new TextDecoder().decode(value), key]
    const lowered = views.map((v) => v.toLowerCase())
    for (const [name, b] of bytes) {
      if (indexOfBytes(value, b) !== -1 || indexOfBytes(utf8(key), b) !== -1)
        found.push(`${name} as raw bytes in ${key}`)
      for (const spelling of spellings(b)) {
        const hit =
          spelling === toHex(b)
            ? lowered.some((v) => v.includes(spelling))
            : views.some((v) => v.includes(spelling))
        if (hit) found.push(`${name} as ${spelling === toHex(b) ? 'hex' : 'base64'} in ${key}`)
      }
    }
    for (const [name, t] of texts)
      if (lowered.some((v) => v.includes(t.toLowerCase()))) found.push(`${name} as text in ${key}`)
  }
  return found
}
