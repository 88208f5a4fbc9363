import { BaseError } from '../errors.js'

export type PolicyErrorCode =
  /** The policy breaks a structural or semantic rule (limits, thresholds, key sizes). */
  | 'INVALID_POLICY'
  /** The satisfaction does not have the policy's shape (wrong node kind, lengths, indices). */
  | 'SATISFACTION_MISMATCH'
  /** Fewer signatures or branches than the threshold. */
  | 'THRESHOLD_NOT_MET'
  | 'HASHLOCK_MISMATCH'
  | 'LOCKTIME_TYPE_MISMATCH'
  | 'LOCKTIME_NOT_REACHED'
  /** `after` needs a non-final sequence, or the transaction's locktime is not enforced. */
  | 'SEQUENCE_FINAL'
  /** `older` needs the input's relative lock enabled (sequence disable flag clear). */
  | 'RELATIVE_LOCK_DISABLED'
  | 'RELATIVE_LOCK_NOT_REACHED'
  /** The satisfier found no way to satisfy the policy with the secrets it was given. */
  | 'UNSATISFIABLE'

/** Thrown by policy validation, encoding of satisfactions, the checker and the satisfier. */
export class PolicyError extends BaseError<PolicyErrorCode> {
  override name = 'PolicyError'
}
