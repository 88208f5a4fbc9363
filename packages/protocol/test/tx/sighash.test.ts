import { describe, expect, it } from 'vitest'
import { toHex, utf8 } from '../../src/bytes.js'
import { hash } from '../../src/hash/blake3.js'
import { devnetAccount } from '../../src/params/devnetAccounts.js'
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

describe('sighash', () => {
  it('matches the pinned golden vector (consensus: any change here is a hard fork)', () => {
    const ctx = createSighashContext({ tx, spent, genesisHash })
    expect(toHex(computeSighash(ctx, 0))).toBe(
      'ea58a66e1f5d75e5181a65d1f2b3ec5b8554ee9054b0548da2959d4331d15d16',
    )
    expect(toHex(computeSighash(ctx, 1))).toBe(
      '3ab7ca484768b1636a8087f16b1d651ba72482bed8762b6adfd32f14d782a4df',
    )
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
