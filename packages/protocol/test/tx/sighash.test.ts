import { blake3 } from '@noble/hashes/blake3.js'
import { describe, expect, it } from 'vitest'
import { encodeLock } from '../../src/block/commitments.js'
import { concatBytes, toHex, utf8 } from '../../src/bytes.js'
import { domainKey, hash } from '../../src/hash/blake3.js'
import { devnetAccount } from '../../src/params/devnetAccounts.js'
import { computeTxid } from '../../src/tx/hashes.js'
import { computeSighash, createSighashContext } from '../../src/tx/sighash.js'

const a = devnetAccount(0)
const b = devnetAccount(1)
const tx = {
  version: 1,
  kind: 'transfer' as const,
  inputs: [
    { prevout: { txid: hash('txid', utf8('a')), vout: 1 }, sequence: 0xfffffffe },
    { prevout: { txid: hash('txid', utf8('b')), vout: 0 }, sequence: 5 },
  ],
  outputs: [
    { amount: 123_456_789n, lock: b.lock },
    { amount: 1_000n, lock: a.lock },
  ],
  locktime: 77,
  payload: utf8('memo'),
  witnesses: [],
}
const spent = [
  { amount: 200_000_000n, lock: a.lock },
  { amount: 5_000n, lock: b.lock },
]
const genesisHash = hash('header', utf8('net'))

const u64 = (n: bigint) => {
  const b = new Uint8Array(8)
  new DataView(b.buffer).setBigUint64(0, n, true)
  return b
}
const u32 = (n: number) => Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24)

/** docs/protocol.md §5.3, spelled out with @noble/hashes rather than the package's hashers. */
function specSighash(index: number): Uint8Array {
  const key = domainKey('sighash')
  const spentList = concatBytes(...spent.flatMap((s) => [u64(s.amount), encodeLock(s.lock)]))
  const spentHash = blake3(concatBytes(Uint8Array.of(3), spentList), { key })
  return blake3(
    concatBytes(Uint8Array.of(6), genesisHash, computeTxid(tx), spentHash, u32(index)),
    {
      key,
    },
  )
}

describe('sighash', () => {
  it('is the formula of docs/protocol.md §5.3, and the pinned golden vector (a change is a hard fork)', () => {
    const ctx = createSighashContext({ tx, spent, genesisHash })
    expect(computeSighash(ctx, 0)).toEqual(specSighash(0))
    expect(computeSighash(ctx, 1)).toEqual(specSighash(1))
    expect(toHex(computeSighash(ctx, 0))).toBe(
      '907088e9b4c53d5d0473ee558b255455fe967c2699e839d5a286c91f8ef99976',
    )
    expect(toHex(computeSighash(ctx, 1))).toBe(
      '425663063b6152f1e020620ce9502dbc5d44efd8a79f6b391552be4515da7f76',
    )
  })

  it('keeps every context its own: many alive at once (past a shared slab) answer as each alone', () => {
    const variants = Array.from({ length: 1_200 }, (_, n) => ({
      ...tx,
      locktime: n,
    }))
    const contexts = variants.map((v) => createSighashContext({ tx: v, spent, genesisHash }))
    for (const n of [0, 1, 511, 512, 513, 1_199]) {
      const alone = createSighashContext({ tx: variants[n]!, spent, genesisHash })
      expect(toHex(computeSighash(contexts[n]!, 1))).toBe(toHex(computeSighash(alone, 1)))
      expect(toHex(computeSighash(contexts[n]!, 0))).toBe(toHex(computeSighash(alone, 0)))
    }
  })

  it('takes the txid a caller already has, and refuses inputs it cannot commit to', () => {
    const ctx = createSighashContext({ tx, txid: computeTxid(tx), spent, genesisHash })
    expect(computeSighash(ctx, 1)).toEqual(specSighash(1))
    expect(() => computeSighash(ctx, 2)).toThrow(RangeError)
    expect(() => createSighashContext({ tx, spent: [spent[0]!], genesisHash })).toThrow(RangeError)
    expect(() =>
      createSighashContext({ tx, spent, genesisHash: genesisHash.subarray(0, 31) }),
    ).toThrow(RangeError)
  })

  it('commits to every spent amount and lock, the outputs, locktime, payload, network and index', () => {
    const base = toHex(computeSighash(createSighashContext({ tx, spent, genesisHash }), 0))
    const variants = [
      createSighashContext({
        tx,
        spent: [spent[0]!, { ...spent[1]!, amount: 5_001n }],
        genesisHash,
      }),
      createSighashContext({ tx, spent: [spent[0]!, { ...spent[1]!, lock: a.lock }], genesisHash }),
      createSighashContext({ tx: { ...tx, outputs: [tx.outputs[0]!] }, spent, genesisHash }),
      createSighashContext({ tx: { ...tx, locktime: 78 }, spent, genesisHash }),
      createSighashContext({ tx: { ...tx, payload: utf8('memO') }, spent, genesisHash }),
      createSighashContext({
        tx: { ...tx, inputs: [tx.inputs[0]!, { ...tx.inputs[1]!, sequence: 6 }] },
        spent,
        genesisHash,
      }),
      createSighashContext({ tx, spent, genesisHash: hash('header', utf8('other')) }),
    ]
    for (const ctx of variants) expect(toHex(computeSighash(ctx, 0))).not.toBe(base)
    expect(toHex(computeSighash(createSighashContext({ tx, spent, genesisHash }), 1))).not.toBe(
      base,
    )
  })

  it('is not changed by witnesses', () => {
    const withWitness = {
      ...tx,
      witnesses: [
        {
          policy: a.policy,
          satisfaction: { type: 'signature' as const, signature: new Uint8Array(64) },
        },
      ],
    }
    expect(
      computeSighash(createSighashContext({ tx: withWitness, spent, genesisHash }), 0),
    ).toEqual(computeSighash(createSighashContext({ tx, spent, genesisHash }), 0))
  })
})
