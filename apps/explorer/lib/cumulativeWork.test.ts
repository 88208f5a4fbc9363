import { workForBits } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { cumulativeWorkAt, planCumulativeWork, sumWork, type WorkHeader } from './cumulativeWork'

const EASY = 0x207fffff // work 2
const HARD = 0x1f00ffff

const header = (height: number, bits = EASY): WorkHeader => ({
  height,
  bits,
  hash: new Uint8Array(32).fill(height),
})

describe('sumWork', () => {
  it('adds each header’s expected hashes', () => {
    expect(sumWork([])).toBe(0n)
    expect(sumWork([header(0), header(1)])).toBe(4n)
    expect(sumWork([header(0), header(1, HARD)])).toBe(2n + workForBits(HARD))
  })
})

describe('cumulativeWorkAt', () => {
  // Genesis..10 at work 2 each: 22 in all.
  const tip = { height: 10, hash: header(10).hash, cumulativeWork: 22n }
  const above = (from: number) => Array.from({ length: 10 - from + 1 }, (_, i) => header(from + i))

  it('subtracts the work above from the tip’s total', () => {
    expect(cumulativeWorkAt({ height: 7, tip, above: above(8) })).toBe(16n)
    expect(cumulativeWorkAt({ height: 0, tip, above: above(1) })).toBe(2n)
    expect(cumulativeWorkAt({ height: 10, tip, above: [] })).toBe(22n)
  })

  it('is undefined when the headers were read against another tip', () => {
    expect(cumulativeWorkAt({ height: 7, tip, above: above(8).slice(0, 2) })).toBeUndefined()
    const otherTip = { ...tip, hash: new Uint8Array(32).fill(99) }
    expect(cumulativeWorkAt({ height: 7, tip: otherTip, above: above(8) })).toBeUndefined()
    const gap = [header(8), header(10), header(10)]
    expect(cumulativeWorkAt({ height: 7, tip, above: gap })).toBeUndefined()
    expect(cumulativeWorkAt({ height: 11, tip, above: [] })).toBeUndefined()
  })
})

describe('planCumulativeWork', () => {
  it('reads the shorter side within the bound', () => {
    expect(planCumulativeWork(100, 100, 2000)).toEqual({ kind: 'at-tip' })
    expect(planCumulativeWork(95, 100, 2000)).toEqual({
      kind: 'from-tip',
      fromHeight: 96,
      count: 5,
    })
    expect(planCumulativeWork(3, 100, 2000)).toEqual({ kind: 'from-genesis', count: 4 })
    expect(planCumulativeWork(5000, 9000, 2000)).toEqual({ kind: 'too-far' })
    expect(planCumulativeWork(1000, 9000, 2000)).toEqual({ kind: 'from-genesis', count: 1001 })
    expect(planCumulativeWork(8000, 9000, 2000)).toEqual({
      kind: 'from-tip',
      fromHeight: 8001,
      count: 1000,
    })
    expect(planCumulativeWork(101, 100, 2000)).toEqual({ kind: 'too-far' })
  })
})
