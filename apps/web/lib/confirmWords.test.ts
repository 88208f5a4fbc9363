import { describe, expect, it } from 'vitest'
import {
  type FillRandom,
  normalizeWord,
  pickConfirmationPositions,
  wrongConfirmationWords,
} from './confirmWords'

/** A random source replaying `values` (then zeros). */
const replay =
  (values: number[]): FillRandom =>
  (buf) => {
    buf[0] = values.shift() ?? 0
    return buf
  }

describe('pickConfirmationPositions', () => {
  it('returns distinct ascending positions in range', () => {
    for (let i = 0; i < 200; i++) {
      const p = pickConfirmationPositions(12)
      expect(p).toHaveLength(3)
      expect(new Set(p).size).toBe(3)
      expect([...p].sort((a, b) => a - b)).toEqual(p)
      for (const x of p) expect(x >= 0 && x < 12).toBe(true)
    }
  })

  it('draws from crypto.getRandomValues by default and covers every position', () => {
    const seen = new Set<number>()
    for (let i = 0; i < 300; i++) for (const x of pickConfirmationPositions(24, 4)) seen.add(x)
    expect(seen.size).toBe(24)
  })

  it('is a partial Fisher–Yates shuffle of the injected values', () => {
    // 0 keeps position 0; 11 % 11 = 0 picks pool[1] = 1; 5 % 10 picks pool[2 + 5] = 7.
    expect(pickConfirmationPositions(12, 3, replay([0, 11, 5]))).toEqual([0, 1, 7])
  })

  it('rejects values that would bias the result', () => {
    // 2^32 - 1 is above the largest multiple of 12 below 2^32: it is drawn again.
    expect(pickConfirmationPositions(12, 1, replay([2 ** 32 - 1, 5]))).toEqual([5])
    expect(() => pickConfirmationPositions(12, 1, () => new Uint32Array([2 ** 32 - 1]))).toThrow(
      /out of range/,
    )
  })

  it('refuses impossible counts', () => {
    expect(() => pickConfirmationPositions(12, 0)).toThrow(RangeError)
    expect(() => pickConfirmationPositions(12, 13)).toThrow(RangeError)
    expect(() => pickConfirmationPositions(0)).toThrow(RangeError)
  })
})

describe('wrongConfirmationWords', () => {
  const words = ['abandon', 'ability', 'able', 'about']
  it('lists the positions typed wrong, forgiving case and spaces', () => {
    expect(wrongConfirmationWords(words, [1, 3], [' Ability ', 'ABOUT'])).toEqual([])
    expect(wrongConfirmationWords(words, [1, 3], ['ability', 'above'])).toEqual([3])
    expect(wrongConfirmationWords(words, [0, 2], [])).toEqual([0, 2])
  })

  it('normalizes like BIP39 (NFKD)', () => {
    expect(normalizeWord('ＡＢＬＥ')).toBe('able')
  })
})
