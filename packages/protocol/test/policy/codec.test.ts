import { blake3 as nobleBlake3 } from '@noble/hashes/blake3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromHex, toHex, utf8 } from '../../src/bytes.js'
import { Reader } from '../../src/codec/reader.js'
import { Writer } from '../../src/codec/writer.js'
import { DecodeError } from '../../src/errors.js'
import {
  decodePolicy,
  decodeSatisfaction,
  encodePolicy,
  encodeSatisfaction,
  equalLocks,
  hashPolicy,
  isLockForPolicy,
  lockForPolicy,
  readLock,
  readPolicy,
  writeLock,
} from '../../src/policy/codec.js'
import type { Policy, Satisfaction } from '../../src/policy/types.js'
import { leafArb, policyArb, policyWithSatisfactionArb, satisfactionArb } from './arbitraries.js'
import { after, decodeError, H, K1, K2, K3, key } from './helpers.js'

/** Exactly one node of every kind, nested. */
const SAMPLE: Policy = {
  type: 'or',
  policies: [
    {
      type: 'and',
      policies: [
        { type: 'key', key: K1 },
        { type: 'older', blocks: 144 },
      ],
    },
    {
      type: 'thresh',
      threshold: 2,
      policies: [
        { type: 'multisig', threshold: 1, keys: [K2, K3] },
        { type: 'hashlock', hash: H },
        after(700_000),
      ],
    },
  ],
}

describe('policy encoding', () => {
  it('pins the wire format of each node kind', () => {
    expect(toHex(encodePolicy({ type: 'key', key: K1 }))).toBe(`0000${'01'.repeat(32)}`)
    expect(toHex(encodePolicy({ type: 'multisig', threshold: 1, keys: [K2, K3] }))).toBe(
      `01010201${'02'.repeat(32)}00${'03'.repeat(32)}`,
    )
    expect(toHex(encodePolicy({ type: 'hashlock', hash: H }))).toBe(`02${'aa'.repeat(32)}`)
    expect(toHex(encodePolicy(after(0x01020304)))).toBe('0304030201')
    expect(toHex(encodePolicy({ type: 'older', blocks: 144 }))).toBe('0490000000')
    expect(toHex(encodePolicy({ type: 'and', policies: [after(1), after(2)] }))).toBe(
      '05020301000000' + '0302000000',
    )
    expect(toHex(encodePolicy({ type: 'or', policies: [after(1), after(2)] }))).toBe(
      '06020301000000' + '0302000000',
    )
    expect(toHex(encodePolicy({ type: 'thresh', threshold: 1, policies: [after(1)] }))).toBe(
      '0701010301000000',
    )
  })

  it('round-trips every node kind, nested', () => {
    expect(decodePolicy(encodePolicy(SAMPLE))).toEqual(SAMPLE)
    const big: Policy = {
      type: 'multisig',
      threshold: 2,
      keys: [key('mldsa65', 7), K1, key('mldsa65', 8)],
    }
    expect(decodePolicy(encodePolicy(big))).toEqual(big)
  })

  it('round-trips random policies (property)', () => {
    fc.assert(
      fc.property(policyArb(4, leafArb(true)), (p) => {
        const bytes = encodePolicy(p)
        expect(decodePolicy(bytes)).toEqual(p)
        expect(encodePolicy(decodePolicy(bytes))).toEqual(bytes)
      }),
      { numRuns: 300 },
    )
  })

  it('reads a policy from the middle of a stream', () => {
    const w = new Writer()
    w.u8(0xee)
    w.raw(encodePolicy(SAMPLE))
    w.u8(0xff)
    const r = new Reader(w.finish())
    r.u8()
    expect(readPolicy(r)).toEqual(SAMPLE)
    expect(r.u8()).toBe(0xff)
    r.finish()
  })

  it('hashes with the policy domain (independent derivation with noble)', () => {
    const bytes = encodePolicy(SAMPLE)
    const domainKey = nobleBlake3(new Uint8Array(0), { context: utf8('SuperNova v1 policy') })
    expect(hashPolicy(SAMPLE)).toEqual(nobleBlake3(bytes, { key: domainKey }))
    expect(hashPolicy(SAMPLE)).not.toEqual(nobleBlake3(bytes))
  })
})

describe('canonical decoding', () => {
  /** decode(mutated) either fails with DecodeError or re-encodes to exactly `mutated`. */
  function assertCanonical(
    mutated: Uint8Array,
    decode: (b: Uint8Array) => unknown,
    encode: (v: never) => Uint8Array,
  ) {
    let value: unknown
    try {
      value = decode(mutated)
    } catch (e) {
      expect(e).toBeInstanceOf(DecodeError)
      return 'rejected'
    }
    expect(toHex(encode(value as never))).toBe(toHex(mutated))
    return 'accepted'
  }

  it('every single-byte mutation of small encodings is rejected or canonical (exhaustive)', () => {
    const samples: Policy[] = [
      SAMPLE,
      { type: 'thresh', threshold: 1, policies: [after(1), { type: 'older', blocks: 5 }] },
      { type: 'multisig', threshold: 2, keys: [K1, K2, K3] },
    ]
    const outcomes = { rejected: 0, accepted: 0 }
    for (const p of samples) {
      const bytes = encodePolicy(p)
      for (let pos = 0; pos < bytes.length; pos++) {
        for (let v = 0; v < 256; v++) {
          if (v === bytes[pos]) continue
          const mutated = bytes.slice()
          mutated[pos] = v
          outcomes[assertCanonical(mutated, decodePolicy, encodePolicy)]++
        }
      }
    }
    // Both outcomes occur: key and hash bytes are free, tags and counts are not.
    expect(outcomes.rejected).toBeGreaterThan(1000)
    expect(outcomes.accepted).toBeGreaterThan(1000)
  })

  it('random mutations of random policies and satisfactions are rejected or canonical (property)', () => {
    fc.assert(
      fc.property(
        policyWithSatisfactionArb(4),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        ([p, s], at, delta) => {
          const pBytes = encodePolicy(p)
          const mutatedP = pBytes.slice()
          mutatedP[at % pBytes.length] = (mutatedP[at % pBytes.length]! + delta) & 0xff
          assertCanonical(mutatedP, decodePolicy, encodePolicy)
          const sBytes = encodeSatisfaction(s, p)
          if (sBytes.length === 0) return
          const mutatedS = sBytes.slice()
          mutatedS[at % sBytes.length] = (mutatedS[at % sBytes.length]! + delta) & 0xff
          assertCanonical(
            mutatedS,
            (b) => decodeSatisfaction(b, p),
            (v: Satisfaction) => encodeSatisfaction(v, p),
          )
        },
      ),
      { numRuns: 500 },
    )
  })

  it('every single-byte mutation of a satisfaction is rejected or canonical (exhaustive)', () => {
    const p: Policy = {
      type: 'and',
      policies: [
        {
          type: 'thresh',
          threshold: 2,
          policies: [
            after(1),
            { type: 'hashlock', hash: H },
            after(2),
            after(3),
            after(4),
            after(5),
            after(6),
            after(7),
            after(8),
          ],
        },
        { type: 'or', policies: [after(1), { type: 'multisig', threshold: 1, keys: [K1, K2] }] },
      ],
    }
    const s: Satisfaction = {
      type: 'and',
      satisfactions: [
        {
          type: 'thresh',
          satisfactions: [
            { type: 'none' },
            { type: 'preimage', preimage: utf8('abc') },
            null,
            null,
            null,
            null,
            null,
            null,
            null,
          ],
        },
        {
          type: 'or',
          index: 1,
          satisfaction: {
            type: 'multisig',
            signatures: [{ index: 1, signature: new Uint8Array(64).fill(9) }],
          },
        },
      ],
    }
    const bytes = encodeSatisfaction(s, p)
    expect(decodeSatisfaction(bytes, p)).toEqual(s)
    let rejected = 0
    for (let pos = 0; pos < bytes.length; pos++) {
      for (let v = 0; v < 256; v++) {
        if (v === bytes[pos]) continue
        const mutated = bytes.slice()
        mutated[pos] = v
        const o = assertCanonical(
          mutated,
          (b) => decodeSatisfaction(b, p),
          (x: Satisfaction) => encodeSatisfaction(x, p),
        )
        if (o === 'rejected') rejected++
      }
    }
    expect(rejected).toBeGreaterThan(255 * 4)
  })

  it('every proper prefix fails with UNEXPECTED_END and trailing bytes are rejected (property)', () => {
    fc.assert(
      fc.property(policyWithSatisfactionArb(3), ([p, s]) => {
        const pBytes = encodePolicy(p)
        for (let n = 0; n < pBytes.length; n++) {
          expect(decodeError(() => decodePolicy(pBytes.subarray(0, n))).code).toBe('UNEXPECTED_END')
        }
        expect(decodeError(() => decodePolicy(Uint8Array.of(...pBytes, 0))).code).toBe(
          'TRAILING_BYTES',
        )
        const sBytes = encodeSatisfaction(s, p)
        expect(decodeSatisfaction(sBytes, p)).toEqual(s)
        for (let n = 0; n < sBytes.length; n++) {
          expect(decodeError(() => decodeSatisfaction(sBytes.subarray(0, n), p)).code).toBe(
            'UNEXPECTED_END',
          )
        }
        expect(decodeError(() => decodeSatisfaction(Uint8Array.of(...sBytes, 0), p)).code).toBe(
          'TRAILING_BYTES',
        )
      }),
      { numRuns: 200 },
    )
  })
})

describe('satisfaction round trips', () => {
  it('round-trips random well-shaped satisfactions, including ML-DSA signatures (property)', () => {
    fc.assert(
      fc.property(
        policyArb(3, leafArb(true)).chain((p) => satisfactionArb(p).map((s) => [p, s] as const)),
        ([p, s]) => {
          expect(decodeSatisfaction(encodeSatisfaction(s, p), p)).toEqual(s)
        },
      ),
      { numRuns: 100 },
    )
  })
})

describe('locks', () => {
  it('a key policy locks with its scheme; any other tree with "policy"', () => {
    expect(lockForPolicy({ type: 'key', key: K2 })).toEqual({
      type: 'secp256k1',
      policyHash: hashPolicy({ type: 'key', key: K2 }),
    })
    expect(lockForPolicy({ type: 'key', key: key('mldsa65', 1) }).type).toBe('mldsa65')
    expect(lockForPolicy({ type: 'multisig', threshold: 1, keys: [K1] }).type).toBe('policy')
    expect(lockForPolicy(SAMPLE)).toEqual({ type: 'policy', policyHash: hashPolicy(SAMPLE) })
  })

  it('isLockForPolicy checks both type and hash', () => {
    const p: Policy = { type: 'key', key: K1 }
    const lock = lockForPolicy(p)
    expect(isLockForPolicy(lock, p)).toBe(true)
    expect(isLockForPolicy({ ...lock, type: 'policy' }, p)).toBe(false)
    expect(isLockForPolicy({ ...lock, type: 'secp256k1' }, p)).toBe(false)
    expect(isLockForPolicy(lock, { type: 'key', key: K3 })).toBe(false)
    const tampered = lock.policyHash.slice()
    tampered[31]! ^= 1
    expect(isLockForPolicy({ type: 'ed25519', policyHash: tampered }, p)).toBe(false)
    expect(isLockForPolicy(lock, after(0))).toBe(false)
    expect(equalLocks(lock, { type: 'ed25519', policyHash: lock.policyHash.slice() })).toBe(true)
    expect(equalLocks(lock, { ...lock, type: 'policy' })).toBe(false)
    expect(equalLocks(lock, { type: 'ed25519', policyHash: tampered })).toBe(false)
  })

  it('round-trips every lock type and rejects unknown codes', () => {
    for (const type of ['ed25519', 'secp256k1', 'mldsa65', 'policy'] as const) {
      const w = new Writer()
      writeLock(w, { type, policyHash: H })
      const bytes = w.finish()
      expect(bytes.length).toBe(33)
      const r = new Reader(bytes)
      expect(readLock(r)).toEqual({ type, policyHash: H })
      r.finish()
    }
    expect(decodeError(() => readLock(new Reader(fromHex(`04${'00'.repeat(32)}`)))).code).toBe(
      'INVALID_TAG',
    )
    expect(decodeError(() => readLock(new Reader(fromHex(`03${'00'.repeat(31)}`)))).code).toBe(
      'UNEXPECTED_END',
    )
  })
})
