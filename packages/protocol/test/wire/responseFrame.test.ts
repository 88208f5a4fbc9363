import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../../src/errors.js'
import {
  decodeResponseFrame,
  type ErrorResultName,
  encodeResponseFrame,
  RESULT_CODES,
} from '../../src/wire/responseFrame.js'
import { expectOnlyDecodeErrors } from './helpers.js'

const errorNames = Object.keys(RESULT_CODES).filter((n) => n !== 'OK') as ErrorResultName[]

describe('response frames', () => {
  it('result codes are the documented bytes', () => {
    expect(RESULT_CODES).toEqual({
      OK: 0,
      NOT_FOUND: 1,
      BAD_REQUEST: 2,
      TOO_LARGE: 3,
      TIMEOUT: 4,
      RATE_LIMITED: 5,
      INTERNAL: 6,
    })
  })

  it('OK carries the body as is', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (body) => {
        const bytes = encodeResponseFrame({ result: 'OK', body })
        expect(bytes[0]).toBe(0)
        expect(decodeResponseFrame(bytes)).toEqual({ result: 'OK', body })
      }),
    )
  })

  it('errors carry a message cut to 256 UTF-8 bytes, replaced not thrown when split', () => {
    fc.assert(
      fc.property(fc.constantFrom(...errorNames), fc.string({ maxLength: 200 }), (result, m) => {
        const decoded = decodeResponseFrame(encodeResponseFrame({ result, message: m }))
        expect(decoded.result).toBe(result)
        if (new TextEncoder().encode(m).length <= 256)
          expect(decoded).toEqual({ result, message: m })
      }),
    )
    const long = decodeResponseFrame(
      encodeResponseFrame({ result: 'RATE_LIMITED', message: 'x'.repeat(1000) }),
    )
    expect(long).toEqual({ result: 'RATE_LIMITED', message: 'x'.repeat(256) })
    // 'é' is two bytes: 255 'a' + 'é' is cut in the middle of the last character.
    const split = encodeResponseFrame({ result: 'INTERNAL', message: `${'a'.repeat(255)}é` })
    expect(decodeResponseFrame(split)).toEqual({
      result: 'INTERNAL',
      message: `${'a'.repeat(255)}\ufffd`,
    })
  })

  it('refuses unknown codes, missing, oversize or trailing messages', () => {
    expect(() => decodeResponseFrame(new Uint8Array(0))).toThrow(DecodeError)
    expect(() => decodeResponseFrame(Uint8Array.of(7))).toThrow(DecodeError)
    expect(() => decodeResponseFrame(Uint8Array.of(99))).toThrow(DecodeError)
    expect(() => decodeResponseFrame(Uint8Array.of(1))).toThrow(DecodeError)
    expect(() => decodeResponseFrame(Uint8Array.of(1, 2, 0x41))).toThrow(DecodeError)
    expect(() => decodeResponseFrame(Uint8Array.of(1, 1, 0x41, 0))).toThrow(DecodeError)
    const over = Uint8Array.of(2, 0x81, 0x02, ...new Uint8Array(257)) // length 257
    expect(() => decodeResponseFrame(over)).toThrow(DecodeError)
    expectOnlyDecodeErrors(decodeResponseFrame)
  })
})
