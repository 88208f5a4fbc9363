import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../../src/errors.js'
import {
  decodeResponseFrame,
  type ErrorResultName,
  encodeResponseFrame,
  isRejectReason,
  RESULT_CODES,
} from '../../src/wire/responseFrame.js'
import { expectOnlyDecodeErrors, expectStrict } from './helpers.js'

/** The errors whose body is only a message. */
const errorNames = Object.keys(RESULT_CODES).filter(
  (n) => n !== 'OK' && n !== 'REJECTED',
) as Exclude<ErrorResultName, 'REJECTED'>[]
const reasonArb = fc.stringMatching(/^[A-Z0-9_]{1,64}$/)

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
      REJECTED: 7,
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

  it('REJECTED carries a message and a machine-readable reason', () => {
    fc.assert(
      fc.property(reasonArb, fc.string({ maxLength: 100 }), (reason, message) => {
        const bytes = encodeResponseFrame({ result: 'REJECTED', reason, message })
        expect(bytes[0]).toBe(7)
        expect(decodeResponseFrame(bytes)).toEqual({ result: 'REJECTED', reason, message })
        expectStrict(bytes, decodeResponseFrame)
      }),
      { numRuns: 50 },
    )
    // u8 7 ‖ bytes "no" ‖ bytes "DOUBLE_SPEND"
    const bytes = encodeResponseFrame({ result: 'REJECTED', reason: 'DOUBLE_SPEND', message: 'no' })
    expect([...bytes]).toEqual([7, 2, 0x6e, 0x6f, 12, ...new TextEncoder().encode('DOUBLE_SPEND')])
  })

  it('REJECTED: a reason outside [A-Z0-9_]{1,64} is refused by both sides', () => {
    for (const reason of ['', 'double_spend', 'A-B', 'É', 'R'.repeat(65), 'A B']) {
      expect(() => encodeResponseFrame({ result: 'REJECTED', reason, message: '' })).toThrow(
        RangeError,
      )
      const raw = new TextEncoder().encode(reason)
      if (raw.length > 127) continue
      const frame = Uint8Array.of(7, 0, raw.length, ...raw)
      expect(() => decodeResponseFrame(frame), reason).toThrow(DecodeError)
    }
    // Latin-1 bytes that would map to letters elsewhere are not letters here.
    expect(() => decodeResponseFrame(Uint8Array.of(7, 0, 1, 0xc1))).toThrow(DecodeError)
    expect(() => decodeResponseFrame(Uint8Array.of(7, 0))).toThrow(DecodeError) // no reason
    const over = Uint8Array.of(7, 0, 65, ...new Uint8Array(65).fill(0x41))
    expect(() => decodeResponseFrame(over)).toThrow(DecodeError)
    expect(isRejectReason('TX_BAD_SIGNATURE')).toBe(true)
    expect(isRejectReason('R'.repeat(64))).toBe(true)
  })

  it('refuses unknown codes, missing, oversize or trailing messages', () => {
    expect(() => decodeResponseFrame(new Uint8Array(0))).toThrow(DecodeError)
    expect(() => decodeResponseFrame(Uint8Array.of(8))).toThrow(DecodeError)
    expect(() => decodeResponseFrame(Uint8Array.of(99))).toThrow(DecodeError)
    expect(() => decodeResponseFrame(Uint8Array.of(1))).toThrow(DecodeError)
    expect(() => decodeResponseFrame(Uint8Array.of(1, 2, 0x41))).toThrow(DecodeError)
    expect(() => decodeResponseFrame(Uint8Array.of(1, 1, 0x41, 0))).toThrow(DecodeError)
    const over = Uint8Array.of(2, 0x81, 0x02, ...new Uint8Array(257)) // length 257
    expect(() => decodeResponseFrame(over)).toThrow(DecodeError)
    expectOnlyDecodeErrors(decodeResponseFrame)
  })
})
