import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeBlock, MAX_BLOCK_ENCODED_BYTES } from '../../src/block/block.js'
import { createGenesis } from '../../src/block/genesis.js'
import { encodeHeader, hashHeader } from '../../src/block/header.js'
import { DecodeError } from '../../src/errors.js'
import { MAX_BLOCK_FILTER_BYTES } from '../../src/filter/params.js'
import { createMerkleProof } from '../../src/merkle/createMerkleProof.js'
import { DEVNET } from '../../src/params/networks.js'
import { computeTransactionIds } from '../../src/tx/hashes.js'
import {
  decodeBlockResponse,
  decodeFilterResponse,
  decodeHashRequest,
  encodeHashRequest,
} from '../../src/wire/hashRequest.js'
import {
  decodeHeadersRequest,
  decodeHeadersResponse,
  encodeHeadersRequest,
  encodeHeadersResponse,
} from '../../src/wire/headers.js'
import { decodeStatus, encodeStatus, type StatusMessage } from '../../src/wire/status.js'
import { decodeTxProofResponse, encodeTxProofResponse } from '../../src/wire/txProof.js'
import { expectOnlyDecodeErrors, expectStrict, hash32, headerArb, u32 } from './helpers.js'

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

const genesis = createGenesis(DEVNET)

describe('status', () => {
  it('round-trips in 104 bytes, work big-endian, strict', () => {
    fc.assert(
      fc.property(statusArb, (s) => {
        const bytes = encodeStatus(s)
        expect(bytes.length).toBe(104)
        expect(decodeStatus(bytes)).toEqual(s)
        expectStrict(bytes, decodeStatus)
      }),
      { numRuns: 50 },
    )
    const s = { genesisHash: new Uint8Array(32), tipHash: new Uint8Array(32), tipHeight: 1 }
    const one = encodeStatus({ ...s, cumulativeWork: 0x0102n, finalizedHeight: 0 })
    expect([...one.subarray(68, 100)]).toEqual([...new Uint8Array(30), 1, 2])
  })

  it('refuses finalizedHeight above tipHeight and work outside 256 bits', () => {
    const s = {
      genesisHash: new Uint8Array(32),
      tipHash: new Uint8Array(32),
      tipHeight: 1,
      cumulativeWork: 1n,
      finalizedHeight: 1,
    }
    const bad = encodeStatus(s)
    bad[100] = 2
    expect(() => decodeStatus(bad)).toThrow(DecodeError)
    expect(() => encodeStatus({ ...s, cumulativeWork: 1n << 256n })).toThrow(RangeError)
    expect(() => encodeStatus({ ...s, cumulativeWork: -1n })).toThrow(RangeError)
    expectOnlyDecodeErrors(decodeStatus, 120)
  })
})

describe('headers', () => {
  it('request: u32 ‖ u16 with count in 1..2000', () => {
    fc.assert(
      fc.property(u32, fc.integer({ min: 1, max: 2000 }), (fromHeight, count) => {
        const bytes = encodeHeadersRequest({ fromHeight, count })
        expect(decodeHeadersRequest(bytes)).toEqual({ fromHeight, count })
        expectStrict(bytes, decodeHeadersRequest)
      }),
      { numRuns: 50 },
    )
    for (const count of [0, 2001, 1.5, Number.NaN])
      expect(() => encodeHeadersRequest({ fromHeight: 0, count })).toThrow(RangeError)
    expect(() => decodeHeadersRequest(Uint8Array.of(0, 0, 0, 0, 0xd1, 0x07))).toThrow(DecodeError)
    expect(() => decodeHeadersRequest(Uint8Array.of(0, 0, 0, 0, 0, 0))).toThrow(DecodeError)
    expectOnlyDecodeErrors(decodeHeadersRequest, 10)
  })

  it('response: round-trips, strict', () => {
    fc.assert(
      fc.property(fc.array(headerArb, { maxLength: 5 }), (headers) => {
        const bytes = encodeHeadersResponse(headers)
        expect(decodeHeadersResponse(bytes)).toEqual(headers)
        expectStrict(bytes, decodeHeadersResponse)
      }),
      { numRuns: 30 },
    )
  })

  it('response: the count is checked against the bytes and the cap before allocating', () => {
    expect(decodeHeadersResponse(Uint8Array.of(0))).toEqual([])
    expect(() => decodeHeadersResponse(Uint8Array.of(0xd0, 0x0f))).toThrow(DecodeError) // 2000
    expect(() => decodeHeadersResponse(Uint8Array.of(0xd1, 0x0f))).toThrow(DecodeError) // 2001
    expect(() => decodeHeadersResponse(Uint8Array.of(0x80, 0x00))).toThrow(DecodeError) // non-minimal
    expect(() => decodeHeadersResponse(new Uint8Array(440_005))).toThrow(/exceeds the cap/)
    expectOnlyDecodeErrors(decodeHeadersResponse)
  })
})

describe('block, filter and tx-proof', () => {
  it('hash requests are exactly 32 bytes', () => {
    fc.assert(
      fc.property(hash32, (h) => {
        expect(decodeHashRequest(encodeHashRequest(h))).toEqual(h)
        expectStrict(encodeHashRequest(h), decodeHashRequest)
      }),
      { numRuns: 20 },
    )
    expect(() => encodeHashRequest(new Uint8Array(31))).toThrow()
  })

  it('block response: the encoded block, strict, capped', () => {
    const bytes = encodeBlock(genesis.block)
    expect(decodeBlockResponse(bytes)).toEqual(genesis.block)
    expect(() => decodeBlockResponse(bytes.subarray(0, bytes.length - 1))).toThrow(DecodeError)
    expect(() => decodeBlockResponse(Uint8Array.of(...bytes, 0))).toThrow(DecodeError)
    expect(() => decodeBlockResponse(new Uint8Array(MAX_BLOCK_ENCODED_BYTES + 1))).toThrow(
      DecodeError,
    )
    expectOnlyDecodeErrors(decodeBlockResponse)
  })

  it('filter response: a copy of the bytes, capped', () => {
    const body = Uint8Array.of(1, 2, 3)
    const got = decodeFilterResponse(body)
    expect(got).toEqual(body)
    body[0] = 9
    expect(got[0]).toBe(1)
    expect(decodeFilterResponse(new Uint8Array(MAX_BLOCK_FILTER_BYTES)).length).toBe(
      MAX_BLOCK_FILTER_BYTES,
    )
    expect(() => decodeFilterResponse(new Uint8Array(MAX_BLOCK_FILTER_BYTES + 1))).toThrow(
      DecodeError,
    )
  })

  it('tx-proof: tx, header and proof round-trip; hash and height come from the header', () => {
    const tx = genesis.block.transactions[0]!
    const { wtxid } = computeTransactionIds(tx)
    fc.assert(
      fc.property(fc.array(hash32, { maxLength: 20 }), headerArb, (others, header) => {
        const leaves = [...others, wtxid]
        const proof = createMerkleProof({ leaves, index: others.length })
        const bytes = encodeTxProofResponse({ tx, header, proof })
        const m = decodeTxProofResponse(bytes)
        expect(m).toEqual({
          tx,
          header,
          proof,
          blockHash: hashHeader(header),
          height: header.height,
        })
        expect(() => decodeTxProofResponse(bytes.subarray(0, bytes.length - 1))).toThrow(
          DecodeError,
        )
        expect(() => decodeTxProofResponse(Uint8Array.of(...bytes, 0))).toThrow(DecodeError)
      }),
      { numRuns: 20 },
    )
    const proof = createMerkleProof({ leaves: [wtxid], index: 0 })
    const bytes = encodeTxProofResponse({ tx, header: genesis.block.header, proof })
    expectStrict(bytes, decodeTxProofResponse)
    expect(encodeHeader(decodeTxProofResponse(bytes).header)).toEqual(
      encodeHeader(genesis.block.header),
    )
    expectOnlyDecodeErrors(decodeTxProofResponse)
  })
})
