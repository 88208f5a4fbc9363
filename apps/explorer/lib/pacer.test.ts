import { describe, expect, it } from 'vitest'
import { type PacerClock, RequestPacer, sleep } from './pacer'

function fakeClock(): PacerClock & { t: number; slept: number[] } {
  const clock = {
    t: 0,
    slept: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.slept.push(ms)
      clock.t += ms
    },
  }
  return clock
}

describe('RequestPacer', () => {
  it('lets a burst through, then queues at the sustained rate', () => {
    const clock = fakeClock()
    const pacer = new RequestPacer({ ratePerSecond: 10, burst: 3 }, clock)
    expect([pacer.reserve(), pacer.reserve(), pacer.reserve()]).toEqual([0, 0, 0])
    expect(pacer.reserve()).toBe(100)
    expect(pacer.reserve()).toBe(200)
    expect(pacer.reserve(5)).toBe(700)
  })

  it('refills with time, never above the burst', () => {
    const clock = fakeClock()
    const pacer = new RequestPacer({ ratePerSecond: 10, burst: 3 }, clock)
    pacer.reserve(3)
    clock.t += 200
    expect(pacer.reserve(2)).toBe(0)
    expect(pacer.reserve()).toBe(100)
    clock.t += 60_000
    expect(pacer.reserve(3)).toBe(0)
    expect(pacer.reserve()).toBe(100)
  })

  it('take waits what reserve says', async () => {
    const clock = fakeClock()
    const pacer = new RequestPacer({ ratePerSecond: 4, burst: 1 }, clock)
    await pacer.take()
    await pacer.take(2)
    expect(clock.slept).toEqual([500])
  })

  it('refuses a rate or burst that cannot work', () => {
    expect(() => new RequestPacer({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError)
    expect(() => new RequestPacer({ ratePerSecond: 1, burst: 0 })).toThrow(RangeError)
    expect(() => new RequestPacer({ ratePerSecond: Number.NaN, burst: 1 })).toThrow(RangeError)
  })
})

describe('sleep', () => {
  it('rejects at once for an aborted signal and on abort', async () => {
    await expect(sleep(10, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone')
    const abort = new AbortController()
    const waiting = sleep(10_000, abort.signal)
    abort.abort(new Error('stop'))
    await expect(waiting).rejects.toThrow('stop')
    await expect(sleep(1)).resolves.toBeUndefined()
  })
})
