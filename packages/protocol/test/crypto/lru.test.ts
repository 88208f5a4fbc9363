import { describe, expect, it } from 'vitest'
import { LruCache } from '../../src/crypto/lru.js'

describe('LruCache', () => {
  it('evicts the least recently used entry beyond capacity', () => {
    const lru = new LruCache<string, number>(2)
    lru.set('a', 1)
    lru.set('b', 2)
    expect(lru.get('a')).toBe(1) // a is now the most recent
    lru.set('c', 3)
    expect(lru.has('b')).toBe(false)
    expect(lru.get('a')).toBe(1)
    expect(lru.get('c')).toBe(3)
    expect(lru.size).toBe(2)
  })

  it('peek does not refresh recency; set of an existing key does', () => {
    const lru = new LruCache<string, number>(2)
    lru.set('a', 1)
    lru.set('b', 2)
    expect(lru.peek('a')).toBe(1)
    lru.set('c', 3)
    expect(lru.has('a')).toBe(false)
    lru.set('b', 20)
    lru.set('d', 4)
    expect(lru.peek('b')).toBe(20)
    expect(lru.has('c')).toBe(false)
  })

  it('never exceeds its capacity', () => {
    const lru = new LruCache<number, number>(5)
    for (let i = 0; i < 100; i++) {
      lru.set(i, i)
      expect(lru.size).toBeLessThanOrEqual(5)
    }
    expect([95, 96, 97, 98, 99].every((k) => lru.has(k))).toBe(true)
    expect(lru.delete(99)).toBe(true)
    lru.clear()
    expect(lru.size).toBe(0)
  })

  it('rejects a capacity that is not a positive integer', () => {
    for (const c of [0, -1, 1.5, Number.NaN]) expect(() => new LruCache(c)).toThrow(RangeError)
  })
})
