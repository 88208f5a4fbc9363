import { describe, expect, it } from 'vitest'
import { medianTimePast, nextBitsAsert } from '../../src/pow/asert.js'
import { bitsToTarget } from '../../src/pow/target.js'

const params = {
  anchorBits: 0x1d00ffff,
  anchorHeight: 0,
  anchorParentTimestamp: 1_000_000,
  targetBlockTimeMs: 600_000,
  halfLifeMs: 172_800_000,
  powLimitBits: 0x1d00ffff,
}

describe('ASERT (aserti3-2d)', () => {
  it('keeps the anchor target when the chain is exactly on schedule', () => {
    for (const h of [0, 1, 10, 1000]) {
      const parent = {
        height: h,
        timestamp: params.anchorParentTimestamp + params.targetBlockTimeMs * (h + 1),
      }
      expect(nextBitsAsert(params, parent)).toBe(params.anchorBits)
    }
  })

  it('halves the target one half-life ahead of schedule and doubles it one half-life behind', () => {
    const harder = { ...params, powLimitBits: 0x1e00ffff }
    const onTime = params.anchorParentTimestamp + params.targetBlockTimeMs * 11
    const ahead = nextBitsAsert(harder, { height: 10, timestamp: onTime - params.halfLifeMs })
    const behind = nextBitsAsert(harder, { height: 10, timestamp: onTime + params.halfLifeMs })
    const anchor = bitsToTarget(params.anchorBits)
    expect(bitsToTarget(ahead)).toBe(anchor / 2n)
    expect(bitsToTarget(behind)).toBe(anchor * 2n)
  })

  it('is clamped to the PoW limit', () => {
    const parent = { height: 5, timestamp: params.anchorParentTimestamp + 10 * params.halfLifeMs }
    expect(nextBitsAsert(params, parent)).toBe(params.powLimitBits)
  })

  it('moves monotonically with time (later parent → easier target)', () => {
    let last = 0n
    for (let dt = -5 * params.halfLifeMs; dt <= 0; dt += params.halfLifeMs / 7) {
      const t = bitsToTarget(
        nextBitsAsert(params, {
          height: 100,
          timestamp: params.anchorParentTimestamp + 101 * params.targetBlockTimeMs + Math.round(dt),
        }),
      )
      expect(t >= last).toBe(true)
      last = t
    }
  })

  it('approximates 2^x within 0.013% at a quarter half-life (cubic approximation)', () => {
    const harder = { ...params, powLimitBits: 0x1e00ffff }
    const parent = {
      height: 10,
      timestamp:
        params.anchorParentTimestamp + params.targetBlockTimeMs * 11 + params.halfLifeMs / 4,
    }
    const t = Number(bitsToTarget(nextBitsAsert(harder, parent)))
    const ideal = Number(bitsToTarget(params.anchorBits)) * 2 ** 0.25
    expect(Math.abs(t / ideal - 1)).toBeLessThan(1.3e-4)
  })
})

describe('medianTimePast', () => {
  it('takes the median of the last 11 timestamps', () => {
    expect(medianTimePast([5, 1, 3])).toBe(3)
    expect(medianTimePast(Array.from({ length: 20 }, (_, i) => i))).toBe(14)
    expect(() => medianTimePast([])).toThrow(RangeError)
  })
})
