/**
 * The policy codec in one place: policies (`policyCodec.ts`), satisfactions guided by their
 * policy (`satisfactionCodec.ts`), and locks with the policy hash (`lock.ts`).
 */
export {
  equalLocks,
  hashPolicy,
  isLockForPolicy,
  lockForPolicy,
  lockTypeFromCode,
  readLock,
  writeLock,
} from './lock.js'
export { decodePolicy, encodePolicy, POLICY_TAGS, readPolicy, writePolicy } from './policyCodec.js'
export { assertPolicy, isValidPolicy } from './rules.js'
export {
  assertSatisfactionShape,
  decodeSatisfaction,
  encodeSatisfaction,
  readSatisfaction,
  writeSatisfaction,
} from './satisfactionCodec.js'
