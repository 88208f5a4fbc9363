import { describe, expect, it } from 'vitest'
import { createRateLimiter } from './rateLimit'

describe('createRateLimiter', () => {
  it('allows `limit` per window per key and says how long to wait', () => {
    let t = 0
    const l = createRateLimiter({ limit: 2, windowMs: 1_000, now: () => t })
    expect(l.take('a')).toEqual({ ok: true })
    t = 400
    expect(l.take('a')).toEqual({ ok: true })
    t = 500
    expect(l.take('a')).toEqual({ ok: false, retryAfterMs: 500 })
    expect(l.take('b')).toEqual({ ok: true })
    t = 1_000
    expect(l.take('a')).toEqual({ ok: true })
    expect(l.take('a')).toEqual({ ok: false, retryAfterMs: 400 })
  })

  it('forgets the least recently seen key past maxKeys', () => {
    const l = createRateLimiter({ limit: 1, windowMs: 1_000, maxKeys: 2, now: () => 0 })
    l.take('a')
    l.take('b')
    l.take('c')
    expect(l.size()).toBe(2)
    expect(l.take('c').ok).toBe(false)
    expect(l.take('a')).toEqual({ ok: true })
  })

  it('refuses bad bounds', () => {
    expect(() => createRateLimiter({ limit: 0, windowMs: 1 })).toThrow(RangeError)
    expect(() => createRateLimiter({ limit: 1, windowMs: 1.5 })).toThrow(RangeError)
  })
})
