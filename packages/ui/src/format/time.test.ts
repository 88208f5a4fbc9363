import { describe, expect, it } from 'vitest'
import { formatDuration, formatRelativeTime } from './time'

const S = 1000
const MIN = 60 * S
const H = 60 * MIN
const D = 24 * H

describe('formatDuration', () => {
  it('uses milliseconds below a second', () => {
    expect(formatDuration(0)).toBe('0 ms')
    expect(formatDuration(850.9)).toBe('850 ms')
  })

  it('uses tenths of a second below ten seconds, whole seconds to a minute', () => {
    expect(formatDuration(1000)).toBe('1 s')
    expect(formatDuration(4250)).toBe('4.2 s')
    expect(formatDuration(12_999)).toBe('12 s')
    expect(formatDuration(59_999)).toBe('59 s')
  })

  it('uses the two largest units and drops a zero second unit', () => {
    expect(formatDuration(MIN)).toBe('1 min')
    expect(formatDuration(2 * MIN + 5 * S)).toBe('2 min 5 s')
    expect(formatDuration(3 * H + 12 * MIN + 59 * S)).toBe('3 h 12 min')
    expect(formatDuration(H)).toBe('1 h')
    expect(formatDuration(2 * D + 4 * H + 30 * MIN)).toBe('2 d 4 h')
    expect(formatDuration(400 * D)).toBe('400 d')
  })

  it('rejects negative and non-finite durations', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError)
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError)
    expect(() => formatDuration(Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})

describe('formatRelativeTime', () => {
  const now = Date.UTC(2030, 0, 1)

  it('says "just now" within five seconds either way', () => {
    expect(formatRelativeTime(now, now)).toBe('just now')
    expect(formatRelativeTime(now - 4999, now)).toBe('just now')
    expect(formatRelativeTime(now + 4999, now)).toBe('just now')
  })

  it('describes the past with the largest whole unit', () => {
    expect(formatRelativeTime(now - 5 * S, now)).toBe('5 s ago')
    expect(formatRelativeTime(now - 59 * S, now)).toBe('59 s ago')
    expect(formatRelativeTime(now - 5 * MIN - 30 * S, now)).toBe('5 min ago')
    expect(formatRelativeTime(now - 3 * H, now)).toBe('3 h ago')
    expect(formatRelativeTime(now - 2 * D - 23 * H, now)).toBe('2 d ago')
  })

  it('describes the future (a block clock ahead of ours)', () => {
    expect(formatRelativeTime(now + 5 * MIN, now)).toBe('in 5 min')
    expect(formatRelativeTime(now + 90 * S, now)).toBe('in 1 min')
  })

  it('rejects non-finite times', () => {
    expect(() => formatRelativeTime(Number.NaN, now)).toThrow(RangeError)
    expect(() => formatRelativeTime(now, Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})
