import { describe, expect, it } from 'vitest'
import { atTip, confirmations, type Verification } from './verification'

const v: Verification = {
  status: 'verified',
  header: { hash: new Uint8Array(32), height: 10 },
  depth: 2,
}

describe('atTip', () => {
  it('measures the depth against the given tip', () => {
    expect(atTip(v, 15).depth).toBe(5)
    expect(atTip(v, 10).depth).toBe(0)
    expect(atTip(v, 15).header).toBe(v.header)
  })

  it('keeps the depth without a tip or with a tip below the header', () => {
    expect(atTip(v, undefined)).toBe(v)
    expect(atTip(v, 9)).toBe(v)
  })
})

describe('confirmations', () => {
  it('counts the block itself and every block above it', () => {
    expect(confirmations(10, 10)).toBe(1)
    expect(confirmations(10, 14)).toBe(5)
    expect(confirmations(10, 9)).toBe(0)
  })
})
