import type { TrackedTransaction } from '@supernova/light-client'
import { describe, expect, it } from 'vitest'
import { isUnsettled, outstandingPayments, type TrackedPayment } from './payments'

const payment = (txid: string, tracked: Partial<TrackedTransaction>): TrackedPayment => ({
  txid,
  recipient: 'dnova1…',
  amount: 10n,
  fee: 1n,
  held: 20n,
  spent: [],
  tracked: { txid, state: 'broadcast', size: 200, updatedAt: 0, ...tracked },
})

describe('isUnsettled', () => {
  it('is true until a verified block (or a final verdict) settles it', () => {
    expect(isUnsettled(payment('a', { state: 'broadcast' }))).toBe(true)
    expect(isUnsettled(payment('a', { state: 'pending' }))).toBe(true)
    for (const state of ['confirmed', 'final', 'replaced', 'dropped'] as const)
      expect(isUnsettled(payment('a', { state }))).toBe(false)
  })
})

describe('outstandingPayments', () => {
  const list = [
    payment('pending', { state: 'pending' }),
    payment('in-10', { state: 'confirmed', block: { hash: 'x', height: 10 } }),
    payment('final-5', { state: 'final', block: { hash: 'y', height: 5 } }),
    payment('dropped', { state: 'dropped' }),
  ]
  it('keeps payments a balance at that height does not reflect yet', () => {
    expect(outstandingPayments(list, 9).map((p) => p.txid)).toEqual(['pending', 'in-10'])
    expect(outstandingPayments(list, 10).map((p) => p.txid)).toEqual(['pending'])
    expect(outstandingPayments(list, undefined).map((p) => p.txid)).toEqual([
      'pending',
      'in-10',
      'final-5',
    ])
  })
})
