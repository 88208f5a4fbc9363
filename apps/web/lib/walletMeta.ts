import type { WalletStore } from '@supernova/light-client'

/**
 * What the web wallet keeps beside the light client's wallet records, in the same store (so it
 * goes when the wallet goes): the wallet's birth height, below which none of its addresses can
 * have history — scans start there instead of at genesis. Not secret.
 */
export const BIRTH_HEIGHT_KEY = 'app/birthHeight'

/** Key prefixes of everything a wallet leaves in the store (the light client's and ours). */
const WALLET_PREFIXES = ['wallet/', 'app/'] as const

/** Highest birth height stored (a devnet reaches it after ~3 years of 1-second blocks). */
const MAX_HEIGHT = 100_000_000

/** The stored birth height; 0 (scan from genesis) when absent or unreadable. */
export async function readBirthHeight(store: WalletStore): Promise<number> {
  const bytes = await store.get(BIRTH_HEIGHT_KEY)
  if (bytes === undefined || bytes.length > 16) return 0
  const text = new TextDecoder().decode(bytes)
  if (!/^(0|[1-9][0-9]*)$/.test(text)) return 0
  const height = Number(text)
  return height <= MAX_HEIGHT ? height : 0
}

/**
 * Stores the birth height (a non-negative integer).
 * @throws {RangeError} for anything else.
 */
export async function writeBirthHeight(store: WalletStore, height: number): Promise<void> {
  if (!Number.isSafeInteger(height) || height < 0 || height > MAX_HEIGHT)
    throw new RangeError('birth height must be an integer in 0..100,000,000')
  await store.put(BIRTH_HEIGHT_KEY, new TextEncoder().encode(String(height)))
}

/**
 * Deletes the wallet from the store: its encrypted keystore, public record and our metadata.
 * Headers and anything else in the store stay. Returns the keys deleted.
 */
export async function removeWalletRecords(store: WalletStore): Promise<string[]> {
  const keys = (await store.keys()).filter((k) => WALLET_PREFIXES.some((p) => k.startsWith(p)))
  for (const k of keys) await store.delete(k)
  return keys
}
