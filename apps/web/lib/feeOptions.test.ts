import type { FeeChoice, FeeEstimate } from '@supernova/light-client'
import { describe, expect, it } from 'vitest'
import { describeFeeAdvice, feeOptions, selectFee, shortPeerId } from './feeOptions'

const choice = (speed: FeeChoice['speed'], feeRate: bigint, targetBlocks: number): FeeChoice => ({
  speed,
  feeRate,
  targetBlocks,
  expectedWaitMs: targetBlocks * 1_000,
  median: feeRate,
  clamped: 'none',
})

const fees = {
  fast: choice('fast', 5n, 1),
  normal: choice('normal', 3n, 6),
  slow: choice('slow', 1n, 24),
  minFeeRate: 1n,
  maxFeeRate: 10_000n,
  answers: [],
  failures: [],
  floorOnly: false,
  verification: { status: 'unverified', peers: [], reason: 'advice' },
} satisfies FeeEstimate

describe('feeOptions', () => {
  it('offers fast, normal and slow with their rate and expected wait', () => {
    expect(feeOptions('devnet', fees)).toEqual([
      { id: 'fast', label: 'Fast', feeRate: 5n, expectedWaitMs: 1_000, targetBlocks: 1 },
      { id: 'normal', label: 'Normal', feeRate: 3n, expectedWaitMs: 6_000, targetBlocks: 6 },
      { id: 'slow', label: 'Slow', feeRate: 1n, expectedWaitMs: 24_000, targetBlocks: 24 },
    ])
  })

  it('offers only the chain’s relay floor without advice', () => {
    expect(feeOptions('devnet', undefined)).toEqual([
      { id: 'floor', label: 'Network minimum', feeRate: 1n },
    ])
  })
})

describe('selectFee', () => {
  it('keeps the choice, falls back to normal, then to what there is', () => {
    const options = feeOptions('devnet', fees)
    expect(selectFee(options, 'slow').id).toBe('slow')
    expect(selectFee(options, 'floor').id).toBe('normal')
    expect(selectFee(feeOptions('devnet', undefined), 'fast').id).toBe('floor')
    expect(() => selectFee([], 'fast')).toThrow(RangeError)
  })
})

describe('describeFeeAdvice', () => {
  const a = '12D3KooWAbCdEfGhIjKlMnOpQrStUvWxYz0123456789aaaa'
  const b = '12D3KooWZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210bbbb'

  it('names the nodes that answered (shortened) and says no proof backs the advice', () => {
    const text = describeFeeAdvice({
      ...fees,
      verification: { status: 'unverified', peers: [a, b], reason: 'advice' },
    })
    expect(text).toBe(
      'Advice from 2 nodes (12D3Ko…aaaa, 12D3Ko…bbbb): an estimate of their mempools, which no proof can check. Clamped between 1 and 10000 units/byte.',
    )
    expect(
      describeFeeAdvice({
        ...fees,
        verification: { status: 'unverified', peers: [a], reason: '' },
      }),
    ).toMatch(/^Advice from 1 node \(12D3Ko…aaaa\):/)
  })

  it('keeps short ids whole', () => {
    expect(shortPeerId('peer-1')).toBe('peer-1')
    expect(shortPeerId(a)).toBe('12D3Ko…aaaa')
  })
})
