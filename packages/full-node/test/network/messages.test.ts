import { readFileSync } from 'node:fs'
import { DecodeError, devnetAccount, type Lock } from '@supernova/protocol'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeHashRequest,
  decodeHeadersRequest,
  decodeHeadersResponse,
  decodeResponseFrame,
  decodeStatus,
  encodeHashRequest,
  encodeHeadersRequest,
  encodeResponseFrame,
  encodeStatus,
  type StatusMessage,
} from '../../src/network/messages.js'
import { PROTOCOL_LIMITS, PROTOCOL_NAMES, protocolId } from '../../src/network/protocols.js'
import {
  decodeOutpointRequest,
  decodeOutpointResponse,
  decodeUtxosRequest,
  decodeUtxosResponse,
  encodeOutpointRequest,
  encodeOutpointResponse,
  encodeUtxosRequest,
  encodeUtxosResponse,
} from '../../src/network/stateMessages.js'

const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 })
const u32 = fc.integer({ min: 0, max: 0xffffffff })

const status = fc
  .record({
    genesisHash: hash32,
    tipHash: hash32,
    tipHeight: u32,
    cumulativeWork: fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
  })
  .chain((s) =>
    fc
      .record({ finalizedHeight: fc.integer({ min: 0, max: s.tipHeight }) })
      .map((f) => ({ ...s, ...f })),
  )

/** Every strict decoder refuses its input with a byte cut off or a byte appended. */
function expectStrict(bytes: Uint8Array, decode: (b: Uint8Array) => unknown): void {
  expect(() => decode(bytes.subarray(0, bytes.length - 1))).toThrow(DecodeError)
  expect(() => decode(Uint8Array.of(...bytes, 0))).toThrow(DecodeError)
}

describe('wire messages', () => {
  it('protocol ids and caps', () => {
    expect(protocolId('devnet', 'tx-proof')).toBe('/supernova/devnet/tx-proof/1')
    for (const name of PROTOCOL_NAMES) {
      const l = PROTOCOL_LIMITS[name]
      expect(l.timeoutMs).toBeGreaterThan(0)
      expect(l.maxResponseBytes).toBeLessThan(2 ** 28) // a 4-byte length prefix covers it
    }
  })

  it('docs/network.md lists the caps and timeouts the code enforces', () => {
    const doc = readFileSync(new URL('../../../../docs/network.md', import.meta.url), 'utf8')
    for (const name of PROTOCOL_NAMES) {
      const l = PROTOCOL_LIMITS[name]
      const row = `| \`${name}\` | ${l.maxRequestBytes.toLocaleString('en')} | ${l.maxResponseBytes.toLocaleString('en')} | ${l.timeoutMs / 1000} s |`
      expect(doc).toContain(row)
    }
  })

  it('status round-trips and is strict', () => {
    fc.assert(
      fc.property(status, (s: StatusMessage) => {
        const bytes = encodeStatus(s)
        expect(bytes.length).toBe(104)
        expect(decodeStatus(bytes)).toEqual(s)
        expectStrict(bytes, decodeStatus)
      }),
    )
    const zero = new Uint8Array(32)
    const s = {
      genesisHash: zero,
      tipHash: zero,
      tipHeight: 1,
      cumulativeWork: 1n,
      finalizedHeight: 1,
    }
    const bad = encodeStatus(s)
    bad[100] = 2 // finalizedHeight 2 > tipHeight 1
    expect(() => decodeStatus(bad)).toThrow(DecodeError)
    expect(() => encodeStatus({ ...s, cumulativeWork: 1n << 256n })).toThrow(RangeError)
  })

  it('headers request: count within 1..2000', () => {
    fc.assert(
      fc.property(u32, fc.integer({ min: 1, max: 2000 }), (fromHeight, count) => {
        const bytes = encodeHeadersRequest({ fromHeight, count })
        expect(decodeHeadersRequest(bytes)).toEqual({ fromHeight, count })
        expectStrict(bytes, decodeHeadersRequest)
      }),
    )
    expect(() => encodeHeadersRequest({ fromHeight: 0, count: 2001 })).toThrow(RangeError)
    expect(() => decodeHeadersRequest(Uint8Array.of(0, 0, 0, 0, 0xd1, 0x07))).toThrow(DecodeError) // 2001
    expect(() => decodeHeadersRequest(Uint8Array.of(0, 0, 0, 0, 0, 0))).toThrow(DecodeError)
  })

  it('headers response: count prefix checked against the bytes before allocating', () => {
    expect(decodeHeadersResponse(Uint8Array.of(0))).toEqual([])
    expect(() => decodeHeadersResponse(Uint8Array.of(0xd0, 0x0f))).toThrow(DecodeError) // 2000, no bytes
    expect(() => decodeHeadersResponse(Uint8Array.of(0xd1, 0x0f))).toThrow(DecodeError) // 2001
  })

  it('hash and outpoint requests', () => {
    fc.assert(
      fc.property(hash32, u32, (h, vout) => {
        expect(decodeHashRequest(encodeHashRequest(h))).toEqual(h)
        expectStrict(encodeHashRequest(h), decodeHashRequest)
        const o = encodeOutpointRequest({ txid: h, vout })
        expect(decodeOutpointRequest(o)).toEqual({ txid: h, vout })
        expectStrict(o, decodeOutpointRequest)
      }),
    )
  })

  it('utxos request: a valid lock and 1..1000', () => {
    const lock: Lock = devnetAccount(0).lock
    const bytes = encodeUtxosRequest({ lock, limit: 1000 })
    expect(decodeUtxosRequest(bytes)).toEqual({ lock, limit: 1000 })
    expectStrict(bytes, decodeUtxosRequest)
    expect(() => encodeUtxosRequest({ lock, limit: 0 })).toThrow(RangeError)
    const tooMany = bytes.slice()
    tooMany[33] = 0xe9 // 1001
    expect(() => decodeUtxosRequest(tooMany)).toThrow(DecodeError)
    const badType = bytes.slice()
    badType[0] = 0xff
    expect(() => decodeUtxosRequest(badType)).toThrow(DecodeError)
  })

  it('utxos and outpoint responses round-trip', () => {
    const entry = { amount: 5n, lock: devnetAccount(1).lock, height: 7, coinbase: true }
    const proof = {
      siblings: [new Uint8Array(32), new Uint8Array(32).fill(3)],
      terminal: { type: 'empty' as const },
    }
    const outpoint = { txid: new Uint8Array(32).fill(9), vout: 2 }
    const u = {
      tipHash: new Uint8Array(32).fill(1),
      more: true,
      utxos: [{ outpoint, entry, proof }],
    }
    const ub = encodeUtxosResponse(u)
    expect(decodeUtxosResponse(ub)).toEqual(u)
    expectStrict(ub, decodeUtxosResponse)
    for (const e of [entry, undefined]) {
      const m = { tipHash: new Uint8Array(32).fill(4), entry: e, proof }
      const ob = encodeOutpointResponse(m)
      expect(decodeOutpointResponse(ob)).toEqual(m)
      expectStrict(ob, decodeOutpointResponse)
    }
  })

  it('response frames: result codes, bounded messages', () => {
    const ok = encodeResponseFrame({ result: 'OK', body: Uint8Array.of(1, 2) })
    expect(decodeResponseFrame(ok)).toEqual({ result: 'OK', body: Uint8Array.of(1, 2) })
    const err = encodeResponseFrame({ result: 'RATE_LIMITED', message: 'x'.repeat(1000) })
    const decoded = decodeResponseFrame(err)
    expect(decoded).toEqual({ result: 'RATE_LIMITED', message: 'x'.repeat(256) })
    expect(() => decodeResponseFrame(Uint8Array.of(99))).toThrow(DecodeError)
    expect(() => decodeResponseFrame(Uint8Array.of(...err, 0))).toThrow(DecodeError)
    expect(() => decodeResponseFrame(new Uint8Array(0))).toThrow(DecodeError)
  })
})
