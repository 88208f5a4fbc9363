import { BaseError } from '@supernova/protocol'

export type PaymentErrorCode =
  /** No peer answered a fee estimate (`details.failures` lists why, per peer). */
  | 'NO_FEE_ESTIMATE'
  /** The fee rate asked for is above the caller's sanity cap (`details.maxFeeRate`). */
  | 'FEE_RATE_TOO_HIGH'
  /** The wallet holds no address of that account to spend from. */
  | 'NO_ADDRESSES'
  /** A node refused the transaction on its merits (`details.reason`: DOUBLE_SPEND, FEE_TOO_LOW, …). */
  | 'REJECTED'
  /** No node could be reached, or every node asked failed (`cause` says how). */
  | 'BROADCAST_FAILED'
  /** The signed transaction is not the one reviewed (another size or txid than prepared). */
  | 'NOT_AS_PREPARED'
  /** The caller's signal aborted the call. */
  | 'ABORTED'

/**
 * A payment that could not be estimated, prepared or sent. Coin selection and build failures keep
 * their own types (`CoinSelectionError` INSUFFICIENT_FUNDS, `TransactionBuildError`), as does a
 * locked wallet (`WalletError` WALLET_LOCKED).
 */
export class PaymentError extends BaseError<PaymentErrorCode> {
  override name = 'PaymentError'
}

export type TrackingErrorCode =
  /** The wait's `timeoutMs` passed before the state it waited for. */
  | 'TIMEOUT'
  /** The tracker was stopped before the state waited for. */
  | 'STOPPED'
  /** A conflicting transaction confirmed instead (`details.replacedBy`): it never will. */
  | 'REPLACED'
  /** The transaction was given up as dropped (`details.reason`): it is not expected to confirm. */
  | 'DROPPED'
  /** The caller's signal aborted the wait. */
  | 'ABORTED'

/** A wait on a tracked transaction that cannot be satisfied. */
export class TrackingError extends BaseError<TrackingErrorCode> {
  override name = 'TrackingError'
}
