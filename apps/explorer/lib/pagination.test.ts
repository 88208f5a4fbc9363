import { describe, expect, it } from 'vitest'
import { describeWindow, pageOf, paginate } from './pagination'

describe('paginate', () => {
  it('splits a list into full pages and a last partial one', () => {
    expect(paginate({ total: 51, page: 1, pageSize: 25 })).toEqual({
      page: 1,
      pageCount: 3,
      start: 0,
      end: 25,
      total: 51,
      pageSize: 25,
    })
    expect(paginate({ total: 51, page: 3, pageSize: 25 })).toMatchObject({ start: 50, end: 51 })
    expect(paginate({ total: 50, page: 2, pageSize: 25 })).toMatchObject({
      pageCount: 2,
      start: 25,
      end: 50,
    })
  })

  it('gives an empty list one empty page', () => {
    expect(paginate({ total: 0, page: 1, pageSize: 10 })).toMatchObject({
      page: 1,
      pageCount: 1,
      start: 0,
      end: 0,
    })
  })

  it('clamps pages out of range, fractional and non-finite pages', () => {
    expect(paginate({ total: 30, page: 9, pageSize: 10 }).page).toBe(3)
    expect(paginate({ total: 30, page: 0, pageSize: 10 }).page).toBe(1)
    expect(paginate({ total: 30, page: -4, pageSize: 10 }).page).toBe(1)
    expect(paginate({ total: 30, page: 2.7, pageSize: 10 }).page).toBe(2)
    expect(paginate({ total: 30, page: Number.NaN, pageSize: 10 }).page).toBe(1)
    expect(paginate({ total: 30, page: Number.POSITIVE_INFINITY, pageSize: 10 }).page).toBe(1)
  })

  it('refuses a bad total or page size', () => {
    expect(() => paginate({ total: -1, page: 1, pageSize: 10 })).toThrow(RangeError)
    expect(() => paginate({ total: 1.5, page: 1, pageSize: 10 })).toThrow(RangeError)
    expect(() => paginate({ total: 10, page: 1, pageSize: 0 })).toThrow(RangeError)
    expect(() => paginate({ total: 10, page: 1, pageSize: 2.5 })).toThrow(RangeError)
  })
})

describe('pageOf and describeWindow', () => {
  const letters = [...'abcdefg']

  it('returns the items of the page', () => {
    expect(pageOf(letters, 2, 3).items).toEqual(['d', 'e', 'f'])
    expect(pageOf(letters, 3, 3).items).toEqual(['g'])
    expect(pageOf(letters, 5, 3).items).toEqual(['g'])
  })

  it('describes the window in words', () => {
    expect(describeWindow(pageOf(letters, 2, 3).window)).toBe('4–6 of 7')
    expect(describeWindow(pageOf([], 1, 3).window)).toBe('None')
    expect(describeWindow(paginate({ total: 12_345, page: 2, pageSize: 1000 }))).toBe(
      '1,001–2,000 of 12,345',
    )
  })
})
