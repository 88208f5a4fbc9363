import { BaseError } from '@supernova/protocol'

export type WalletErrorCode =
  | 'INSUFFICIENT_FUNDS'
  | 'AMOUNT_BELOW_DUST'
  | 'TOO_MANY_INPUTS'
  | 'WRONG_NETWORK'
  | 'FEE_RATE_TOO_HIGH'
  | 'INVALID_RESPONSE'
  | 'KEY_MISMATCH'
  | 'CONFIRMATION_TIMEOUT'
  | 'PENDING_SPEND'

/** A wallet operation that cannot proceed (funds, fees, network mismatch, node answers). */
export class WalletError extends BaseError<WalletErrorCode> {
  override name = 'WalletError'
}
