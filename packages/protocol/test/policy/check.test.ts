import { describe, expect, it } from 'vitest'
import { utf8 } from '../../src/bytes.js'
import { blake3 } from '../../src/hash/blake3.js'
import { checkPolicy, countSignatureChecks } from '../../src/policy/check.js'
import {
  type KeyRef,
  LOCKTIME_THRESHOLD,
  type Policy,
  type PolicyContext,
  type Satisfaction,
  SEQUENCE_DISABLE_FLAG,
  SEQUENCE_FINAL,
} from '../../src/policy/types.js'
import { after, H, K1, K2, K3, policyError } from './helpers.js'

const SIGHASH = new Uint8Array(32).fill(0x5a)
const ctx = (over: Partial<PolicyContext> = {}): PolicyContext => ({
  sighash: SIGHASH,
  txLocktime: 0,
  sequence: 0,
  ...over,
})
const sig = (fill: number) => new Uint8Array(64).fill(fill)
const NONE: Satisfaction = { type: 'none' }

function failure(policy: Policy, satisfaction: Satisfaction, context = ctx()): string {
  return policyError(() => checkPolicy({ policy, satisfaction, context })).code
}

describe('checkPolicy: each node kind', () => {
  it('key: one signature over the sighash', () => {
    const required = checkPolicy({
      policy: { type: 'key', key: K1 },
      satisfaction: { type: 'signature', signature: sig(1) },
      context: ctx(),
    })
    expect(required).toEqual([{ key: K1, signature: sig(1), message: SIGHASH }])
    expect(
      failure({ type: 'key', key: K1 }, { type: 'signature', signature: new Uint8Array(65) }),
    ).toBe('SATISFACTION_MISMATCH')
    expect(failure({ type: 'key', key: K1 }, NONE)).toBe('SATISFACTION_MISMATCH')
  })

  it('multisig: exactly threshold signatures for increasing key indices', () => {
    const p: Policy = { type: 'multisig', threshold: 2, keys: [K1, K2, K3] }
    const s = (idx: number[]): Satisfaction => ({
      type: 'multisig',
      signatures: idx.map((index) => ({ index, signature: sig(index) })),
    })
    expect(checkPolicy({ policy: p, satisfaction: s([0, 2]), context: ctx() })).toEqual([
      { key: K1, signature: sig(0), message: SIGHASH },
      { key: K3, signature: sig(2), message: SIGHASH },
    ])
    expect(failure(p, s([1]))).toBe('THRESHOLD_NOT_MET')
    expect(failure(p, s([0, 1, 2]))).toBe('SATISFACTION_MISMATCH')
    expect(failure(p, s([2, 0]))).toBe('SATISFACTION_MISMATCH')
    expect(failure(p, s([1, 1]))).toBe('SATISFACTION_MISMATCH')
    expect(failure(p, s([0, 3]))).toBe('SATISFACTION_MISMATCH')
  })

  it('hashlock: plain BLAKE3 of the preimage', () => {
    const preimage = utf8('open sesame')
    const p: Policy = { type: 'hashlock', hash: blake3(preimage) }
    expect(
      checkPolicy({ policy: p, satisfaction: { type: 'preimage', preimage }, context: ctx() }),
    ).toEqual([])
    expect(failure(p, { type: 'preimage', preimage: utf8('open sesamE') })).toBe(
      'HASHLOCK_MISMATCH',
    )
    expect(failure(p, { type: 'preimage', preimage: new Uint8Array(0) })).toBe('HASHLOCK_MISMATCH')
    expect(failure(p, { type: 'preimage', preimage: new Uint8Array(65) })).toBe(
      'SATISFACTION_MISMATCH',
    )
  })

  it('after: heights (BIP65)', () => {
    const p = after(100)
    expect(
      checkPolicy({ policy: p, satisfaction: NONE, context: ctx({ txLocktime: 100 }) }),
    ).toEqual([])
    expect(
      checkPolicy({
        policy: p,
        satisfaction: NONE,
        context: ctx({ txLocktime: LOCKTIME_THRESHOLD - 1, sequence: SEQUENCE_FINAL - 1 }),
      }),
    ).toEqual([])
    expect(failure(p, NONE, ctx({ txLocktime: 99 }))).toBe('LOCKTIME_NOT_REACHED')
    expect(failure(p, NONE, ctx({ txLocktime: 0 }))).toBe('LOCKTIME_NOT_REACHED')
    expect(failure(p, NONE, ctx({ txLocktime: LOCKTIME_THRESHOLD }))).toBe('LOCKTIME_TYPE_MISMATCH')
    expect(failure(p, NONE, ctx({ txLocktime: 100, sequence: SEQUENCE_FINAL }))).toBe(
      'SEQUENCE_FINAL',
    )
  })

  it('after: times, and kinds never mix', () => {
    const t = LOCKTIME_THRESHOLD + 1000
    expect(
      checkPolicy({ policy: after(t), satisfaction: NONE, context: ctx({ txLocktime: t + 1 }) }),
    ).toEqual([])
    expect(failure(after(t), NONE, ctx({ txLocktime: t - 1 }))).toBe('LOCKTIME_NOT_REACHED')
    // A height locktime far above the time-based L is still the wrong kind.
    expect(failure(after(t), NONE, ctx({ txLocktime: LOCKTIME_THRESHOLD - 1 }))).toBe(
      'LOCKTIME_TYPE_MISMATCH',
    )
    expect(failure(after(LOCKTIME_THRESHOLD - 1), NONE, ctx({ txLocktime: 0xffff_ffff }))).toBe(
      'LOCKTIME_TYPE_MISMATCH',
    )
    expect(
      checkPolicy({
        policy: after(LOCKTIME_THRESHOLD),
        satisfaction: NONE,
        context: ctx({ txLocktime: LOCKTIME_THRESHOLD }),
      }),
    ).toEqual([])
  })

  it('older: relative lock in blocks (BIP112)', () => {
    const p: Policy = { type: 'older', blocks: 10 }
    expect(checkPolicy({ policy: p, satisfaction: NONE, context: ctx({ sequence: 10 }) })).toEqual(
      [],
    )
    expect(
      checkPolicy({ policy: p, satisfaction: NONE, context: ctx({ sequence: 0x7fff_ffff }) }),
    ).toEqual([])
    expect(failure(p, NONE, ctx({ sequence: 9 }))).toBe('RELATIVE_LOCK_NOT_REACHED')
    expect(failure(p, NONE, ctx({ sequence: SEQUENCE_DISABLE_FLAG + 100 }))).toBe(
      'RELATIVE_LOCK_DISABLED',
    )
    expect(failure(p, NONE, ctx({ sequence: SEQUENCE_FINAL }))).toBe('RELATIVE_LOCK_DISABLED')
  })

  it('and: every child; the first failure is reported', () => {
    const p: Policy = {
      type: 'and',
      policies: [
        { type: 'key', key: K1 },
        { type: 'older', blocks: 5 },
      ],
    }
    const s: Satisfaction = {
      type: 'and',
      satisfactions: [{ type: 'signature', signature: sig(1) }, NONE],
    }
    expect(checkPolicy({ policy: p, satisfaction: s, context: ctx({ sequence: 5 }) })).toHaveLength(
      1,
    )
    expect(failure(p, s, ctx({ sequence: 4 }))).toBe('RELATIVE_LOCK_NOT_REACHED')
    expect(failure(p, { type: 'and', satisfactions: [NONE, NONE] })).toBe('SATISFACTION_MISMATCH')
  })

  it('or: only the chosen branch is checked', () => {
    const p: Policy = { type: 'or', policies: [after(1000), { type: 'key', key: K2 }] }
    expect(
      checkPolicy({
        policy: p,
        satisfaction: {
          type: 'or',
          index: 1,
          satisfaction: { type: 'signature', signature: sig(2) },
        },
        context: ctx(),
      }),
    ).toEqual([{ key: K2, signature: sig(2), message: SIGHASH }])
    expect(failure(p, { type: 'or', index: 0, satisfaction: NONE })).toBe('LOCKTIME_NOT_REACHED')
    expect(failure(p, { type: 'or', index: 2, satisfaction: NONE })).toBe('SATISFACTION_MISMATCH')
    expect(failure(p, { type: 'or', index: 1, satisfaction: NONE })).toBe('SATISFACTION_MISMATCH')
  })

  it('thresh: exactly k present children, each checked', () => {
    const p: Policy = {
      type: 'thresh',
      threshold: 2,
      policies: [{ type: 'key', key: K1 }, { type: 'hashlock', hash: blake3(utf8('x')) }, after(5)],
    }
    const k = { type: 'signature', signature: sig(1) } as const
    const h = { type: 'preimage', preimage: utf8('x') } as const
    expect(
      checkPolicy({
        policy: p,
        satisfaction: { type: 'thresh', satisfactions: [null, h, NONE] },
        context: ctx({ txLocktime: 5 }),
      }),
    ).toEqual([])
    expect(
      checkPolicy({
        policy: p,
        satisfaction: { type: 'thresh', satisfactions: [k, h, null] },
        context: ctx(),
      }),
    ).toHaveLength(1)
    expect(failure(p, { type: 'thresh', satisfactions: [k, null, null] })).toBe('THRESHOLD_NOT_MET')
    expect(
      failure(p, { type: 'thresh', satisfactions: [k, h, NONE] }, ctx({ txLocktime: 5 })),
    ).toBe('SATISFACTION_MISMATCH')
    expect(
      failure(p, { type: 'thresh', satisfactions: [k, null, NONE] }, ctx({ txLocktime: 4 })),
    ).toBe('LOCKTIME_NOT_REACHED')
    expect(
      failure(p, {
        type: 'thresh',
        satisfactions: [k, { type: 'preimage', preimage: utf8('y') }, null],
      }),
    ).toBe('HASHLOCK_MISMATCH')
  })

  it('refuses invalid policies and contexts', () => {
    expect(
      failure({ type: 'multisig', threshold: 0, keys: [K1] }, { type: 'multisig', signatures: [] }),
    ).toBe('INVALID_POLICY')
    const ok = { policy: after(1), satisfaction: NONE }
    expect(() => checkPolicy({ ...ok, context: ctx({ sequence: 2 ** 32 }) })).toThrow(RangeError)
    expect(() => checkPolicy({ ...ok, context: ctx({ txLocktime: -1 }) })).toThrow(RangeError)
    expect(() =>
      checkPolicy({ ...ok, context: { ...ctx(), sighash: 'x' as unknown as Uint8Array } }),
    ).toThrow(TypeError)
  })
})

describe('countSignatureChecks', () => {
  it('is the largest number of signatures any satisfaction needs', () => {
    const k = (key: KeyRef): Policy => ({ type: 'key', key })
    expect(countSignatureChecks(k(K1))).toBe(1)
    expect(countSignatureChecks({ type: 'multisig', threshold: 2, keys: [K1, K2, K3] })).toBe(2)
    expect(countSignatureChecks({ type: 'hashlock', hash: H })).toBe(0)
    expect(countSignatureChecks({ type: 'and', policies: [k(K1), k(K2), after(1)] })).toBe(2)
    expect(
      countSignatureChecks({
        type: 'or',
        policies: [k(K1), { type: 'multisig', threshold: 3, keys: [K1, K2, K3] }],
      }),
    ).toBe(3)
    const m = (t: number): Policy => ({ type: 'multisig', threshold: t, keys: [K1, K2, K3] })
    expect(
      countSignatureChecks({
        type: 'thresh',
        threshold: 2,
        policies: [m(1), m(3), after(1), m(2)],
      }),
    ).toBe(5)
  })
})
