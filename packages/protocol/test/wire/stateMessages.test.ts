import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createGenesis } from '../../src/block/genesis.js'
import { DecodeError } from '../../src/errors.js'
import { DEVNET } from '../../src/params/networks.js'
import { createSmtProof } from '../../src/smt/createSmtProof.js'
import { isValidSmtMembershipProof } from '../../src/smt/verifySmtProof.js'
import { utxoKey, utxoValueHash } from '../../src/tx/hashes.js'
import {
  decodeOutpointRequest,
  decodeOutpointResponse,
  encodeOutpointRequest,
  encodeOutpointResponse,
} from '../../src/wire/outpoint.js'
import {
  decodeUtxosRequest,
  decodeUtxosResponse,
  encodeUtxosRequest,
  encodeUtxosResponse,
  type ProvenUtxo,
  provenUtxoLength,
} from '../../src/wire/utxos.js'
import { expectOnlyDecodeErrors, expectStrict, hash32, u32 } from './helpers.js'

const genesis = createGenesis(DEVNET)
/** Every genesis allocation with its real membership proof against the genesis utxoRoot. */
const proven: ProvenUtxo[] = genesis.created.map(({ outpoint, entry }) => ({
  outpoint,
  entry,
  proof: createSmtProof({ tree: genesis.utxoTree, key: utxoKey(outpoint) }),
}))
const lock = proven[0]!.entry.lock

describe('utxos', () => {
  it('request: a valid lock and a limit in 1..1000', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (limit) => {
        const bytes = encodeUtxosRequest({ lock, limit })
        expect(bytes.length).toBe(35)
        expect(decodeUtxosRequest(bytes)).toEqual({ lock, limit })
        expectStrict(bytes, decodeUtxosRequest)
      }),
      { numRuns: 20 },
    )
    for (const limit of [0, 1001, 2.5])
      expect(() => encodeUtxosRequest({ lock, limit })).toThrow(RangeError)
    const bytes = encodeUtxosRequest({ lock, limit: 1000 })
    const tooMany = bytes.slice()
    tooMany[33] = 0xe9 // 1001
    expect(() => decodeUtxosRequest(tooMany)).toThrow(DecodeError)
    const badType = bytes.slice()
    badType[0] = 0xff
    expect(() => decodeUtxosRequest(badType)).toThrow(DecodeError)
    expectOnlyDecodeErrors(decodeUtxosRequest, 40)
  })

  it('response: real proofs round-trip and still verify; sizes add up', () => {
    const root = genesis.block.header.utxoRoot
    fc.assert(
      fc.property(fc.subarray(proven), hash32, fc.boolean(), (utxos, tipHash, more) => {
        const m = { tipHash, more, utxos }
        const bytes = encodeUtxosResponse(m)
        expect(bytes.length).toBe(32 + 1 + 1 + utxos.reduce((n, u) => n + provenUtxoLength(u), 0))
        const got = decodeUtxosResponse(bytes)
        expect(got).toEqual(m)
        for (const u of got.utxos) {
          const valueHash = utxoValueHash(u.entry)
          const key = utxoKey(u.outpoint)
          expect(isValidSmtMembershipProof({ root, key, valueHash, proof: u.proof })).toBe(true)
        }
      }),
      { numRuns: 20 },
    )
    expectStrict(
      encodeUtxosResponse({ tipHash: new Uint8Array(32), more: false, utxos: proven.slice(0, 2) }),
      decodeUtxosResponse,
    )
  })

  it('response: counts, flags and nested lengths are checked', () => {
    const ok = encodeUtxosResponse({ tipHash: new Uint8Array(32), more: true, utxos: [] })
    expect(decodeUtxosResponse(ok).more).toBe(true)
    const badFlag = ok.slice()
    badFlag[32] = 2
    expect(() => decodeUtxosResponse(badFlag)).toThrow(DecodeError)
    const hugeCount = Uint8Array.of(...new Uint8Array(32), 0, 0xe8, 0x07) // 1000 items, no bytes
    expect(() => decodeUtxosResponse(hugeCount)).toThrow(DecodeError)
    const overCount = Uint8Array.of(...new Uint8Array(32), 0, 0xe9, 0x07) // 1001
    expect(() => decodeUtxosResponse(overCount)).toThrow(DecodeError)
    expectOnlyDecodeErrors(decodeUtxosResponse)
  })
})

describe('outpoint', () => {
  it('request: txid ‖ u32 vout, strict', () => {
    fc.assert(
      fc.property(hash32, u32, (txid, vout) => {
        const bytes = encodeOutpointRequest({ txid, vout })
        expect(decodeOutpointRequest(bytes)).toEqual({ txid, vout })
        expectStrict(bytes, decodeOutpointRequest)
      }),
      { numRuns: 20 },
    )
  })

  it('response: present and absent entries round-trip, strict', () => {
    const { entry, proof } = proven[1]!
    for (const e of [entry, undefined]) {
      const m = { tipHash: new Uint8Array(32).fill(4), entry: e, proof }
      const bytes = encodeOutpointResponse(m)
      expect(decodeOutpointResponse(bytes)).toEqual(m)
      expectStrict(bytes, decodeOutpointResponse)
    }
    const absent = encodeOutpointResponse({ tipHash: new Uint8Array(32), entry: undefined, proof })
    const badFlag = absent.slice()
    badFlag[32] = 7
    expect(() => decodeOutpointResponse(badFlag)).toThrow(DecodeError)
    expectOnlyDecodeErrors(decodeOutpointResponse)
  })
})
