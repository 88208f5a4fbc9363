import {
  createEd25519Noble,
  createSecp256k1Schnorr,
  equalBytes,
  genesisHashBytes,
  getChainParams,
  type KeyRef,
  type Policy,
  type SpentOutput,
  signTransaction,
  type Transaction,
  type Witness,
} from '@supernova/protocol'
import { WalletError } from './errors.js'
import { deriveSigningKey, type SigningKey, walletPath } from './hdKeys.js'
import type { AddressIndex } from './walletAddresses.js'
import type { WalletSecret } from './walletSecret.js'

export type SignWalletTransactionParameters = {
  /** The unsigned transaction (e.g. from `buildTransaction`); witnesses are replaced. */
  tx: Omit<Transaction, 'witnesses'> & { witnesses?: readonly Witness[] }
  /** Per input: the spent output's amount and lock and the policy behind the lock. */
  spent: readonly (SpentOutput & { policy: Policy })[]
}

/**
 * Signs with the keys `index` knows, derived from `secret` on demand (each once per call) and
 * wiped before returning. The sighash commits to the wallet network's genesis hash.
 * @throws {PolicyError} `UNSATISFIABLE` for inputs this wallet cannot satisfy.
 * @throws {WalletError} `CORRUPT_WALLET` when a derived key differs from the recorded one.
 */
export function signWithSecret(
  { tx, spent }: SignWalletTransactionParameters,
  secret: WalletSecret,
  index: AddressIndex,
): Transaction {
  const ed25519 = createEd25519Noble()
  const secp256k1 = createSecp256k1Schnorr()
  const keys = new Map<string, SigningKey>()
  const keyFor = (ref: KeyRef): SigningKey | undefined => {
    if (ref.scheme !== 'ed25519' && ref.scheme !== 'secp256k1') return undefined
    const owned = index.byKey(ref.scheme, ref.publicKey)
    if (!owned) return undefined
    const cached = keys.get(owned.path)
    if (cached) return cached
    const key = deriveSigningKey({
      seed: secret.seed,
      scheme: ref.scheme,
      path: walletPath({ ...owned, scheme: ref.scheme, network: index.network }),
    })
    keys.set(owned.path, key)
    if (!equalBytes(key.publicKey, ref.publicKey))
      throw new WalletError({
        code: 'CORRUPT_WALLET',
        message: `derived key at ${owned.path} differs from the record`,
      })
    return key
  }
  try {
    return signTransaction({
      tx,
      spent,
      genesisHash: genesisHashBytes(getChainParams(index.network)),
      sign: (ref, message) => {
        const key = keyFor(ref)
        if (!key) return undefined
        return key.scheme === 'ed25519'
          ? ed25519.sign(message, key.secretKey)
          : secp256k1.sign(message, key.secretKey)
      },
    })
  } finally {
    for (const k of keys.values()) k.secretKey.fill(0)
  }
}
