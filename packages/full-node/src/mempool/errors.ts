import {
  BaseError,
  type PeerAction,
  ValidationError,
  type ValidationErrorCode,
} from '@supernova/protocol'

/**
 * Why the mempool refused a transaction.
 * - ALREADY_KNOWN: in the pool already, or confirmed (its first output is in the UTXO set).
 * - INVALID: breaks a consensus rule; `cause` is the ValidationError, `details.validationCode` its code.
 * - COINBASE: coinbases exist only inside blocks.
 * - DOUBLE_SPEND: spends what a pool transaction spends and is no valid replacement (too many
 *   replaced, or it spends an output of a transaction it would replace); `details.conflict` names it.
 * - FEE_TOO_LOW: below the relay floor `minFeeRate`.
 * - POOL_FULL: the pool is at a cap and this transaction pays less than what would be evicted
 *   (or less than the rolling minimum fee rate raised by recent evictions).
 * - TOO_MANY_ANCESTORS / TOO_MANY_DESCENDANTS: the unconfirmed chain limits.
 * - REPLACEMENT_FEE_TOO_LOW: a double spend that fails the replace-by-fee fee rules.
 * - MISSING_INPUTS: an input is in neither the UTXO set nor the pool; `details.missing` lists them.
 * - BUSY: too many submissions waiting; retry later.
 * - NOT_RUNNING: the mempool is not started or is stopping.
 */
export type MempoolErrorCode =
  | 'ALREADY_KNOWN'
  | 'INVALID'
  | 'COINBASE'
  | 'DOUBLE_SPEND'
  | 'FEE_TOO_LOW'
  | 'POOL_FULL'
  | 'TOO_MANY_ANCESTORS'
  | 'TOO_MANY_DESCENDANTS'
  | 'REPLACEMENT_FEE_TOO_LOW'
  | 'MISSING_INPUTS'
  | 'BUSY'
  | 'NOT_RUNNING'

/** A transaction the mempool refused, with the reason in `code` and specifics in `details`. */
export class MempoolError extends BaseError<MempoolErrorCode> {
  override name = 'MempoolError'

  /**
   * What the network layer does with the peer that relayed it: consensus-invalid data and
   * relayed coinbases are penalised, except rules that only say "not yet" (an immature coinbase,
   * an unmet time lock), which the peer may honestly see differently; policy refusals (fees,
   * limits, conflicts, missing parents) are ignored.
   */
  get peerAction(): PeerAction {
    if (this.code === 'COINBASE') return 'penalize'
    if (this.code !== 'INVALID') return 'ignore'
    if (!(this.cause instanceof ValidationError)) return 'penalize'
    return NOT_YET.has(this.cause.code) ? 'ignore' : this.cause.peerAction
  }
}

const NOT_YET: ReadonlySet<ValidationErrorCode> = new Set([
  'TX_IMMATURE_COINBASE',
  'TX_NOT_FINAL',
  'TX_SEQUENCE_LOCKED',
])

/** Builds and throws a MempoolError. */
export function reject(
  code: MempoolErrorCode,
  message: string,
  details?: Record<string, unknown>,
  cause?: unknown,
): never {
  throw new MempoolError({
    code,
    message,
    ...(details ? { details } : {}),
    ...(cause === undefined ? {} : { cause }),
  })
}
