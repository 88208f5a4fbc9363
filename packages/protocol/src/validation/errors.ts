import { BaseError } from '../errors.js'

/** Every consensus rejection has one of these codes (docs/protocol.md lists the rule behind each). */
export const VALIDATION_ERROR_CODES = [
  // Headers.
  'HEADER_BAD_VERSION',
  'HEADER_BAD_HEIGHT',
  'HEADER_PREV_MISMATCH',
  'HEADER_BAD_BITS',
  'HEADER_BAD_POW',
  'HEADER_TIME_TOO_OLD',
  'HEADER_TIME_TOO_NEW',
  'HEADER_BAD_RANDOMNESS',
  'HEADER_BAD_VALIDATOR_SET',
  // Blocks.
  'BLOCK_TOO_LARGE',
  'BLOCK_NO_TRANSACTIONS',
  'BLOCK_FIRST_TX_NOT_COINBASE',
  'BLOCK_MULTIPLE_COINBASE',
  'BLOCK_DUPLICATE_TX',
  'BLOCK_DOUBLE_SPEND',
  'BLOCK_BAD_TX_ROOT',
  'BLOCK_BAD_UTXO_ROOT',
  'BLOCK_BAD_FILTER_HASH',
  'BLOCK_COINBASE_BAD_HEIGHT',
  'BLOCK_COINBASE_OVERPAID',
  'BLOCK_TREASURY_UNDERPAID',
  'BLOCK_TOO_MANY_SIG_CHECKS',
  'BLOCK_DUPLICATE_OUTPUT',
  // Transactions, context-free.
  'TX_TOO_LARGE',
  'TX_BAD_VERSION',
  'TX_KIND_NOT_ACTIVE',
  'TX_NO_INPUTS',
  'TX_NO_OUTPUTS',
  'TX_DUPLICATE_INPUT',
  'TX_OUTPUT_DUST',
  'TX_OUTPUT_TOO_LARGE',
  'TX_OUTPUTS_OVERFLOW',
  'TX_COINBASE_HAS_INPUTS',
  'TX_COINBASE_BAD_PAYLOAD',
  'TX_UNEXPECTED_COINBASE',
  'TX_WITNESS_MISMATCH',
  'TX_COINBASE_BAD_LOCKTIME',
  // Transactions, contextual.
  'TX_MISSING_INPUT',
  'TX_IMMATURE_COINBASE',
  'TX_INPUTS_BELOW_OUTPUTS',
  'TX_NOT_FINAL',
  'TX_SEQUENCE_LOCKED',
  'TX_LOCK_MISMATCH',
  'TX_POLICY_NOT_SATISFIED',
  'TX_TOO_MANY_SIG_CHECKS',
  'TX_BAD_SIGNATURE',
] as const
export type ValidationErrorCode = (typeof VALIDATION_ERROR_CODES)[number]

/**
 * Transaction rejections that no chain state can cure: they depend only on the transaction and
 * the outputs it names (whose amounts and locks its txid-referenced outpoints fix). A peer that
 * relays such a transaction is at fault; any other rejection (missing or immature inputs, locks
 * not yet final) may be an honest difference of view.
 */
export const STATE_INDEPENDENT_TX_CODES: ReadonlySet<ValidationErrorCode> =
  new Set<ValidationErrorCode>([
    'TX_TOO_LARGE',
    'TX_BAD_VERSION',
    'TX_KIND_NOT_ACTIVE',
    'TX_NO_INPUTS',
    'TX_NO_OUTPUTS',
    'TX_DUPLICATE_INPUT',
    'TX_OUTPUT_DUST',
    'TX_OUTPUT_TOO_LARGE',
    'TX_OUTPUTS_OVERFLOW',
    'TX_COINBASE_HAS_INPUTS',
    'TX_COINBASE_BAD_PAYLOAD',
    'TX_UNEXPECTED_COINBASE',
    'TX_WITNESS_MISMATCH',
    'TX_COINBASE_BAD_LOCKTIME',
    'TX_LOCK_MISMATCH',
    'TX_POLICY_NOT_SATISFIED',
    'TX_TOO_MANY_SIG_CHECKS',
    'TX_BAD_SIGNATURE',
  ])

/** What a network layer should do with the peer that sent an invalid object (Lodestar style). */
export type PeerAction = 'ignore' | 'reject' | 'penalize'

/**
 * A consensus rule was broken. `details` names the offending object (height, tx index, input
 * index, expected and actual values) so logs and tests can tell exactly which rule fired.
 */
export class ValidationError extends BaseError<ValidationErrorCode> {
  override name = 'ValidationError'
  /** Invalid consensus data is always the sender's fault except when it only arrived too early. */
  get peerAction(): PeerAction {
    return this.code === 'HEADER_TIME_TOO_NEW' ? 'ignore' : 'penalize'
  }
}

export function fail(
  code: ValidationErrorCode,
  message: string,
  details?: Record<string, unknown>,
  cause?: unknown,
): never {
  throw new ValidationError({
    code,
    message,
    ...(details ? { details } : {}),
    ...(cause === undefined ? {} : { cause }),
  })
}

/** Adds where-it-happened context (height, tx index) to a ValidationError thrown by `fn`. */
export function withErrorContext<T>(context: Record<string, unknown>, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (e instanceof ValidationError) Object.assign(e.details as Record<string, unknown>, context)
    throw e
  }
}
