import { equalBytes } from '../bytes.js'
import { blake3 } from '../hash/blake3.js'
import { PolicyError, type PolicyErrorCode } from './errors.js'
import { assertPolicy } from './rules.js'
import { assertSatisfactionShape } from './satisfactionCodec.js'
import {
  LOCKTIME_THRESHOLD,
  type Policy,
  type PolicyContext,
  type RequiredSignature,
  type Satisfaction,
  SEQUENCE_DISABLE_FLAG,
  SEQUENCE_FINAL,
} from './types.js'

export type CheckPolicyParameters = {
  policy: Policy
  satisfaction: Satisfaction
  context: PolicyContext
}
export type CheckPolicyReturnType = RequiredSignature[]
export type CheckPolicyErrorType = PolicyError | TypeError | RangeError

/**
 * Why `after(locktime)` fails for a transaction with `txLocktime` whose input has `sequence`
 * (BIP65 semantics), or `undefined` when it holds.
 */
export function afterFailure(
  locktime: number,
  txLocktime: number,
  sequence: number,
): PolicyErrorCode | undefined {
  if (locktime < LOCKTIME_THRESHOLD !== txLocktime < LOCKTIME_THRESHOLD)
    return 'LOCKTIME_TYPE_MISMATCH'
  if (txLocktime < locktime) return 'LOCKTIME_NOT_REACHED'
  // A final sequence makes consensus ignore the transaction's locktime (SPEC §2 locktime rules).
  if (sequence === SEQUENCE_FINAL) return 'SEQUENCE_FINAL'
  return undefined
}

/**
 * Why `older(blocks)` fails for an input with `sequence` (BIP112 semantics; consensus separately
 * enforces that the spent output is at least `sequence` blocks deep), or `undefined`.
 */
export function olderFailure(blocks: number, sequence: number): PolicyErrorCode | undefined {
  if ((sequence & SEQUENCE_DISABLE_FLAG) !== 0) return 'RELATIVE_LOCK_DISABLED'
  if (sequence < blocks) return 'RELATIVE_LOCK_NOT_REACHED'
  return undefined
}

function assertU32(what: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new RangeError(`${what}: ${name} must be a u32, got ${value}`)
  }
}

/**
 * Throws unless the context's locktime and sequence are u32 integers.
 * @throws {RangeError}
 */
export function assertLockContext(
  context: Pick<PolicyContext, 'txLocktime' | 'sequence'>,
  what = 'policy',
): void {
  assertU32(what, 'txLocktime', context.txLocktime)
  assertU32(what, 'sequence', context.sequence)
}

/**
 * Check every non-signature condition of `policy` against `satisfaction` and return the
 * signatures that must verify (each over `context.sighash`), in policy order. Pure and
 * synchronous: verifying the signatures is the caller's job (batch them).
 * @throws {PolicyError} `INVALID_POLICY`, `SATISFACTION_MISMATCH`, `THRESHOLD_NOT_MET`,
 * `HASHLOCK_MISMATCH`, `LOCKTIME_TYPE_MISMATCH`, `LOCKTIME_NOT_REACHED`, `SEQUENCE_FINAL`,
 * `RELATIVE_LOCK_DISABLED`, `RELATIVE_LOCK_NOT_REACHED`.
 */
export function checkPolicy({
  policy,
  satisfaction,
  context,
}: CheckPolicyParameters): CheckPolicyReturnType {
  if (!(context.sighash instanceof Uint8Array))
    throw new TypeError('checkPolicy: sighash must be a Uint8Array')
  assertLockContext(context, 'checkPolicy')
  assertPolicy(policy)
  assertSatisfactionShape(policy, satisfaction)
  const out: RequiredSignature[] = []
  visit(policy, satisfaction, context, out, 'satisfaction')
  return out
}

function fail(code: PolicyErrorCode, path: string, details: Record<string, unknown> = {}): never {
  throw new PolicyError({
    code,
    message: `${path}: condition failed`,
    details: { path, ...details },
  })
}

// The shape was checked by assertSatisfactionShape, so each branch pairs matching kinds.
function visit(
  p: Policy,
  s: Satisfaction,
  ctx: PolicyContext,
  out: RequiredSignature[],
  path: string,
): void {
  if (p.type === 'key' && s.type === 'signature') {
    out.push({ key: p.key, signature: s.signature, message: ctx.sighash })
  } else if (p.type === 'multisig' && s.type === 'multisig') {
    for (const { index, signature } of s.signatures) {
      out.push({ key: p.keys[index]!, signature, message: ctx.sighash })
    }
  } else if (p.type === 'hashlock' && s.type === 'preimage') {
    if (!equalBytes(blake3(s.preimage), p.hash)) fail('HASHLOCK_MISMATCH', path)
  } else if (p.type === 'after') {
    const code = afterFailure(p.locktime, ctx.txLocktime, ctx.sequence)
    if (code)
      fail(code, path, { locktime: p.locktime, txLocktime: ctx.txLocktime, sequence: ctx.sequence })
  } else if (p.type === 'older') {
    const code = olderFailure(p.blocks, ctx.sequence)
    if (code) fail(code, path, { blocks: p.blocks, sequence: ctx.sequence })
  } else if (p.type === 'and' && s.type === 'and') {
    p.policies.forEach((c, i) => {
      visit(c, s.satisfactions[i]!, ctx, out, `${path}.and[${i}]`)
    })
  } else if (p.type === 'or' && s.type === 'or') {
    visit(p.policies[s.index]!, s.satisfaction, ctx, out, `${path}.or[${s.index}]`)
  } else if (p.type === 'thresh' && s.type === 'thresh') {
    p.policies.forEach((c, i) => {
      const sub = s.satisfactions[i]
      if (sub) visit(c, sub, ctx, out, `${path}.thresh[${i}]`)
    })
  }
}

/**
 * The most signatures any satisfaction of `policy` can require (key 1, multisig m, and the sum,
 * or the maximum, thresh the sum of the k largest children): a sigops-style bound known before
 * the witness is checked.
 */
export function countSignatureChecks(policy: Policy): number {
  switch (policy.type) {
    case 'key':
      return 1
    case 'multisig':
      return policy.threshold
    case 'hashlock':
    case 'after':
    case 'older':
      return 0
    case 'and':
      return policy.policies.reduce((sum, c) => sum + countSignatureChecks(c), 0)
    case 'or':
      return Math.max(...policy.policies.map(countSignatureChecks))
    case 'thresh':
      return policy.policies
        .map(countSignatureChecks)
        .sort((a, b) => b - a)
        .slice(0, policy.threshold)
        .reduce((sum, n) => sum + n, 0)
  }
}
