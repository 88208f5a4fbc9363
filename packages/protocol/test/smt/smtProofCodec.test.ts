import { blake3 } from '@noble/hashes/blake3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { concatBytes, fromHex, utf8 } from '../../src/bytes.js'
import { DecodeError } from '../../src/errors.js'
import { SparseMerkleTree } from '../../src/smt/SparseMerkleTree.js'
import { decodeSmtProof, encodeSmtProof, MAX_SMT_PROOF_BYTES } from '../../src/smt/smtProofCodec.js'
import type { SmtProof } from '../../src/smt/types.js'
import { flipBit, KEY_POOL, value } from './helpers.js'

const decodeCode = (bytes: Uint8Array) => {
  try {
    decodeSmtProof(bytes)
    return 'ok'
  } catch (e) {
    expect(e).toBeInstanceOf(DecodeError)
    return (e as DecodeError).code
  }
}

const h = (b: number) => new Uint8Array(32).fill(b)

describe('encodeSmtProof / decodeSmtProof', () => {
  it('round-trips proofs of present and absent keys', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(KEY_POOL.length - 1)),
        fc.nat(KEY_POOL.length - 1),
        (idx, q) => {
          const tree = SparseMerkleTree.EMPTY.update(
            idx.map((i) => ({ key: KEY_POOL[i]!, valueHash: value(i) })),
          )
          const proof = tree.createProof(KEY_POOL[q]!)
          const bytes = encodeSmtProof(proof)
          expect(decodeSmtProof(bytes)).toEqual(proof)
          expect(encodeSmtProof(decodeSmtProof(bytes))).toEqual(bytes)
        },
      ),
    )
  })

  it('has the documented layout, with empty siblings costing one bit', () => {
    const key = h(1)
    const proof: SmtProof = {
      siblings: [h(2), h(0), h(3)],
      terminal: { type: 'leaf', key, valueHash: h(4) },
    }
    expect(encodeSmtProof(proof)).toEqual(
      concatBytes(fromHex('01'), key, h(4), fromHex('0305'), h(2), h(3)),
    )
    expect(encodeSmtProof({ siblings: [], terminal: { type: 'empty' } })).toEqual(fromHex('0000'))
    const a = blake3(utf8('deep'))
    const deep = SparseMerkleTree.EMPTY.set(a, value(1))
      .set(flipBit(a, 255), value(2))
      .createProof(a)
    expect(encodeSmtProof(deep).length).toBe(1 + 64 + 2 + 32 + 32) // 256 siblings, 255 of them empty
  })

  it('rejects malformed encodings', () => {
    const good = concatBytes(fromHex('0002'), fromHex('03'), h(2), h(3))
    expect(decodeCode(good)).toBe('ok')
    expect(decodeCode(concatBytes(good, fromHex('00')))).toBe('TRAILING_BYTES')
    expect(decodeCode(good.subarray(0, good.length - 1))).toBe('UNEXPECTED_END')
    expect(decodeCode(fromHex(''))).toBe('UNEXPECTED_END')
    expect(decodeCode(concatBytes(fromHex('0202'), fromHex('03'), h(2), h(3)))).toBe('INVALID_TAG')
    expect(decodeCode(concatBytes(fromHex('0002'), fromHex('07'), h(2), h(3), h(4)))).toBe(
      'INVALID_VALUE',
    ) // padding bit
    expect(decodeCode(concatBytes(fromHex('0002'), fromHex('03'), h(2), h(0)))).toBe(
      'INVALID_VALUE',
    ) // zero marked present
    expect(decodeCode(concatBytes(fromHex('008202'), new Uint8Array(33)))).toBe('LENGTH_TOO_LARGE') // 258 siblings
    expect(decodeCode(concatBytes(fromHex('008001'), new Uint8Array(16)))).toBe('ok') // 128 empty siblings
    expect(decodeCode(concatBytes(fromHex('00800001')))).toBe('NON_MINIMAL_VARINT')
    expect(decodeCode(concatBytes(fromHex('01'), h(1)))).toBe('UNEXPECTED_END') // leaf cut short
    expect(decodeCode(new Uint8Array(MAX_SMT_PROOF_BYTES + 1))).toBe('INPUT_TOO_LARGE')
  })

  it('refuses to encode malformed proofs', () => {
    expect(() =>
      encodeSmtProof({ siblings: [new Uint8Array(31)], terminal: { type: 'empty' } }),
    ).toThrow(RangeError)
    expect(() =>
      encodeSmtProof({
        siblings: Array.from({ length: 257 }, () => h(1)),
        terminal: { type: 'empty' },
      }),
    ).toThrow(RangeError)
    expect(() =>
      encodeSmtProof({
        siblings: [],
        terminal: { type: 'leaf', key: h(1), valueHash: new Uint8Array(1) },
      }),
    ).toThrow(RangeError)
  })
})
