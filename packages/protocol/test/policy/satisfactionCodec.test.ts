import { describe, expect, it } from 'vitest'
import { toHex } from '../../src/bytes.js'
import { decodeSatisfaction, encodeSatisfaction } from '../../src/policy/codec.js'
import type { Policy, Satisfaction } from '../../src/policy/types.js'
import { after, decodeError, H, K1, K2, K3, policyError } from './helpers.js'

describe('satisfaction decoding rules', () => {
  const sig = (fill: number) => new Uint8Array(64).fill(fill)
  const multisig: Policy = { type: 'multisig', threshold: 2, keys: [K1, K2, K3] }
  const thresh: Policy = { type: 'thresh', threshold: 2, policies: [after(1), after(2), after(3)] }

  it('multisig: a bitmap with exactly threshold bits, in key order', () => {
    const s: Satisfaction = {
      type: 'multisig',
      signatures: [
        { index: 0, signature: sig(1) },
        { index: 2, signature: sig(3) },
      ],
    }
    const bytes = encodeSatisfaction(s, multisig)
    expect(toHex(bytes)).toBe(`05${'01'.repeat(64)}${'03'.repeat(64)}`)
    expect(decodeSatisfaction(bytes, multisig)).toEqual(s)
    // k-1 and k+1 bits set, and a bit beyond n.
    expect(
      decodeError(() => decodeSatisfaction(Uint8Array.of(0b001, ...sig(1)), multisig)).code,
    ).toBe('INVALID_VALUE')
    expect(
      decodeError(() =>
        decodeSatisfaction(Uint8Array.of(0b111, ...sig(1), ...sig(2), ...sig(3)), multisig),
      ).code,
    ).toBe('INVALID_VALUE')
    expect(
      decodeError(() => decodeSatisfaction(Uint8Array.of(0b1001, ...sig(1), ...sig(2)), multisig))
        .code,
    ).toBe('INVALID_VALUE')
  })

  it('thresh with k-1 or k+1 children present is rejected at decode', () => {
    expect(decodeSatisfaction(Uint8Array.of(0b101), thresh)).toEqual({
      type: 'thresh',
      satisfactions: [{ type: 'none' }, null, { type: 'none' }],
    })
    expect(decodeError(() => decodeSatisfaction(Uint8Array.of(0b100), thresh)).code).toBe(
      'INVALID_VALUE',
    )
    expect(decodeError(() => decodeSatisfaction(Uint8Array.of(0b111), thresh)).code).toBe(
      'INVALID_VALUE',
    )
    expect(decodeError(() => decodeSatisfaction(Uint8Array.of(0b1001), thresh)).code).toBe(
      'INVALID_VALUE',
    )
  })

  it('bitmaps span ⌈n/8⌉ bytes', () => {
    const p: Policy = {
      type: 'thresh',
      threshold: 1,
      policies: Array.from({ length: 9 }, (_, i) => after(i + 1)),
    }
    expect(decodeSatisfaction(Uint8Array.of(0, 1), p)).toEqual({
      type: 'thresh',
      satisfactions: [null, null, null, null, null, null, null, null, { type: 'none' }],
    })
    expect(decodeError(() => decodeSatisfaction(Uint8Array.of(0, 2), p)).code).toBe('INVALID_VALUE')
    expect(decodeError(() => decodeSatisfaction(Uint8Array.of(1), p)).code).toBe('UNEXPECTED_END')
  })

  it('or: the branch index must be in range', () => {
    const p: Policy = { type: 'or', policies: [after(1), after(2)] }
    expect(decodeSatisfaction(Uint8Array.of(1), p)).toEqual({
      type: 'or',
      index: 1,
      satisfaction: { type: 'none' },
    })
    expect(decodeError(() => decodeSatisfaction(Uint8Array.of(2), p)).code).toBe('INVALID_VALUE')
  })

  it('encode refuses satisfactions that are not shaped like the policy', () => {
    const cases: [Policy, unknown, string][] = [
      [
        multisig,
        { type: 'multisig', signatures: [null, { index: 1, signature: sig(1) }] },
        'SATISFACTION_MISMATCH',
      ],
      [multisig, { type: 'multisig', signatures: 'no' }, 'SATISFACTION_MISMATCH'],
      [
        { type: 'hashlock', hash: H },
        { type: 'preimage', preimage: 'abc' },
        'SATISFACTION_MISMATCH',
      ],
      [after(1), null, 'SATISFACTION_MISMATCH'],
      [
        { type: 'key', key: K1 },
        { type: 'signature', signature: new Uint8Array(63) },
        'SATISFACTION_MISMATCH',
      ],
      [{ type: 'key', key: K1 }, { type: 'none' }, 'SATISFACTION_MISMATCH'],
      [
        multisig,
        { type: 'multisig', signatures: [{ index: 1, signature: sig(1) }] },
        'THRESHOLD_NOT_MET',
      ],
      [
        multisig,
        { type: 'multisig', signatures: [0, 1, 2].map((index) => ({ index, signature: sig(1) })) },
        'SATISFACTION_MISMATCH',
      ],
      [
        multisig,
        { type: 'multisig', signatures: [2, 1].map((index) => ({ index, signature: sig(1) })) },
        'SATISFACTION_MISMATCH',
      ],
      [
        multisig,
        { type: 'multisig', signatures: [1, 3].map((index) => ({ index, signature: sig(1) })) },
        'SATISFACTION_MISMATCH',
      ],
      [
        thresh,
        { type: 'thresh', satisfactions: [{ type: 'none' }, null, null] },
        'THRESHOLD_NOT_MET',
      ],
      [
        thresh,
        { type: 'thresh', satisfactions: [{ type: 'none' }, { type: 'none' }] },
        'SATISFACTION_MISMATCH',
      ],
      [
        thresh,
        { type: 'thresh', satisfactions: [{ type: 'none' }, { type: 'none' }, { type: 'none' }] },
        'SATISFACTION_MISMATCH',
      ],
      [
        { type: 'or', policies: [after(1), after(2)] },
        { type: 'or', index: 2, satisfaction: { type: 'none' } },
        'SATISFACTION_MISMATCH',
      ],
      [
        { type: 'and', policies: [after(1), after(2)] },
        { type: 'and', satisfactions: [{ type: 'none' }] },
        'SATISFACTION_MISMATCH',
      ],
    ]
    for (const [p, s, code] of cases)
      expect(policyError(() => encodeSatisfaction(s as Satisfaction, p)).code).toBe(code)
  })
})
