import { describe, expect, it } from 'vitest'
import { LightClientError } from '../../src/verify/errors.js'
import { createRequestPacer } from '../../src/verify/requestPacer.js'

/** A clock that only the pacer's sleeps move, recording each wait. */
function fakeTime() {
  let t = 1_000_000
  const waits: number[] = []
  return {
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms)
      t += ms
    },
    waits,
    advance: (ms: number) => {
      t += ms
    },
  }
}

describe('request pacer', () => {
  it('lets a burst through, then one request per 1/rate s', async () => {
    const time = fakeTime()
    const pacer = createRequestPacer({ ratePerSecond: 10, burst: 3, ...time })
    const started = time.now()
    for (let i = 0; i < 3; i++) await pacer.take()
    expect(time.now()).toBe(started)
    for (let i = 0; i < 5; i++) await pacer.take()
    // Five more at 10/s: 500 ms.
    expect(time.now() - started).toBe(500)
  })

  it('serves takers in order', async () => {
    const time = fakeTime()
    const pacer = createRequestPacer({ ratePerSecond: 1, burst: 1, ...time })
    const order: number[] = []
    await Promise.all([0, 1, 2].map((i) => pacer.take().then(() => order.push(i))))
    expect(order).toEqual([0, 1, 2])
  })

  it('a RATE_LIMITED answer pauses it and halves its rate until 30 s pass quietly', async () => {
    const time = fakeTime()
    const pacer = createRequestPacer({ ratePerSecond: 10, burst: 1, pauseMs: 1_000, ...time })
    await pacer.take()
    pacer.slowDown()
    const before = time.now()
    await pacer.take()
    // Paused 1 s, then a token at the halved rate (5/s): 1.2 s.
    expect(time.now() - before).toBe(1_200)
    const next = time.now()
    await pacer.take()
    expect(time.now() - next).toBe(200)
    time.advance(30_000)
    await pacer.take()
    const after = time.now()
    await pacer.take()
    expect(time.now() - after).toBe(100)
  })

  it('gives up with ABORTED when the caller aborts; refuses bad tuning', async () => {
    const time = fakeTime()
    const pacer = createRequestPacer({ ratePerSecond: 1, burst: 1, ...time })
    await pacer.take()
    const abort = new AbortController()
    abort.abort()
    await expect(pacer.take(abort.signal)).rejects.toBeInstanceOf(LightClientError)
    await pacer.take()
    expect(() => createRequestPacer({ ratePerSecond: 0 })).toThrow(RangeError)
    expect(() => createRequestPacer({ burst: 0 })).toThrow(RangeError)
    expect(() => createRequestPacer({ pauseMs: -1 })).toThrow(RangeError)
  })
})
