import { workForBits } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { EnergyInputError } from './energy'
import { hashrateSeries, measureHashrate, type WindowHeader } from './hashrate'

// 0x207fffff: target 0x7fffff·2^232 ≈ 2^255 → 2 expected hashes per block (the devnet's limit).
const EASY = 0x207fffff
// 0x1d00ffff: Bitcoin's genesis target, 2^32 + 2^16 + … expected hashes (4295032833).
const BTC = 0x1d00ffff

function chain(n: number, intervalMs: number, bits = EASY, start = 1_000): WindowHeader[] {
  return Array.from({ length: n }, (_, i) => ({
    height: 10 + i,
    timestamp: start + i * intervalMs,
    bits,
  }))
}

function code(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(EnergyInputError)
    return (e as EnergyInputError).code
  }
  throw new Error('did not throw')
}

describe('measureHashrate', () => {
  it('divides the work of every block after the first by the time span', () => {
    // 5 headers, 4 blocks of 2 expected hashes each, 1 s apart: 8 hashes in 4 s = 2 H/s.
    expect(workForBits(EASY)).toBe(2n)
    const w = measureHashrate(chain(5, 1_000))
    expect(w).toMatchObject({ fromHeight: 10, toHeight: 14, blocks: 4, work: 8n, spanMs: 4_000 })
    expect(w.meanIntervalMs).toBe(1_000)
    expect(w.hashrate).toBe(2)
  })

  it('uses each block’s own bits (a retarget inside the window)', () => {
    const headers = chain(3, 5_000)
    headers[2] = { ...headers[2]!, bits: BTC }
    // work = 2 + 4295032833 over 10 s.
    const w = measureHashrate(headers)
    expect(w.work).toBe(2n + workForBits(BTC))
    expect(w.hashrate).toBeCloseTo((2 + 4_295_032_833) / 10, 6)
  })

  it('ignores the first header’s own work (it only opens the window)', () => {
    const headers = chain(2, 2_000)
    headers[0] = { ...headers[0]!, bits: BTC }
    expect(measureHashrate(headers).work).toBe(2n)
  })

  it('refuses short, timeless or gapped windows', () => {
    expect(code(() => measureHashrate([]))).toBe('SHORT_WINDOW')
    expect(code(() => measureHashrate(chain(1, 1_000)))).toBe('SHORT_WINDOW')
    expect(code(() => measureHashrate(chain(3, 0)))).toBe('SHORT_WINDOW')
    const gap = chain(3, 1_000)
    gap[2] = { ...gap[2]!, height: 99 }
    expect(code(() => measureHashrate(gap))).toBe('NOT_CONSECUTIVE')
  })
})

describe('hashrateSeries', () => {
  it('splits the blocks into windows sharing their boundary headers', () => {
    // 9 headers = 8 blocks into 4 buckets of 2 blocks: heights 10-12, 12-14, 14-16, 16-18.
    const s = hashrateSeries(chain(9, 1_000), 4)
    expect(s.map((w) => [w.fromHeight, w.toHeight])).toEqual([
      [10, 12],
      [12, 14],
      [14, 16],
      [16, 18],
    ])
    expect(s.every((w) => w.hashrate === 2)).toBe(true)
  })

  it('never makes more buckets than blocks and covers every block once', () => {
    const s = hashrateSeries(chain(4, 1_000), 10)
    expect(s).toHaveLength(3)
    expect(s.reduce((n, w) => n + w.blocks, 0)).toBe(3)
    const uneven = hashrateSeries(chain(11, 1_000), 3)
    expect(uneven.reduce((n, w) => n + w.blocks, 0)).toBe(10)
  })

  it('leaves out windows in which no time elapsed, and is empty below two headers', () => {
    const headers = chain(5, 1_000)
    headers[1] = { ...headers[1]!, timestamp: headers[0]!.timestamp }
    expect(hashrateSeries(headers, 4).map((w) => w.fromHeight)).toEqual([11, 12, 13])
    expect(hashrateSeries(chain(1, 1_000), 4)).toEqual([])
    expect(() => hashrateSeries(chain(3, 1_000), 0)).toThrow(RangeError)
  })
})
