import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Block, decodeBlock, decodeBlockWithIds, encodeBlock } from '../../src/block/block.js'
import { decodeHeader, encodeHeader, type Header } from '../../src/block/header.js'
import { DecodeError } from '../../src/errors.js'
import { lockForPolicy } from '../../src/policy/codec.js'
import type { Policy, Satisfaction } from '../../src/policy/types.js'
import {
  decodeTransaction,
  decodeUtxoEntry,
  encodeTransaction,
  encodeUtxoEntry,
} from '../../src/tx/codec.js'
import { computeTransactionIds } from '../../src/tx/hashes.js'
import { type Transaction, TX_KINDS, type UtxoEntry, type Witness } from '../../src/tx/types.js'

const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 })
const u32 = fc.nat(0xffffffff)

const headerArb: fc.Arbitrary<Header> = fc.record({
  version: u32,
  height: u32,
  prevHash: bytes32,
  timestamp: fc.maxSafeNat(),
  bits: u32,
  nonce: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  txRoot: bytes32,
  utxoRoot: bytes32,
  filterHash: bytes32,
  validatorSetHash: bytes32,
  randomness: bytes32,
})

/** Witnesses of a few policy shapes with well-formed (not necessarily valid) signatures. */
const witnessArb: fc.Arbitrary<Witness> = fc.oneof(
  fc
    .record({ pk: bytes32, sig: fc.uint8Array({ minLength: 64, maxLength: 64 }) })
    .map(({ pk, sig }) => ({
      policy: { type: 'key', key: { scheme: 'ed25519', publicKey: pk } } as Policy,
      satisfaction: { type: 'signature', signature: sig } as Satisfaction,
    })),
  fc.record({ h: bytes32, pre: fc.uint8Array({ maxLength: 64 }) }).map(({ h, pre }) => ({
    policy: { type: 'hashlock', hash: h } as Policy,
    satisfaction: { type: 'preimage', preimage: pre } as Satisfaction,
  })),
  fc
    .record({
      a: bytes32,
      b: bytes32,
      sig: fc.uint8Array({ minLength: 64, maxLength: 64 }),
      n: fc.integer({ min: 1, max: 1000 }),
    })
    .map(({ a, b, sig, n }) => ({
      policy: {
        type: 'or',
        policies: [
          {
            type: 'and',
            policies: [
              { type: 'key', key: { scheme: 'secp256k1', publicKey: a } },
              { type: 'older', blocks: n },
            ],
          },
          { type: 'hashlock', hash: b },
        ],
      } as Policy,
      satisfaction: {
        type: 'or',
        index: 0,
        satisfaction: {
          type: 'and',
          satisfactions: [{ type: 'signature', signature: sig }, { type: 'none' }],
        },
      } as Satisfaction,
    })),
)

const lockArb = fc.oneof(
  fc.record({
    type: fc.constantFrom(
      'ed25519' as const,
      'secp256k1' as const,
      'mldsa65' as const,
      'policy' as const,
    ),
    policyHash: bytes32,
  }),
  bytes32.map((pk) => lockForPolicy({ type: 'key', key: { scheme: 'ed25519', publicKey: pk } })),
)

const txArb: fc.Arbitrary<Transaction> = fc
  .record({
    version: fc.nat(0xffff),
    kind: fc.constantFrom(...TX_KINDS),
    inputs: fc.array(
      fc.record({
        prevout: fc.record({ txid: bytes32, vout: u32 }),
        sequence: u32,
        witness: witnessArb,
      }),
      { maxLength: 4 },
    ),
    outputs: fc.array(
      fc.record({ amount: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), lock: lockArb }),
      { maxLength: 4 },
    ),
    locktime: u32,
    payload: fc.uint8Array({ maxLength: 80 }),
  })
  .map(({ inputs, ...rest }) => ({
    ...rest,
    inputs: inputs.map(({ prevout, sequence }) => ({ prevout, sequence })),
    witnesses: inputs.map((i) => i.witness),
  }))

const blockArb: fc.Arbitrary<Block> = fc.record({
  header: headerArb,
  transactions: fc.array(txArb, { maxLength: 3 }),
})

const utxoArb: fc.Arbitrary<UtxoEntry> = fc.record({
  amount: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  lock: lockArb,
  height: u32,
  coinbase: fc.boolean(),
})

/** A mutation of an encoding: flip, insert, delete or truncate. */
const mutationArb = fc.record({
  kind: fc.constantFrom('flip', 'insert', 'delete', 'truncate', 'append'),
  at: fc.nat(),
  value: fc.integer({ min: 1, max: 255 }),
})

function mutate(b: Uint8Array, m: { kind: string; at: number; value: number }): Uint8Array {
  const i = b.length === 0 ? 0 : m.at % b.length
  switch (m.kind) {
    case 'flip': {
      const c = b.slice()
      if (c.length > 0) c[i]! ^= m.value
      return c
    }
    case 'insert':
      return Uint8Array.from([...b.subarray(0, i), m.value, ...b.subarray(i)])
    case 'delete':
      return Uint8Array.from([...b.subarray(0, i), ...b.subarray(i + 1)])
    case 'truncate':
      return b.subarray(0, i)
    default:
      return Uint8Array.from([...b, m.value])
  }
}

type Codec<T> = {
  name: string
  arb: fc.Arbitrary<T>
  encode: (x: T) => Uint8Array
  decode: (b: Uint8Array) => T
}
const codecs: Codec<never>[] = [
  { name: 'header', arb: headerArb, encode: encodeHeader, decode: decodeHeader },
  { name: 'transaction', arb: txArb, encode: encodeTransaction, decode: decodeTransaction },
  { name: 'block', arb: blockArb, encode: encodeBlock, decode: decodeBlock },
  { name: 'utxo entry', arb: utxoArb, encode: encodeUtxoEntry, decode: decodeUtxoEntry },
] as unknown as Codec<never>[]

describe('canonical codecs of consensus objects', () => {
  for (const c of codecs) {
    it(`${c.name}: decode(encode(x)) == x and encode(decode(b)) == b`, () => {
      fc.assert(
        fc.property(c.arb, (x) => {
          const b = c.encode(x)
          const y = c.decode(b)
          expect(y).toEqual(x)
          expect(c.encode(y)).toEqual(b)
        }),
        { numRuns: 200 },
      )
    })

    it(`${c.name}: a mutated encoding is rejected with DecodeError or decodes to a different object that re-encodes to exactly those bytes`, () => {
      fc.assert(
        fc.property(c.arb, mutationArb, (x, m) => {
          const b = c.encode(x)
          const mutated = mutate(b, m)
          let y: unknown
          try {
            y = c.decode(mutated)
          } catch (e) {
            expect(e).toBeInstanceOf(DecodeError)
            return
          }
          // Accepted: then it is canonical for a different value (encodings are unique).
          expect(c.encode(y as never)).toEqual(mutated)
        }),
        { numRuns: 500 },
      )
    })
  }

  it('decodeBlockWithIds: the ids hashed from the bytes are computeTransactionIds of the decoded transactions', () => {
    fc.assert(
      fc.property(blockArb, (x) => {
        const b = encodeBlock(x)
        const d = decodeBlockWithIds(b)
        expect(d.block).toEqual(decodeBlock(b))
        expect(d.bytes).toBe(b)
        expect(d.ids).toEqual(x.transactions.map(computeTransactionIds))
      }),
      { numRuns: 200 },
    )
  })

  it('rejects a header of the wrong length and a block with trailing bytes', () => {
    expect(() => decodeHeader(new Uint8Array(219))).toThrow(DecodeError)
    expect(() => decodeHeader(new Uint8Array(221))).toThrow(DecodeError)
    const b = encodeBlock({ header: fc.sample(headerArb, 1)[0]!, transactions: [] })
    expect(() => decodeBlock(Uint8Array.from([...b, 0]))).toThrow(DecodeError)
  })

  it('rejects a transaction count that cannot fit before allocating anything', () => {
    const header = encodeHeader(fc.sample(headerArb, 1)[0]!)
    // varint 2^40 transactions after a valid header.
    const bomb = Uint8Array.from([...header, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20])
    expect(() => decodeBlock(bomb)).toThrow(DecodeError)
  })
})
