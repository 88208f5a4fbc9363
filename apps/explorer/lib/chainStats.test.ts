import { workForBits } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import {
  averageIntervalMs,
  blockIntervals,
  chainSeries,
  difficultyOf,
  estimateHashrate,
  type HeaderStats,
  volumeSeries,
} from './chainStats'

const EASY = 0x207fffff // devnet's pow limit: 2 expected hashes per block
const HARDER = 0x1f00ffff

/** Consecutive headers from height `from`, one per given timestamp. */
function headers(from: number, timestamps: number[], bits = EASY): HeaderStats[] {
  return timestamps.map((timestamp, i) => ({ height: from + i, timestamp, bits }))
}

describe('blockIntervals and averageIntervalMs', () => {
  it('measures each block against its parent, including out-of-order timestamps', () => {
    expect(blockIntervals(headers(5, [1000, 3000, 2500, 6000]))).toEqual([
      { height: 6, intervalMs: 2000 },
      { height: 7, intervalMs: -500 },
      { height: 8, intervalMs: 3500 },
    ])
  })

  it('averages over the whole span', () => {
    expect(averageIntervalMs(headers(1, [0, 1000, 3000, 9000]))).toBe(3000)
    // Genesis is left out: its timestamp is a chain constant, not when it was mined.
    expect(averageIntervalMs(headers(0, [-86_400_000, 1000, 3000, 9000]))).toBe(4000)
    expect(averageIntervalMs(headers(0, [5]))).toBeUndefined()
    expect(averageIntervalMs([])).toBeUndefined()
  })

  it('refuses headers that are not consecutive', () => {
    const gap = [...headers(0, [0, 1]), { height: 3, timestamp: 2, bits: EASY }]
    expect(() => blockIntervals(gap)).toThrow(/1 is followed by 3/)
    expect(() => averageIntervalMs(gap)).toThrow(RangeError)
    expect(() => estimateHashrate(gap)).toThrow(RangeError)
  })
})

describe('difficultyOf', () => {
  it('is 1 at the pow limit and the work ratio above it', () => {
    expect(difficultyOf(EASY, EASY)).toBe(1)
    const ratio = Number(workForBits(HARDER)) / Number(workForBits(EASY))
    expect(difficultyOf(HARDER, EASY)).toBeCloseTo(ratio, 3)
  })

  it('keeps decimals below the limit', () => {
    expect(difficultyOf(EASY, HARDER)).toBeCloseTo(
      Number(workForBits(EASY)) / Number(workForBits(HARDER)),
      6,
    )
  })
})

describe('estimateHashrate', () => {
  it('is the work after the oldest block over the span in seconds', () => {
    // Three blocks of work 2 after the oldest, in 6 s: 1 H/s.
    expect(estimateHashrate(headers(10, [0, 2000, 4000, 6000]))).toBe(1)
    const hard = headers(10, [0, 10_000, 20_000], HARDER)
    expect(estimateHashrate(hard)).toBeCloseTo((Number(workForBits(HARDER)) * 2) / 20, 6)
  })

  it('is undefined without a positive span', () => {
    expect(estimateHashrate(headers(0, [1000]))).toBeUndefined()
    expect(estimateHashrate(headers(0, [1000, 1000]))).toBeUndefined()
    expect(estimateHashrate(headers(0, [1000, 900]))).toBeUndefined()
  })
})

describe('chainSeries', () => {
  it('gives every block after the oldest its interval, difficulty and rolling hashrate', () => {
    const series = chainSeries({
      headers: headers(100, [0, 1000, 3000, 4000, 8000]),
      powLimitBits: EASY,
      window: 2,
    })
    expect(series.map((p) => p.height)).toEqual([101, 102, 103, 104])
    expect(series.map((p) => p.intervalS)).toEqual([1, 2, 1, 4])
    expect(series.every((p) => p.difficulty === 1)).toBe(true)
    // window 2: block 103 spans 101..103 (4 work over 3 s), block 104 spans 102..104 (4 over 5 s).
    expect(series.map((p) => p.hashrate)).toEqual([2, 4 / 3, 4 / 3, 4 / 5])
  })

  it('returns nothing for fewer than two headers and refuses a bad window', () => {
    expect(chainSeries({ headers: headers(0, [0]), powLimitBits: EASY })).toEqual([])
    expect(() => chainSeries({ headers: [], powLimitBits: EASY, window: 0 })).toThrow(RangeError)
  })
})

describe('volumeSeries', () => {
  it('sorts by height, drops duplicates and counts transfers apart from the coinbase', () => {
    expect(
      volumeSeries([
        { height: 3, timestamp: 30, txCount: 4 },
        { height: 1, timestamp: 10, txCount: 1 },
        { height: 3, timestamp: 30, txCount: 4 },
      ]),
    ).toEqual([
      { height: 1, timestamp: 10, txCount: 1, transfers: 0, coinbase: 1 },
      { height: 3, timestamp: 30, txCount: 4, transfers: 3, coinbase: 1 },
    ])
  })
})
