import { ed25519 } from '@noble/curves/ed25519.js'
import { schnorr } from '@noble/curves/secp256k1.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { equalBytes, toHex, utf8 } from '../../src/bytes.js'
import { blake3 } from '../../src/hash/blake3.js'
import { checkPolicy } from '../../src/policy/check.js'
import { decodeSatisfaction, encodeSatisfaction } from '../../src/policy/codec.js'
import { satisfyPolicy } from '../../src/policy/satisfy.js'
import { SCHEME_SIZES } from '../../src/policy/schemes.js'
import {
  type KeyRef,
  LOCKTIME_THRESHOLD,
  type Policy,
  SEQUENCE_DISABLE_FLAG,
  SEQUENCE_FINAL,
} from '../../src/policy/types.js'
import { after, K1, K2, K3, key, policyError } from './helpers.js'

/** A pool of keys and preimages; policies draw from it, wallets hold random subsets of it. */
const POOL: KeyRef[] = [
  key('ed25519', 1),
  key('ed25519', 2),
  key('secp256k1', 3),
  key('secp256k1', 4),
  key('ed25519', 5),
  key('mldsa65', 6),
]
const PREIMAGES = [utf8('alpha'), utf8('beta'), new Uint8Array(0), new Uint8Array(64).fill(7)]
const HASHES = PREIMAGES.map(blake3)
const SIGHASH = new Uint8Array(32).fill(0x33)

const poolIndex = (k: KeyRef) =>
  POOL.findIndex((p) => p.scheme === k.scheme && equalBytes(p.publicKey, k.publicKey))
const fakeSignature = (k: KeyRef) =>
  new Uint8Array(SCHEME_SIZES[k.scheme].signature).fill(poolIndex(k) + 1)

const LOCKTIMES = [1, 50, 100, LOCKTIME_THRESHOLD, LOCKTIME_THRESHOLD + 50]
const leaf: fc.Arbitrary<Policy> = fc.oneof(
  fc.nat(POOL.length - 1).map((i): Policy => ({ type: 'key', key: POOL[i]! })),
  fc
    .uniqueArray(fc.nat(POOL.length - 1), { minLength: 1, maxLength: 4 })
    .chain((idx) =>
      fc
        .integer({ min: 1, max: idx.length })
        .map(
          (threshold): Policy => ({ type: 'multisig', threshold, keys: idx.map((i) => POOL[i]!) }),
        ),
    ),
  fc.nat(HASHES.length - 1).map((i): Policy => ({ type: 'hashlock', hash: HASHES[i]! })),
  fc.constantFrom(...LOCKTIMES).map(after),
  fc.constantFrom(1, 10, 100).map((blocks): Policy => ({ type: 'older', blocks })),
)

function tree(depth: number): fc.Arbitrary<Policy> {
  if (depth <= 1) return leaf
  const child = tree(depth - 1)
  const children = fc.array(child, { minLength: 2, maxLength: 3 })
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 1, arbitrary: children.map((policies): Policy => ({ type: 'and', policies })) },
    { weight: 1, arbitrary: children.map((policies): Policy => ({ type: 'or', policies })) },
    {
      weight: 1,
      arbitrary: fc
        .array(child, { minLength: 1, maxLength: 4 })
        .chain((policies) =>
          fc
            .integer({ min: 1, max: policies.length })
            .map((threshold): Policy => ({ type: 'thresh', threshold, policies })),
        ),
    },
  )
}

type Held = { keys: Set<number>; preimages: Set<number>; txLocktime: number; sequence: number }

/** The reference model: is there any satisfaction built from what is held? */
function satisfiable(p: Policy, h: Held): boolean {
  switch (p.type) {
    case 'key':
      return h.keys.has(poolIndex(p.key))
    case 'multisig':
      return p.keys.filter((k) => h.keys.has(poolIndex(k))).length >= p.threshold
    case 'hashlock':
      return [...h.preimages].some((i) => equalBytes(HASHES[i]!, p.hash))
    case 'after': {
      const sameKind = p.locktime < LOCKTIME_THRESHOLD === h.txLocktime < LOCKTIME_THRESHOLD
      return sameKind && h.txLocktime >= p.locktime && h.sequence !== SEQUENCE_FINAL
    }
    case 'older':
      return h.sequence < 2 ** 31 && h.sequence >= p.blocks
    case 'and':
      return p.policies.every((c) => satisfiable(c, h))
    case 'or':
      return p.policies.some((c) => satisfiable(c, h))
    case 'thresh':
      return p.policies.filter((c) => satisfiable(c, h)).length >= p.threshold
  }
}

const heldArb: fc.Arbitrary<Held> = fc.record({
  keys: fc.subarray(POOL.map((_, i) => i)).map((xs) => new Set(xs)),
  preimages: fc.subarray(PREIMAGES.map((_, i) => i)).map((xs) => new Set(xs)),
  txLocktime: fc.constantFrom(0, 50, 100, LOCKTIME_THRESHOLD, LOCKTIME_THRESHOLD + 100),
  sequence: fc.constantFrom(
    0,
    10,
    50,
    100,
    SEQUENCE_DISABLE_FLAG + 100,
    SEQUENCE_FINAL - 1,
    SEQUENCE_FINAL,
  ),
})

describe('satisfyPolicy', () => {
  it('succeeds exactly when some satisfaction exists, and the checker accepts it (property)', () => {
    const outcomes = { satisfied: 0, unsatisfiable: 0 }
    fc.assert(
      fc.property(tree(4), heldArb, fc.boolean(), (policy, held, asMap) => {
        const sign = (k: KeyRef) => (held.keys.has(poolIndex(k)) ? fakeSignature(k) : undefined)
        const map = new Map([...held.preimages].map((i) => [toHex(HASHES[i]!), PREIMAGES[i]!]))
        const preimages = asMap ? map : (hash: Uint8Array) => map.get(toHex(hash))
        const context = { txLocktime: held.txLocktime, sequence: held.sequence }
        if (!satisfiable(policy, held)) {
          expect(policyError(() => satisfyPolicy({ policy, context, sign, preimages })).code).toBe(
            'UNSATISFIABLE',
          )
          outcomes.unsatisfiable++
          return
        }
        const satisfaction = satisfyPolicy({ policy, context, sign, preimages })
        const required = checkPolicy({
          policy,
          satisfaction,
          context: { ...context, sighash: SIGHASH },
        })
        for (const r of required) {
          expect(held.keys.has(poolIndex(r.key))).toBe(true)
          expect(r.signature).toEqual(fakeSignature(r.key))
          expect(r.message).toBe(SIGHASH)
        }
        expect(decodeSatisfaction(encodeSatisfaction(satisfaction, policy), policy)).toEqual(
          satisfaction,
        )
        outcomes.satisfied++
      }),
      { numRuns: 1000 },
    )
    // Both sides of the equivalence were exercised.
    expect(outcomes.satisfied).toBeGreaterThan(100)
    expect(outcomes.unsatisfiable).toBeGreaterThan(100)
  })

  const ctx = { txLocktime: 0, sequence: 0 }
  const signOnly =
    (...keys: KeyRef[]) =>
    (k: KeyRef) =>
      keys.includes(k) ? fakeSignature(k) : undefined
  const k = (x: KeyRef): Policy => ({ type: 'key', key: x })

  it('or: the first satisfiable branch', () => {
    const p: Policy = { type: 'or', policies: [k(K1), k(K2), k(K3)] }
    expect(satisfyPolicy({ policy: p, context: ctx, sign: signOnly(K2, K3) })).toMatchObject({
      type: 'or',
      index: 1,
    })
    expect(satisfyPolicy({ policy: p, context: ctx, sign: signOnly(K1, K3) })).toMatchObject({
      type: 'or',
      index: 0,
    })
  })

  it('thresh: the first k satisfiable children, later ones left out', () => {
    const p: Policy = { type: 'thresh', threshold: 2, policies: [k(K1), after(10), k(K2), k(K3)] }
    const s = satisfyPolicy({ policy: p, context: ctx, sign: signOnly(K1, K2, K3) })
    expect(s).toEqual({
      type: 'thresh',
      satisfactions: [
        { type: 'signature', signature: fakeSignature(K1) },
        null,
        { type: 'signature', signature: fakeSignature(K2) },
        null,
      ],
    })
  })

  it('multisig: the first m keys the wallet signs for', () => {
    const p: Policy = { type: 'multisig', threshold: 2, keys: [K1, K2, K3] }
    const s = satisfyPolicy({ policy: p, context: ctx, sign: signOnly(K1, K2, K3) })
    expect(s).toEqual({
      type: 'multisig',
      signatures: [
        { index: 0, signature: fakeSignature(K1) },
        { index: 1, signature: fakeSignature(K2) },
      ],
    })
    expect(satisfyPolicy({ policy: p, context: ctx, sign: signOnly(K3, K2) })).toMatchObject({
      signatures: [{ index: 1 }, { index: 2 }],
    })
    expect(
      policyError(() => satisfyPolicy({ policy: p, context: ctx, sign: signOnly(K3) })).code,
    ).toBe('UNSATISFIABLE')
  })

  it('hashlock: only a preimage that hashes to the lock is used', () => {
    const p: Policy = { type: 'hashlock', hash: HASHES[0]! }
    const none = () => undefined
    expect(
      satisfyPolicy({
        policy: p,
        context: ctx,
        sign: none,
        preimages: new Map([[toHex(HASHES[0]!), PREIMAGES[0]!]]),
      }),
    ).toEqual({
      type: 'preimage',
      preimage: PREIMAGES[0],
    })
    expect(policyError(() => satisfyPolicy({ policy: p, context: ctx, sign: none })).code).toBe(
      'UNSATISFIABLE',
    )
    expect(
      policyError(() =>
        satisfyPolicy({ policy: p, context: ctx, sign: none, preimages: () => PREIMAGES[1] }),
      ).code,
    ).toBe('UNSATISFIABLE')
  })

  it('after/older follow the context', () => {
    const none = () => undefined
    expect(
      satisfyPolicy({ policy: after(5), context: { txLocktime: 5, sequence: 0 }, sign: none }),
    ).toEqual({ type: 'none' })
    expect(
      policyError(() =>
        satisfyPolicy({
          policy: after(5),
          context: { txLocktime: 5, sequence: SEQUENCE_FINAL },
          sign: none,
        }),
      ).code,
    ).toBe('UNSATISFIABLE')
    expect(
      satisfyPolicy({
        policy: { type: 'older', blocks: 3 },
        context: { txLocktime: 0, sequence: 3 },
        sign: none,
      }),
    ).toEqual({ type: 'none' })
    expect(
      policyError(() =>
        satisfyPolicy({
          policy: { type: 'older', blocks: 3 },
          context: { txLocktime: 0, sequence: 2 },
          sign: none,
        }),
      ).code,
    ).toBe('UNSATISFIABLE')
  })

  it('refuses a wrong-length signature from the wallet and invalid policies', () => {
    expect(() =>
      satisfyPolicy({ policy: k(K1), context: ctx, sign: () => new Uint8Array(63) }),
    ).toThrow(RangeError)
    expect(
      policyError(() => satisfyPolicy({ policy: after(0), context: ctx, sign: () => undefined }))
        .code,
    ).toBe('INVALID_POLICY')
    const badContext = { txLocktime: 1, sequence: -1 }
    expect(() =>
      satisfyPolicy({ policy: after(1), context: badContext, sign: () => undefined }),
    ).toThrow(RangeError)
  })

  it('with real ed25519 and BIP340 keys: the satisfaction checks and its signatures verify', () => {
    const edSecret = ed25519.utils.randomSecretKey()
    const btcSecret = schnorr.utils.randomSecretKey()
    const ED: KeyRef = { scheme: 'ed25519', publicKey: ed25519.getPublicKey(edSecret) }
    const BTC: KeyRef = { scheme: 'secp256k1', publicKey: schnorr.getPublicKey(btcSecret) }
    const preimage = utf8('payment secret')
    // An HTLC: the payee with the preimage, or the payer after a timeout.
    const policy: Policy = {
      type: 'or',
      policies: [
        {
          type: 'and',
          policies: [
            { type: 'key', key: ED },
            { type: 'hashlock', hash: blake3(preimage) },
          ],
        },
        {
          type: 'and',
          policies: [
            { type: 'key', key: BTC },
            { type: 'older', blocks: 144 },
          ],
        },
      ],
    }
    const sighash = blake3(utf8('claim tx'))
    const sign = (k: KeyRef) => (k === BTC ? schnorr.sign(sighash, btcSecret) : undefined)
    const context = { txLocktime: 0, sequence: 144 }
    const satisfaction = satisfyPolicy({ policy, context, sign })
    expect(satisfaction).toMatchObject({ type: 'or', index: 1 })
    const [r, ...rest] = checkPolicy({ policy, satisfaction, context: { ...context, sighash } })
    expect(rest).toEqual([])
    expect(schnorr.verify(r!.signature, r!.message, r!.key.publicKey)).toBe(true)

    const payee = satisfyPolicy({
      policy,
      context,
      sign: (k) => (k === ED ? ed25519.sign(sighash, edSecret) : undefined),
      preimages: new Map([[toHex(blake3(preimage)), preimage]]),
    })
    const [e] = checkPolicy({ policy, satisfaction: payee, context: { ...context, sighash } })
    expect(ed25519.verify(e!.signature, e!.message, e!.key.publicKey)).toBe(true)
  })
})
