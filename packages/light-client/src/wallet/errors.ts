import { BaseError } from '@supernova/protocol'

export type MnemonicErrorCode =
  /** Not 12, 15, 18, 21 or 24 words. */
  | 'INVALID_WORD_COUNT'
  /** A word that is not in the BIP39 English list (`details.position`, 1-based). */
  | 'UNKNOWN_WORD'
  /** Every word is known but the checksum bits do not match (a mistyped or swapped word). */
  | 'INVALID_CHECKSUM'
  /** Entropy that is not 16, 20, 24, 28 or 32 bytes. */
  | 'INVALID_ENTROPY'

/**
 * A mnemonic that cannot be used. The message and details name the problem and the word's
 * position, never the words themselves (they are secret).
 */
export class MnemonicError extends BaseError<MnemonicErrorCode> {
  override name = 'MnemonicError'
}

export type KeystoreErrorCode =
  /** The password does not open this envelope (its key-check tag does not verify). */
  | 'WRONG_PASSWORD'
  /** Not an envelope: bad magic, truncated, wrong field sizes, trailing bytes, bad JSON. */
  | 'MALFORMED_ENVELOPE'
  /** A well-formed envelope of a version, KDF or cipher this code does not know. */
  | 'UNSUPPORTED_ENVELOPE'
  /** KDF parameters below the enforced floor (or above the cap): refused, never run. */
  | 'WEAK_KDF'
  /** The password is right but the ciphertext or header does not authenticate. */
  | 'TAMPERED_ENVELOPE'

/** A keystore envelope that cannot be written or opened. Never carries secret material. */
export class KeystoreError extends BaseError<KeystoreErrorCode> {
  override name = 'KeystoreError'
}

export type WalletErrorCode =
  /** The operation needs the wallet's secrets: call `unlock` first. */
  | 'WALLET_LOCKED'
  /** `createWallet` on a store that already holds a wallet. */
  | 'WALLET_EXISTS'
  /** `openWallet` on a store without a wallet. */
  | 'WALLET_NOT_FOUND'
  /** The stored public records are unreadable or inconsistent. */
  | 'CORRUPT_WALLET'
  /** An account index the wallet does not have. */
  | 'UNKNOWN_ACCOUNT'
  /** An address, lock or key that the wallet did not derive. */
  | 'UNKNOWN_ADDRESS'
  /** A network other than the wallet's. */
  | 'WRONG_NETWORK'

/** Wallet-level failures (locking, storage, ownership). */
export class WalletError extends BaseError<WalletErrorCode> {
  override name = 'WalletError'
}

export type CoinSelectionErrorCode =
  /** The spendable coins do not cover the outputs plus the fee (`details.available`, `needed`). */
  | 'INSUFFICIENT_FUNDS'
  /** Enough value exists only across more inputs than allowed (`details.maxInputs`). */
  | 'TOO_MANY_INPUTS'

/** Coin selection found no set of coins paying for the outputs at the fee rate. */
export class CoinSelectionError extends BaseError<CoinSelectionErrorCode> {
  override name = 'CoinSelectionError'
}

export type TransactionBuildErrorCode =
  /** A recipient address that does not decode, or belongs to another network (`details.reason`). */
  | 'INVALID_ADDRESS'
  /** An amount that is not a positive bigint, or outputs summing past the supply cap. */
  | 'INVALID_AMOUNT'
  /** An output below the chain's dust threshold (the node would reject the transaction). */
  | 'AMOUNT_BELOW_DUST'
  /** A fee rate below the network's relay floor, or not a non-negative bigint. */
  | 'INVALID_FEE_RATE'
  | 'NO_OUTPUTS'
  /** The same outpoint offered twice. */
  | 'DUPLICATE_UTXO'
  /** A coin whose lock is not the lock of the policy given to spend it. */
  | 'UTXO_POLICY_MISMATCH'
  /** The signed transaction would exceed the chain's `maxTxBytes`. */
  | 'TX_TOO_LARGE'
  /** A coin or change policy the builder cannot size: only single ed25519/secp256k1 keys. */
  | 'UNSUPPORTED_POLICY'

/** A transaction that cannot be built as asked. */
export class TransactionBuildError extends BaseError<TransactionBuildErrorCode> {
  override name = 'TransactionBuildError'
}
