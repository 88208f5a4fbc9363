import type { AddressHistoryEntry, AddressUpdate, Verification } from '@supernova/light-client'
import { describe, expect, it } from 'vitest'
import {
  historyVerification,
  latestTip,
  mergeHistory,
  scannedHeight,
  sumBalances,
  usedAddresses,
  watchedAddresses,
} from './walletActivity'

const at = (height: number, tip = 20): Verification => ({
  status: 'verified',
  header: { hash: new Uint8Array(32).fill(height), height },
  depth: tip - height,
})

const entry = (
  txid: number,
  height: number,
  received: bigint,
  sent: bigint,
): AddressHistoryEntry => ({
  txid: new Uint8Array(32).fill(txid),
  blockHash: new Uint8Array(32).fill(100 + height),
  height,
  index: 1,
  outputs: [],
  spends: [],
  received,
  sent,
  verification: at(height),
})

const update = (
  tip: number,
  balance: {
    total: bigint
    spendable: bigint
    utxoCount: number
    height: number
    complete?: boolean
  },
  history: AddressHistoryEntry[] = [],
): AddressUpdate =>
  ({
    tip: { height: tip, hash: new Uint8Array(32), header: {} },
    balance: {
      total: balance.total,
      spendable: balance.spendable,
      utxoCount: balance.utxoCount,
      complete: balance.complete ?? true,
      verification: at(balance.height, tip),
    },
    newEntries: [],
    history,
  }) as unknown as AddressUpdate

describe('sumBalances', () => {
  it('waits for every watched address before summing', () => {
    const updates = new Map([
      ['a', update(20, { total: 5n, spendable: 5n, utxoCount: 1, height: 20 })],
    ])
    expect(sumBalances(updates, ['a', 'b'])).toBeUndefined()
    expect(sumBalances(updates, [])).toBeUndefined()
  })

  it('sums balances proven against one header', () => {
    const updates = new Map([
      ['a', update(20, { total: 5n, spendable: 3n, utxoCount: 2, height: 20 })],
      ['b', update(20, { total: 7n, spendable: 7n, utxoCount: 1, height: 20, complete: false })],
    ])
    const sum = sumBalances(updates, ['a', 'b'])!
    expect(sum).toMatchObject({
      total: 12n,
      spendable: 10n,
      utxoCount: 3,
      addresses: 2,
      complete: false,
    })
    expect(sum.verification.header.height).toBe(20)
  })

  it('refuses to mix headers (a payment and its change would be counted wrong)', () => {
    const updates = new Map([
      ['a', update(20, { total: 5n, spendable: 5n, utxoCount: 1, height: 20 })],
      ['b', update(19, { total: 7n, spendable: 7n, utxoCount: 1, height: 19 })],
    ])
    expect(sumBalances(updates, ['a', 'b'])).toBeUndefined()
    expect(scannedHeight(updates, ['a', 'b'])).toBe(19)
    expect(scannedHeight(updates, ['a', 'c'])).toBeUndefined()
  })
})

describe('mergeHistory', () => {
  it('merges a payment seen by two addresses into one row with its net effect', () => {
    const updates = new Map([
      [
        'spent-from',
        update(20, { total: 0n, spendable: 0n, utxoCount: 0, height: 20 }, [
          entry(1, 10, 100n, 0n),
          entry(2, 15, 0n, 100n),
        ]),
      ],
      [
        'change',
        update(20, { total: 60n, spendable: 60n, utxoCount: 1, height: 20 }, [
          entry(2, 15, 60n, 0n),
        ]),
      ],
    ])
    const rows = mergeHistory(updates, 20)
    expect(rows.map((r) => [r.height, r.net, r.confirmations])).toEqual([
      [15, -40n, 6],
      [10, 100n, 11],
    ])
    expect(rows[0]).toMatchObject({ received: 60n, sent: 100n, txid: '02'.repeat(32) })
  })

  it('leaves out blocks not every address was scanned through', () => {
    const updates = new Map([
      [
        'a',
        update(20, { total: 0n, spendable: 0n, utxoCount: 0, height: 20 }, [
          entry(2, 15, 0n, 100n),
        ]),
      ],
    ])
    expect(mergeHistory(updates, 20, 14)).toEqual([])
    expect(mergeHistory(updates, 20, 15)).toHaveLength(1)
  })

  it('is empty without history', () => {
    expect(mergeHistory(new Map(), 5)).toEqual([])
  })
})

describe('latestTip and usedAddresses', () => {
  it('finds the highest tip and the addresses with history', () => {
    const updates = new Map([
      [
        'a',
        update(20, { total: 0n, spendable: 0n, utxoCount: 0, height: 20 }, [entry(1, 3, 1n, 0n)]),
      ],
      ['b', update(22, { total: 0n, spendable: 0n, utxoCount: 0, height: 22 })],
    ])
    expect(latestTip(updates)).toBe(22)
    expect(latestTip(new Map())).toBeUndefined()
    expect(usedAddresses(updates, ['a', 'b', 'c'])).toEqual(['a'])
  })
})

describe('watchedAddresses', () => {
  const tree = (n: number) =>
    (['receive', 'change'] as const).flatMap((chain) =>
      Array.from({ length: n }, (_, index) => ({ address: `${chain[0]}${index}`, chain, index })),
    )

  it('watches every index up to the next unused one on each chain', () => {
    expect(watchedAddresses(tree(20), { receive: 0, change: 0 })).toEqual(['r0', 'c0'])
    expect(watchedAddresses(tree(20), { receive: 2, change: 1 })).toEqual([
      'r0',
      'r1',
      'r2',
      'c0',
      'c1',
    ])
  })

  it('keeps the newest of both chains under the cap', () => {
    expect(watchedAddresses(tree(20), { receive: 9, change: 1 }, 4)).toEqual([
      'r8',
      'r9',
      'c0',
      'c1',
    ])
    expect(watchedAddresses(tree(20), { receive: 19, change: 19 }, 3)).toEqual([
      'r18',
      'r19',
      'c19',
    ])
  })
})

describe('historyVerification', () => {
  it('rests on the lowest scanned tip, once every address reported', () => {
    const updates = new Map([
      ['a', update(20, { total: 0n, spendable: 0n, utxoCount: 0, height: 20 })],
      ['b', update(18, { total: 0n, spendable: 0n, utxoCount: 0, height: 18 })],
    ])
    expect(historyVerification(updates, ['a', 'b', 'c'], 20)).toBeUndefined()
    expect(historyVerification(updates, ['a', 'b'], 21)).toMatchObject({
      status: 'verified',
      header: { height: 18 },
      depth: 3,
    })
  })
})
