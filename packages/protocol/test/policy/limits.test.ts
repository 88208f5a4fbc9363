import { describe, expect, it } from 'vitest'
import { Reader } from '../../src/codec/reader.js'
import { Writer } from '../../src/codec/writer.js'
import {
  decodePolicy,
  decodeSatisfaction,
  encodePolicy,
  encodeSatisfaction,
  isValidPolicy,
  readPolicy,
} from '../../src/policy/codec.js'
import { POLICY_LIMITS, type Policy, type Satisfaction } from '../../src/policy/types.js'
import { after, decodeError, H, K1, K2, K3, key, policyError } from './helpers.js'

/** `and(and(…and(after 1, after 2)…), after 2)` with `depth` levels in total. */
function chain(depth: number): Policy {
  let p: Policy = after(1)
  for (let d = 1; d < depth; d++) p = { type: 'and', policies: [p, after(2)] }
  return p
}

/** An `and` of 16 children each `and` of 3 afters, with the last child smaller by `less`. */
function wide(less: number): Policy {
  const child = (n: number): Policy => ({
    type: 'and',
    policies: Array.from({ length: n }, (_, i) => after(i + 1)),
  })
  return {
    type: 'and',
    policies: Array.from({ length: 16 }, (_, i) => child(i === 15 ? 3 - less : 3)),
  }
}

function countNodes(p: Policy): number {
  return 'policies' in p ? 1 + p.policies.reduce((n, c) => n + countNodes(c), 0) : 1
}

/** Encode without validation, for inputs `encodePolicy` refuses. */
function raw(build: (w: Writer) => void): Uint8Array {
  const w = new Writer()
  build(w)
  return w.finish()
}

/** Bytes of a node that `encodePolicy` would write, bypassing its validation. */
function rawPolicy(p: Policy): Uint8Array {
  return raw((w) => {
    const node = (n: Policy): void => {
      switch (n.type) {
        case 'after':
          w.u8(3).u32(n.locktime)
          return
        case 'and':
        case 'or':
          w.u8(n.type === 'and' ? 5 : 6).varint(n.policies.length)
          n.policies.forEach(node)
          return
        default:
          w.raw(encodePolicy(n))
      }
    }
    node(p)
  })
}

describe('structural limits (decoded before allocating)', () => {
  it('depth 8 decodes; depth 9 is rejected on both sides', () => {
    expect(decodePolicy(encodePolicy(chain(8)))).toEqual(chain(8))
    const e = decodeError(() => decodePolicy(rawPolicy(chain(9))))
    expect(e.code).toBe('LENGTH_TOO_LARGE')
    expect(e.details.field).toBe('maxDepth')
    expect(policyError(() => encodePolicy(chain(9))).code).toBe('INVALID_POLICY')
  })

  it('the depth limit triggers before reading past the ninth level', () => {
    // Eight nested `and`s whose ninth level is missing entirely: the depth error comes first.
    const bytes = raw((w) => {
      for (let d = 0; d < 8; d++) w.u8(5).varint(2)
      w.raw(new Uint8Array(10))
    })
    expect(decodeError(() => decodePolicy(bytes)).details.field).toBe('maxDepth')
  })

  it('64 nodes decode; 65 are rejected on both sides', () => {
    expect(countNodes(wide(1))).toBe(64)
    expect(countNodes(wide(0))).toBe(65)
    expect(decodePolicy(encodePolicy(wide(1)))).toEqual(wide(1))
    const e = decodeError(() => decodePolicy(rawPolicy(wide(0))))
    expect([e.code, e.details.field]).toEqual(['LENGTH_TOO_LARGE', 'maxNodes'])
    expect(policyError(() => encodePolicy(wide(0))).code).toBe('INVALID_POLICY')
  })

  it('a child list over the node budget is refused before any child is read', () => {
    // and(16 × and(3 afters)) then the last list claims 4 children: the budget check fires on the
    // count alone even though the children are absent.
    const bytes = raw((w) => {
      w.u8(5).varint(16)
      const child = encodePolicy({ type: 'and', policies: [after(1), after(2), after(3)] })
      for (let i = 0; i < 15; i++) w.raw(child)
      w.u8(5).varint(4)
      w.raw(new Uint8Array(20))
    })
    const e = decodeError(() => decodePolicy(bytes))
    expect([e.code, e.details.field]).toEqual(['LENGTH_TOO_LARGE', 'maxNodes'])
  })

  it('20 multisig keys decode; 21 are refused from the count alone', () => {
    const keys = Array.from({ length: 20 }, (_, i) => key('ed25519', i))
    const ok: Policy = { type: 'multisig', threshold: 20, keys }
    expect(decodePolicy(encodePolicy(ok))).toEqual(ok)
    const e = decodeError(() => decodePolicy(Uint8Array.of(1, 1, 21)))
    expect(e.code).toBe('LENGTH_TOO_LARGE')
    const tooMany: Policy = { type: 'multisig', threshold: 1, keys: [...keys, key('ed25519', 99)] }
    expect(policyError(() => encodePolicy(tooMany)).code).toBe('INVALID_POLICY')
  })

  it('16 children decode; 17 are refused from the count alone', () => {
    const ok: Policy = { type: 'or', policies: Array.from({ length: 16 }, (_, i) => after(i + 1)) }
    expect(decodePolicy(encodePolicy(ok))).toEqual(ok)
    for (const tag of [5, 6])
      expect(decodeError(() => decodePolicy(Uint8Array.of(tag, 17))).code).toBe('LENGTH_TOO_LARGE')
    expect(decodeError(() => decodePolicy(Uint8Array.of(7, 1, 17))).code).toBe('LENGTH_TOO_LARGE')
    expect(
      policyError(() => encodePolicy({ type: 'or', policies: [...ok.policies, after(99)] })).code,
    ).toBe('INVALID_POLICY')
  })

  it('a huge claimed count is refused, never allocated', () => {
    const bytes = raw((w) => w.u8(5).varint(2 ** 50))
    expect(decodeError(() => decodePolicy(bytes)).code).toBe('LENGTH_TOO_LARGE')
    // A count within the cap that cannot fit in what is left.
    expect(decodeError(() => decodePolicy(Uint8Array.of(5, 16, 3, 1, 0, 0, 0))).code).toBe(
      'UNEXPECTED_END',
    )
  })

  it('rejects non-minimal varint counts', () => {
    const child = encodePolicy(after(1))
    const good = Uint8Array.of(5, 2, ...child, ...child)
    expect(decodePolicy(good)).toEqual({ type: 'and', policies: [after(1), after(1)] })
    expect(
      decodeError(() => decodePolicy(Uint8Array.of(5, 0x82, 0x00, ...child, ...child))).code,
    ).toBe('NON_MINIMAL_VARINT')
    expect(
      decodeError(() =>
        decodePolicy(
          Uint8Array.of(1, 1, 0x81, 0x00, ...encodePolicy({ type: 'key', key: K1 }).subarray(1)),
        ),
      ).code,
    ).toBe('NON_MINIMAL_VARINT')
  })

  it('caps the encoded size at 64 KiB on both sides', () => {
    const heavy = (fill: number): Policy => ({
      type: 'multisig',
      threshold: 1,
      keys: Array.from({ length: 20 }, (_, i) => key('mldsa65', fill + i)),
    })
    const p: Policy = { type: 'and', policies: [heavy(0), heavy(100)] }
    expect(isValidPolicy(heavy(0))).toBe(true)
    expect(policyError(() => encodePolicy(p)).code).toBe('INVALID_POLICY')
    const bytes = Uint8Array.of(5, 2, ...encodePolicy(heavy(0)), ...encodePolicy(heavy(100)))
    expect(bytes.length).toBeGreaterThan(POLICY_LIMITS.maxEncodedBytes)
    expect(decodeError(() => decodePolicy(bytes)).code).toBe('INPUT_TOO_LARGE')
    expect(decodeError(() => readPolicy(new Reader(bytes))).code).toBe('INPUT_TOO_LARGE')
  })

  it('preimages of 64 bytes decode; 65 are refused from the length alone', () => {
    const p: Policy = { type: 'hashlock', hash: H }
    const s: Satisfaction = { type: 'preimage', preimage: new Uint8Array(64) }
    expect(decodeSatisfaction(encodeSatisfaction(s, p), p)).toEqual(s)
    expect(decodeError(() => decodeSatisfaction(Uint8Array.of(65), p)).code).toBe(
      'LENGTH_TOO_LARGE',
    )
    expect(
      policyError(() => encodeSatisfaction({ type: 'preimage', preimage: new Uint8Array(65) }, p))
        .code,
    ).toBe('SATISFACTION_MISMATCH')
  })
})

describe('semantic rules (INVALID_VALUE on decode, INVALID_POLICY on encode)', () => {
  const keyBytes = (k: typeof K1) => [k.scheme === 'ed25519' ? 0 : 1, ...k.publicKey]
  const cases: { name: string; policy: Policy; bytes: number[] }[] = [
    {
      name: 'multisig threshold 0',
      policy: { type: 'multisig', threshold: 0, keys: [K1] },
      bytes: [1, 0, 1, ...keyBytes(K1)],
    },
    {
      name: 'multisig threshold > n',
      policy: { type: 'multisig', threshold: 3, keys: [K1, K2] },
      bytes: [1, 3, 2, ...keyBytes(K1), ...keyBytes(K2)],
    },
    {
      name: 'multisig without keys',
      policy: { type: 'multisig', threshold: 1, keys: [] },
      bytes: [1, 1, 0],
    },
    {
      name: 'duplicate multisig key',
      policy: { type: 'multisig', threshold: 1, keys: [K1, K3, K1] },
      bytes: [1, 1, 3, ...keyBytes(K1), ...keyBytes(K3), ...keyBytes(K1)],
    },
    { name: 'after 0', policy: after(0), bytes: [3, 0, 0, 0, 0] },
    { name: 'older 0', policy: { type: 'older', blocks: 0 }, bytes: [4, 0, 0, 0, 0] },
    { name: 'older 2^31', policy: { type: 'older', blocks: 2 ** 31 }, bytes: [4, 0, 0, 0, 0x80] },
    {
      name: 'and of one',
      policy: { type: 'and', policies: [after(1)] },
      bytes: [5, 1, 3, 1, 0, 0, 0],
    },
    { name: 'or of none', policy: { type: 'or', policies: [] }, bytes: [6, 0] },
    {
      name: 'thresh of none',
      policy: { type: 'thresh', threshold: 1, policies: [] },
      bytes: [7, 1, 0],
    },
    {
      name: 'thresh 0 of 1',
      policy: { type: 'thresh', threshold: 0, policies: [after(1)] },
      bytes: [7, 0, 1, 3, 1, 0, 0, 0],
    },
    {
      name: 'thresh 2 of 1',
      policy: { type: 'thresh', threshold: 2, policies: [after(1)] },
      bytes: [7, 2, 1, 3, 1, 0, 0, 0],
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      expect(decodeError(() => decodePolicy(Uint8Array.from(c.bytes))).code).toBe('INVALID_VALUE')
      expect(policyError(() => encodePolicy(c.policy)).code).toBe('INVALID_POLICY')
      expect(isValidPolicy(c.policy)).toBe(false)
    })
  }

  it('same key under two schemes is not a duplicate', () => {
    const p: Policy = {
      type: 'multisig',
      threshold: 2,
      keys: [K1, { scheme: 'secp256k1', publicKey: K1.publicKey }],
    }
    expect(decodePolicy(encodePolicy(p))).toEqual(p)
  })

  it('accepts the extreme valid values', () => {
    for (const p of [
      after(1),
      after(0xffff_ffff),
      { type: 'older', blocks: 1 },
      { type: 'older', blocks: 2 ** 31 - 1 },
    ] as Policy[]) {
      expect(decodePolicy(encodePolicy(p))).toEqual(p)
    }
  })

  it('unknown node tags and scheme codes are INVALID_TAG', () => {
    expect(decodeError(() => decodePolicy(Uint8Array.of(8))).code).toBe('INVALID_TAG')
    expect(decodeError(() => decodePolicy(Uint8Array.of(0xff))).code).toBe('INVALID_TAG')
    expect(decodeError(() => decodePolicy(Uint8Array.of(0, 3, ...new Uint8Array(32)))).code).toBe(
      'INVALID_TAG',
    )
    expect(
      decodeError(() => decodePolicy(Uint8Array.of(1, 1, 1, 9, ...new Uint8Array(32)))).code,
    ).toBe('INVALID_TAG')
  })

  it('encode rejects malformed values with INVALID_POLICY', () => {
    const bad = [
      { type: 'key', key: { scheme: 'ed25519', publicKey: new Uint8Array(31) } },
      { type: 'key', key: { scheme: 'mldsa65', publicKey: new Uint8Array(32) } },
      { type: 'key', key: { scheme: 'rsa', publicKey: new Uint8Array(32) } },
      { type: 'hashlock', hash: new Uint8Array(31) },
      { type: 'after', locktime: 1.5 },
      { type: 'after', locktime: 2 ** 32 },
      { type: 'nope' },
      null,
    ] as unknown as Policy[]
    for (const p of bad) expect(policyError(() => encodePolicy(p)).code).toBe('INVALID_POLICY')
  })
})
