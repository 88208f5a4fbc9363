import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../../src/errors.js'
import {
  decodeHeadsFrame,
  encodeHeadsAnnouncement,
  encodeHeadsRefusal,
  HEADS_LIMITS,
  headsProtocolId,
} from '../../src/wire/heads.js'
import { PROTOCOL_LIMITS } from '../../src/wire/limits.js'
import { PROTOCOL_NAMES } from '../../src/wire/protocols.js'
import { encodeResponseFrame } from '../../src/wire/responseFrame.js'
import { encodeStatus, type StatusMessage } from '../../src/wire/status.js'
import { expectOnlyDecodeErrors, expectStrict, hash32, u32 } from './helpers.js'

const statusArb: fc.Arbitrary<StatusMessage> = fc
  .record({
    genesisHash: hash32,
    tipHash: hash32,
    tipHeight: u32,
    cumulativeWork: fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
  })
  .chain((s) =>
    fc.integer({ min: 0, max: s.tipHeight }).map((finalizedHeight) => ({ ...s, finalizedHeight })),
  )

const doc = readFileSync(
  fileURLToPath(new URL('../../../../docs/network.md', import.meta.url)),
  'utf8',
)

describe('heads', () => {
  it('has its own id, outside the request/response protocols', () => {
    expect(headsProtocolId('devnet')).toBe('/supernova/devnet/heads/1')
    expect(headsProtocolId('mainnet')).toBe('/supernova/mainnet/heads/1')
    expect((PROTOCOL_NAMES as readonly string[]).includes('heads')).toBe(false)
  })

  it('an announcement is exactly the status response payload, and round-trips strictly', () => {
    fc.assert(
      fc.property(statusArb, (s) => {
        const bytes = encodeHeadsAnnouncement(s)
        expect(bytes).toEqual(encodeResponseFrame({ result: 'OK', body: encodeStatus(s) }))
        expect(bytes.length).toBe(PROTOCOL_LIMITS.status.maxResponseBytes)
        expect(decodeHeadsFrame(bytes)).toEqual({ result: 'OK', status: s })
        expectStrict(bytes, decodeHeadsFrame)
      }),
      { numRuns: 50 },
    )
  })

  it('refusals round-trip; the longest fits the frame cap', () => {
    const long = encodeHeadsRefusal('RATE_LIMITED', 'x'.repeat(1_000))
    expect(long.length).toBeLessThanOrEqual(HEADS_LIMITS.maxFrameBytes)
    expect(decodeHeadsFrame(long)).toEqual({ result: 'RATE_LIMITED', message: 'x'.repeat(256) })
    expect(decodeHeadsFrame(encodeHeadsRefusal('INTERNAL', 'stopping'))).toEqual({
      result: 'INTERNAL',
      message: 'stopping',
    })
    expect(() => encodeHeadsRefusal('OK' as 'INTERNAL', 'no')).toThrow(RangeError)
  })

  it('refuses REJECTED, oversize frames and garbage with DecodeError only', () => {
    const rejected = encodeResponseFrame({ result: 'REJECTED', reason: 'NO', message: 'no' })
    expect(() => decodeHeadsFrame(rejected)).toThrow(DecodeError)
    const oversize = new Uint8Array(HEADS_LIMITS.maxFrameBytes + 1)
    expect(() => decodeHeadsFrame(oversize)).toThrow(DecodeError)
    expect(() => decodeHeadsFrame(Uint8Array.of(0))).toThrow(DecodeError)
    expectOnlyDecodeErrors(decodeHeadsFrame, 300)
  })

  it('docs/network.md names the id, the frame cap and the timeouts', () => {
    expect(doc).toContain('`/supernova/<network>/heads/1`')
    expect(HEADS_LIMITS.maxFrameBytes).toBe(261)
    expect(doc).toContain(
      `| \`heads\` | 0 | ${HEADS_LIMITS.maxFrameBytes} per frame | first frame ${HEADS_LIMITS.firstFrameTimeoutMs / 1000} s; a write ${HEADS_LIMITS.writeTimeoutMs / 1000} s |`,
    )
  })
})
