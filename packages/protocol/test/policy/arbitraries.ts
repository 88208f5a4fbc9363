import fc from 'fast-check'
import type { SchemeId } from '../../src/crypto/types.js'
import { SCHEME_SIZES } from '../../src/policy/schemes.js'
import {
  type KeyRef,
  LOCKTIME_THRESHOLD,
  type Policy,
  type Satisfaction,
} from '../../src/policy/types.js'

/** Shared fast-check arbitraries for policies and satisfactions (bounded depth and width). */

export const schemeArb = (withMldsa: boolean): fc.Arbitrary<SchemeId> =>
  withMldsa
    ? fc.constantFrom<SchemeId>('ed25519', 'secp256k1', 'ed25519', 'secp256k1', 'mldsa65')
    : fc.constantFrom<SchemeId>('ed25519', 'secp256k1')

export const keyArb = (withMldsa: boolean): fc.Arbitrary<KeyRef> =>
  schemeArb(withMldsa).chain((scheme) => {
    const n = SCHEME_SIZES[scheme].publicKey
    return fc.uint8Array({ minLength: n, maxLength: n }).map((publicKey) => ({ scheme, publicKey }))
  })

const keyId = (k: KeyRef): string => `${k.scheme}:${Array.from(k.publicKey).join(',')}`

/** Locktimes of both kinds, with the edges around the height/time threshold. */
export const locktimeArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 1000 }),
  fc.constantFrom(
    1,
    LOCKTIME_THRESHOLD - 1,
    LOCKTIME_THRESHOLD,
    LOCKTIME_THRESHOLD + 1,
    0xffff_ffff,
  ),
  fc.integer({ min: 1, max: 0xffff_ffff }),
)

export const olderArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 1000 }),
  fc.constantFrom(1, 0x7fff_ffff),
  fc.integer({ min: 1, max: 0x7fff_ffff }),
)

export function leafArb(withMldsa: boolean): fc.Arbitrary<Policy> {
  const key = keyArb(withMldsa)
  return fc.oneof(
    key.map((k): Policy => ({ type: 'key', key: k })),
    fc
      .uniqueArray(key, { minLength: 1, maxLength: 4, selector: keyId })
      .chain((keys) =>
        fc
          .integer({ min: 1, max: keys.length })
          .map((threshold): Policy => ({ type: 'multisig', threshold, keys })),
      ),
    fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .map((hash): Policy => ({ type: 'hashlock', hash })),
    locktimeArb.map((locktime): Policy => ({ type: 'after', locktime })),
    olderArb.map((blocks): Policy => ({ type: 'older', blocks })),
  )
}

/** Policies of depth ≤ `depth` with 2–3 children per composite (≤ 40 nodes at depth 4). */
export function policyArb(
  depth = 4,
  leaf: fc.Arbitrary<Policy> = leafArb(false),
): fc.Arbitrary<Policy> {
  if (depth <= 1) return leaf
  const child = policyArb(depth - 1, leaf)
  const children = fc.array(child, { minLength: 2, maxLength: 3 })
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 1, arbitrary: children.map((policies): Policy => ({ type: 'and', policies })) },
    { weight: 1, arbitrary: children.map((policies): Policy => ({ type: 'or', policies })) },
    {
      weight: 1,
      arbitrary: fc
        .array(child, { minLength: 1, maxLength: 3 })
        .chain((policies) =>
          fc
            .integer({ min: 1, max: policies.length })
            .map((threshold): Policy => ({ type: 'thresh', threshold, policies })),
        ),
    },
  )
}

const signatureArb = (key: KeyRef): fc.Arbitrary<Uint8Array> => {
  const n = SCHEME_SIZES[key.scheme].signature
  return fc.uint8Array({ minLength: n, maxLength: n })
}

/** Random indices: `k` of `0..n-1`, increasing. */
const subsetArb = (n: number, k: number): fc.Arbitrary<number[]> =>
  fc
    .shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: k, maxLength: k },
    )
    .map((xs) => xs.sort((a, b) => a - b))

/** A well-shaped (not necessarily valid) satisfaction of `p`. */
export function satisfactionArb(p: Policy): fc.Arbitrary<Satisfaction> {
  switch (p.type) {
    case 'key':
      return signatureArb(p.key).map((signature) => ({ type: 'signature', signature }))
    case 'multisig':
      return subsetArb(p.keys.length, p.threshold).chain((idx) =>
        fc
          .tuple(
            ...idx.map((i) =>
              signatureArb(p.keys[i]!).map((signature) => ({ index: i, signature })),
            ),
          )
          .map((signatures): Satisfaction => ({ type: 'multisig', signatures })),
      )
    case 'hashlock':
      return fc.uint8Array({ maxLength: 64 }).map((preimage) => ({ type: 'preimage', preimage }))
    case 'after':
    case 'older':
      return fc.constant({ type: 'none' })
    case 'and':
      return fc
        .tuple(...p.policies.map(satisfactionArb))
        .map((satisfactions): Satisfaction => ({ type: 'and', satisfactions }))
    case 'or':
      return fc
        .integer({ min: 0, max: p.policies.length - 1 })
        .chain((index) =>
          satisfactionArb(p.policies[index]!).map(
            (satisfaction): Satisfaction => ({ type: 'or', index, satisfaction }),
          ),
        )
    case 'thresh':
      return subsetArb(p.policies.length, p.threshold).chain((idx) =>
        fc
          .tuple(
            ...p.policies.map((c, i) => (idx.includes(i) ? satisfactionArb(c) : fc.constant(null))),
          )
          .map((satisfactions): Satisfaction => ({ type: 'thresh', satisfactions })),
      )
  }
}

export const policyWithSatisfactionArb = (depth = 4): fc.Arbitrary<[Policy, Satisfaction]> =>
  policyArb(depth).chain((p) => satisfactionArb(p).map((s): [Policy, Satisfaction] => [p, s]))
