import {
  type Block,
  createGenesis,
  DEVNET,
  type OutPoint,
  SEQUENCE_FINAL,
  type Transaction,
  TX_VERSION,
  toHex,
  type UtxoEntry,
} from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { blockEffects } from '../../src/chain/effects.js'
import { alice, bob, miner } from '../helpers/chain.js'

const id = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (n * 31 + i) & 0xff)
const tx = (kind: Transaction['kind'], inputs: OutPoint[], outputs: [bigint, typeof alice][]) =>
  ({
    version: TX_VERSION,
    kind,
    inputs: inputs.map((prevout) => ({ prevout, sequence: SEQUENCE_FINAL })),
    outputs: outputs.map(([amount, who]) => ({ amount, lock: who.lock })),
    locktime: 0,
    payload: new Uint8Array(0),
    witnesses: [],
  }) as Transaction

// Two coins from the set: alice's and bob's.
const coinA = { outpoint: { txid: id(1), vout: 0 }, entry: entry(100n, alice, 5) }
const coinB = { outpoint: { txid: id(2), vout: 3 }, entry: entry(40n, bob, 7) }
function entry(amount: bigint, who: typeof alice, height: number): UtxoEntry {
  return { amount, lock: who.lock, height, coinbase: false }
}

// coinbase; t1 spends alice's coin into bob 60 + alice 39; t2 spends t1:0 and bob's coin to alice.
const txids = [id(10), id(11), id(12)]
const block: Block = {
  header: createGenesis(DEVNET).block.header,
  transactions: [
    tx('coinbase', [], [[50n, miner]]),
    tx(
      'transfer',
      [coinA.outpoint],
      [
        [60n, bob],
        [39n, alice],
      ],
    ),
    tx('transfer', [{ txid: txids[1]!, vout: 0 }, coinB.outpoint], [[99n, alice]]),
  ],
}

const show = (o: OutPoint) => `${toHex(o.txid).slice(0, 4)}:${o.vout}`

describe('blockEffects', () => {
  it('derives created, spent, spenders and per-lock history, outputs spent within the block included', () => {
    const e = blockEffects(block, txids, 20, [coinA, coinB])
    // t1:0 is spent by t2 in the same block: never created in the set.
    expect(e.created.map((c) => show(c.outpoint))).toEqual([
      show({ txid: txids[0]!, vout: 0 }),
      show({ txid: txids[1]!, vout: 1 }),
      show({ txid: txids[2]!, vout: 0 }),
    ])
    expect(e.created[0]!.entry).toMatchObject({ amount: 50n, height: 20, coinbase: true })
    expect(e.spentFromSet).toEqual([coinA, coinB])
    expect(e.spenders.map((s) => [show(s.outpoint), toHex(s.txid).slice(0, 4), s.input])).toEqual([
      [show(coinA.outpoint), toHex(txids[1]!).slice(0, 4), 0],
      [show({ txid: txids[1]!, vout: 0 }), toHex(txids[2]!).slice(0, 4), 0],
      [show(coinB.outpoint), toHex(txids[2]!).slice(0, 4), 1],
    ])
    const who = (l: typeof alice.lock) =>
      [alice, bob, miner].find((a) => toHex(a.lock.policyHash) === toHex(l.policyHash))
    expect(
      e.history.map((h) => [
        h.tx,
        who(h.lock) === alice ? 'alice' : who(h.lock) === bob ? 'bob' : 'miner',
        h.received,
        h.sent,
      ]),
    ).toEqual([
      [0, 'miner', 50n, 0n],
      [1, 'alice', 39n, 100n],
      [1, 'bob', 60n, 0n],
      // t2 spends bob's 60 (from t1) and bob's 40 (from the set), pays alice 99.
      [2, 'bob', 0n, 100n],
      [2, 'alice', 99n, 0n],
    ])
  })

  it('refuses spent entries that do not match the inputs', () => {
    expect(() => blockEffects(block, txids, 20, [coinB, coinA])).toThrow(RangeError)
    expect(() => blockEffects(block, txids, 20, [coinA])).toThrow(RangeError)
    expect(() => blockEffects(block, txids, 20, [coinA, coinB, coinB])).toThrow(RangeError)
  })
})
