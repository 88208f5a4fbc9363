import { describe, expect, it } from 'vitest'
import { shortHash } from './hash'

const HASH = '000000a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d'

describe('shortHash', () => {
  it('keeps the first and last eight characters of a 64-char hash', () => {
    expect(shortHash(HASH)).toBe('000000a1…3a4b5c6d')
  })

  it('honours custom head and tail', () => {
    expect(shortHash(HASH, 4, 6)).toBe('0000…4b5c6d')
    expect(shortHash(HASH, 6, 0)).toBe('000000…')
  })

  it('returns strings that would not get shorter unchanged', () => {
    expect(shortHash('abcdef')).toBe('abcdef')
    expect(shortHash('a'.repeat(17))).toBe('a'.repeat(17))
    expect(shortHash('a'.repeat(18))).toBe('aaaaaaaa…aaaaaaaa')
    expect(shortHash('')).toBe('')
  })

  it('rejects negative or fractional lengths', () => {
    expect(() => shortHash(HASH, -1)).toThrow(RangeError)
    expect(() => shortHash(HASH, 8, 1.5)).toThrow(RangeError)
  })
})
