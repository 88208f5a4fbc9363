import { type Lock, TREASURY_LOCK, type Transaction, TX_VERSION } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { type CountedBlock, countBlocks, mergeCounts } from './blocks'

const MINER: Lock = { type: 'policy', policyHash: new Uint8Array(32).fill(7) }

function tx(kind: Transaction['kind'], outputs: Transaction['outputs'] = []): Transaction {
  return {
    version: TX_VERSION,
    kind,
    inputs: [],
    outputs,
    locktime: 0,
    payload: new Uint8Array(0),
    witnesses: [],
  }
}

function block(height: number, txs: Transaction[]): CountedBlock {
  return { height, block: { transactions: txs } }
}

describe('countBlocks', () => {
  it('counts transactions other than the coinbase', () => {
    const c = countBlocks({
      blocks: [
        block(1, [tx('coinbase', [{ amount: 50n, lock: MINER }])]),
        block(2, [tx('coinbase'), tx('transfer'), tx('transfer')]),
      ],
      treasuryLock: TREASURY_LOCK,
    })
    expect(c).toMatchObject({
      blocks: 2,
      transactions: 2,
      treasuryPaid: 0n,
      greenMinerDeclarations: 0,
    })
    expect(c.treasuryAllocations).toEqual([])
  })

  it('sums what coinbases pay the treasury lock, newest first', () => {
    const toTreasury = (amount: bigint) => ({ amount, lock: TREASURY_LOCK })
    const c = countBlocks({
      blocks: [
        block(5, [
          tx('coinbase', [{ amount: 100n, lock: MINER }, toTreasury(600n)]),
          tx('transfer'),
        ]),
        block(7, [tx('coinbase', [toTreasury(1_000n), toTreasury(1n)])]),
        block(6, [tx('coinbase', [{ amount: 100n, lock: MINER }])]),
      ],
      treasuryLock: TREASURY_LOCK,
    })
    expect(c.treasuryPaid).toBe(1_601n)
    expect(c.treasuryAllocations).toEqual([
      { height: 7, amount: 1_001n },
      { height: 5, amount: 600n },
    ])
  })

  it('does not count treasury-locked outputs of ordinary transactions as allocations', () => {
    const c = countBlocks({
      blocks: [block(3, [tx('coinbase'), tx('transfer', [{ amount: 9n, lock: TREASURY_LOCK }])])],
      treasuryLock: TREASURY_LOCK,
    })
    expect(c.treasuryPaid).toBe(0n)
    expect(c.transactions).toBe(1)
  })

  it('counts green-miner declarations (as transactions too)', () => {
    const c = countBlocks({
      blocks: [block(1, [tx('coinbase'), tx('greenMinerRegistration')])],
      treasuryLock: TREASURY_LOCK,
    })
    expect(c.greenMinerDeclarations).toBe(1)
    expect(c.transactions).toBe(1)
  })

  it('is all zero for no blocks', () => {
    expect(countBlocks({ blocks: [], treasuryLock: TREASURY_LOCK })).toEqual({
      blocks: 0,
      transactions: 0,
      treasuryPaid: 0n,
      treasuryAllocations: [],
      greenMinerDeclarations: 0,
    })
  })
})

describe('mergeCounts', () => {
  it('adds per-block counts up to the counts of all the blocks', () => {
    const blocks = [
      block(5, [tx('coinbase', [{ amount: 600n, lock: TREASURY_LOCK }]), tx('transfer')]),
      block(7, [tx('coinbase', [{ amount: 1_000n, lock: TREASURY_LOCK }])]),
      block(6, [tx('coinbase'), tx('greenMinerRegistration'), tx('transfer')]),
    ]
    const each = blocks.map((b) => countBlocks({ blocks: [b], treasuryLock: TREASURY_LOCK }))
    expect(mergeCounts(each)).toEqual(countBlocks({ blocks, treasuryLock: TREASURY_LOCK }))
    expect(mergeCounts([])).toEqual(countBlocks({ blocks: [], treasuryLock: TREASURY_LOCK }))
  })
})
