import {
  blockSubsidy,
  computeTxid,
  createCoinbase,
  DEVNET,
  encodeBlock,
  type Header,
  type Lock,
  type Transaction,
  toHex,
} from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { type BlockLike, latestTransactions, outputsInBlock, summarizeBlock } from './blockSummary'

const LOCK: Lock = { type: 'ed25519', policyHash: new Uint8Array(32).fill(7) }
const HEADER: Header = {
  version: 1,
  height: 12,
  prevHash: new Uint8Array(32),
  timestamp: 1_700_000_000_000,
  bits: 0x207fffff,
  nonce: 0n,
  txRoot: new Uint8Array(32),
  utxoRoot: new Uint8Array(32),
  filterHash: new Uint8Array(32),
  validatorSetHash: new Uint8Array(32),
  randomness: new Uint8Array(32),
}

function transfer(spend: Uint8Array, amounts: bigint[]): Transaction {
  return {
    version: 1,
    kind: 'transfer',
    inputs: [{ prevout: { txid: spend, vout: 0 }, sequence: 0xffffffff }],
    outputs: amounts.map((amount) => ({ amount, lock: LOCK })),
    locktime: 0,
    payload: new Uint8Array(0),
    witnesses: [
      {
        policy: { type: 'key', key: { scheme: 'ed25519', publicKey: new Uint8Array(32).fill(1) } },
        satisfaction: { type: 'signature', signature: new Uint8Array(64).fill(2) },
      },
    ],
  }
}

function blockAt(height: number, transactions: Transaction[]): BlockLike & { header: Header } {
  return {
    header: { ...HEADER, height },
    block: { transactions },
    txids: transactions.map(computeTxid),
    height,
  }
}

const coinbase = createCoinbase({
  height: 12,
  outputs: [
    { amount: 50n, lock: LOCK },
    { amount: 7n, lock: LOCK },
  ],
})
const parent = transfer(new Uint8Array(32).fill(9), [1000n, 20n])
const child = transfer(computeTxid(parent), [900n])
const block = blockAt(12, [coinbase, parent, child])

describe('summarizeBlock', () => {
  it('counts, sizes and sums the transactions', () => {
    const summary = summarizeBlock(block, DEVNET)
    expect(summary.txCount).toBe(3)
    expect(summary.size).toBe(
      encodeBlock({ header: block.header, transactions: block.block.transactions }).length,
    )
    expect(summary.coinbaseTotal).toBe(57n)
    expect(summary.subsidy).toBe(blockSubsidy(DEVNET, 12))
    expect(summary.rows.map((r) => [r.index, r.kind, r.inputs, r.outputs, r.outputsTotal])).toEqual(
      [
        [0, 'coinbase', 0, 2, 57n],
        [1, 'transfer', 1, 2, 1020n],
        [2, 'transfer', 1, 1, 900n],
      ],
    )
    expect(summary.rows[1]!.txid).toBe(toHex(computeTxid(parent)))
  })

  it('refuses txids that do not pair with the transactions', () => {
    expect(() => summarizeBlock({ ...block, txids: block.txids.slice(1) }, DEVNET)).toThrow(
      /2 txids for 3 transactions/,
    )
  })
})

describe('outputsInBlock', () => {
  it('maps every output of the block by txid:vout', () => {
    const outputs = outputsInBlock(block)
    expect(outputs.get(`${toHex(computeTxid(parent))}:1`)).toEqual({ amount: 20n, lock: LOCK })
    expect(outputs.get(`${toHex(computeTxid(child))}:0`)?.amount).toBe(900n)
    expect(outputs.size).toBe(5)
  })
})

describe('latestTransactions', () => {
  it('lists the newest block first, its last transaction first, up to the limit', () => {
    const older = blockAt(11, [
      createCoinbase({ height: 11, outputs: [{ amount: 3n, lock: LOCK }] }),
    ])
    const latest = latestTransactions([older, block], 10)
    expect(latest.map((t) => [t.height, t.index])).toEqual([
      [12, 2],
      [12, 1],
      [12, 0],
      [11, 0],
    ])
    expect(latestTransactions([older, block], 2).map((t) => t.index)).toEqual([2, 1])
    expect(latestTransactions([], 5)).toEqual([])
  })
})
