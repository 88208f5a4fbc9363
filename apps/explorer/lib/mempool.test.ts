import { emptyFeeHistogram, MEMPOOL_FEE_RATE_EDGES } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import {
  bucketLabel,
  describeHistogram,
  formatFeeRateRange,
  histogramRows,
  MIN_SHOWN_BUCKETS,
  shortPeerId,
  toLocalTime,
} from './mempool'

function histogram(counts: Record<number, number>) {
  const h = emptyFeeHistogram()
  for (const [i, c] of Object.entries(counts)) {
    h[Number(i)]!.count = c
    h[Number(i)]!.bytes = c * 200
  }
  return h
}

describe('bucketLabel', () => {
  it('names [from, to) ranges and the open top bucket', () => {
    expect(bucketLabel({ from: 0, to: 1 })).toBe('0–1')
    expect(bucketLabel({ from: 500, to: 1000 })).toBe('500–1,000')
    expect(bucketLabel({ from: 1000, to: null })).toBe('≥ 1,000')
  })
})

describe('histogramRows', () => {
  it('an empty pool: the first buckets, all zero, no share', () => {
    const rows = histogramRows(emptyFeeHistogram())
    expect(rows).toHaveLength(MIN_SHOWN_BUCKETS)
    expect(rows.every((r) => r.count === 0 && r.share === 0)).toBe(true)
    expect(rows[0]).toMatchObject({ label: '0–1', description: '0 to 1 units per byte' })
  })

  it('shows every bucket up to the highest non-empty one, with shares', () => {
    const rows = histogramRows(histogram({ 1: 3, 9: 1 }))
    expect(rows).toHaveLength(10)
    expect(rows[1]).toMatchObject({ count: 3, bytes: 600, share: 0.75 })
    expect(rows[9]).toMatchObject({ label: '30–50', share: 0.25 })
  })

  it('the open top bucket', () => {
    const rows = histogramRows(histogram({ [MEMPOOL_FEE_RATE_EDGES.length - 1]: 2 }))
    expect(rows).toHaveLength(MEMPOOL_FEE_RATE_EDGES.length)
    expect(rows.at(-1)).toMatchObject({
      label: '≥ 1,000',
      description: '1,000 units per byte or more',
      share: 1,
    })
  })
})

describe('describeHistogram', () => {
  it('says the pool is empty, or where most transactions are', () => {
    expect(describeHistogram(histogramRows(emptyFeeHistogram()))).toMatch(/empty mempool/)
    expect(describeHistogram(histogramRows(histogram({ 1: 3, 4: 1 })))).toBe(
      '4 transactions by fee rate; the most (3) pay 1 to 2 units per byte.',
    )
    expect(describeHistogram(histogramRows(histogram({ 2: 1 })))).toMatch(/^1 transaction by/)
  })
})

describe('toLocalTime', () => {
  it('maps the node clock to ours through the report time, whatever the skew', () => {
    // The node's clock is 1 h ahead; it saw the tx 30 s before it answered.
    const hour = 3_600_000
    expect(toLocalTime(10 * hour - 30_000, 10 * hour, 9 * hour)).toBe(9 * hour - 30_000)
    // A first-seen time after the report (a broken clock) counts as just now.
    expect(toLocalTime(5_000, 1_000, 2_000)).toBe(2_000)
  })
})

describe('shortPeerId', () => {
  it('keeps the head and the tail of a long id', () => {
    expect(shortPeerId('12D3KooWAbCdEfGhIjKlMnOpQrStUv')).toBe('12D3KooW…StUv')
    expect(shortPeerId('short')).toBe('short')
  })
})

describe('formatFeeRateRange', () => {
  it('a range, or a single rate', () => {
    expect(formatFeeRateRange(1.5, 42.125)).toBe('1.5–42.13 units/byte')
    expect(formatFeeRateRange(2, 2)).toBe('2 units/byte')
    expect(formatFeeRateRange(1.304, 1.305)).toBe('1.3 units/byte')
    expect(formatFeeRateRange(1, 1234.4)).toBe('1–1,234 units/byte')
  })
})
