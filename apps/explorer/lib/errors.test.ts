import { LightClientError } from '@supernova/light-client'
import { describe, expect, it } from 'vitest'
import { describeError, errorCode, isNotFound, isUnknownBlock } from './errors'

describe('errorCode and the predicates', () => {
  it('reads the code of a light-client error and of a revived plain object', () => {
    const e = new LightClientError({ code: 'NOT_FOUND', message: 'no such tx' })
    expect(errorCode(e)).toBe('NOT_FOUND')
    expect(isNotFound(e)).toBe(true)
    expect(isUnknownBlock({ code: 'UNKNOWN_BLOCK' })).toBe(true)
  })

  it('has no code for anything else', () => {
    expect(errorCode(new Error('x'))).toBeUndefined()
    expect(errorCode(null)).toBeUndefined()
    expect(errorCode('NOT_FOUND')).toBeUndefined()
    expect(errorCode({ code: 42 })).toBeUndefined()
  })
})

describe('describeError', () => {
  it('explains known codes and says whether to retry', () => {
    expect(describeError(new LightClientError({ code: 'NO_PEER', message: 'x' }))).toEqual({
      text: 'No full node is connected to your browser yet.',
      transient: true,
    })
    expect(describeError({ code: 'INVALID_ADDRESS' })).toMatchObject({ transient: false })
  })

  it('keeps the message of other errors', () => {
    expect(describeError(new Error('disk full'))).toEqual({ text: 'disk full', transient: false })
    expect(describeError(new Error(''))).toEqual({
      text: 'Something went wrong.',
      transient: false,
    })
    expect(describeError('plain')).toEqual({ text: 'plain', transient: false })
  })
})
