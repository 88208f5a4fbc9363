import { WalletError } from './errors.js'
import { SEED_BYTES } from './mnemonic.js'

/**
 * What the keystore envelope holds: the BIP39 entropy (so the mnemonic can be shown again) and
 * the 64-byte seed it gives with the wallet's BIP39 passphrase (so the passphrase is not needed
 * to unlock). Layout: u8 format (1) ‖ u8 entropy length ‖ entropy ‖ seed.
 */
export type WalletSecret = { entropy: Uint8Array; seed: Uint8Array }

const FORMAT = 1

/** The plaintext the keystore encrypts. The caller wipes it once sealed. */
export function encodeWalletSecret({ entropy, seed }: WalletSecret): Uint8Array {
  const out = new Uint8Array(2 + entropy.length + SEED_BYTES)
  out[0] = FORMAT
  out[1] = entropy.length
  out.set(entropy, 2)
  out.set(seed, 2 + entropy.length)
  return out
}

/**
 * Parses a decrypted keystore payload into fresh arrays (the caller wipes `bytes`).
 * @throws {WalletError} `CORRUPT_WALLET` for an unknown format or wrong lengths.
 */
export function decodeWalletSecret(bytes: Uint8Array): WalletSecret {
  const n = bytes[1] ?? 0
  if (
    bytes[0] !== FORMAT ||
    ![16, 20, 24, 28, 32].includes(n) ||
    bytes.length !== 2 + n + SEED_BYTES
  )
    throw new WalletError({
      code: 'CORRUPT_WALLET',
      message: 'the keystore payload is not a wallet secret',
    })
  return { entropy: bytes.slice(2, 2 + n), seed: bytes.slice(2 + n) }
}

/** Overwrites both parts. */
export function wipeWalletSecret(secret: WalletSecret): void {
  secret.entropy.fill(0)
  secret.seed.fill(0)
}
