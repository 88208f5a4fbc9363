import { blake3 } from '@noble/hashes/blake3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { concatBytes, toHex, utf8 } from '../../src/bytes.js'
import { domainKey, hash, initHashing } from '../../src/hash/blake3.js'
import { createKeyedHash64, createNodeHasher } from '../../src/hash/hash64.js'

const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 })

describe('createKeyedHash64', () => {
  it('equals BLAKE3 keyed_hash on the official test-vector key and input pattern (64 bytes)', () => {
    const key = utf8('whats the Elvish word for friend')
    const input = Uint8Array.from({ length: 64 }, (_, i) => i % 251)
    // BLAKE3-team/BLAKE3 test_vectors.json, input_len 64, keyed_hash (first 32 bytes).
    const expected = 'ba8ced36f327700d213f120b1a207a3b8c04330528586f414d09f2f7d9ccb7e6'
    expect(toHex(blake3(input, { key }))).toBe(expected)
    expect(toHex(createKeyedHash64(key)(input.subarray(0, 32), input.subarray(32)))).toBe(expected)
  })

  it('equals @noble/hashes keyed BLAKE3 for random keys and inputs', () => {
    fc.assert(
      fc.property(bytes32, bytes32, bytes32, (key, l, r) => {
        expect(createKeyedHash64(key)(l, r)).toEqual(blake3(concatBytes(l, r), { key }))
      }),
      { numRuns: 2000 },
    )
  })

  it('equals hash(domain, left ‖ right) on hash-wasm for the tree domains', async () => {
    await initHashing()
    for (const domain of ['merkle', 'smtLeaf', 'smtNode'] as const) {
      const h = createNodeHasher(domain)
      fc.assert(
        fc.property(bytes32, bytes32, (l, r) => {
          expect(h(l, r)).toEqual(hash(domain, concatBytes(l, r)))
        }),
        { numRuns: 500 },
      )
    }
    expect(createNodeHasher('merkle')(new Uint8Array(32), new Uint8Array(32))).toEqual(
      blake3(new Uint8Array(64), { key: domainKey('merkle') }),
    )
  })

  it('rejects a key that is not 32 bytes', () => {
    expect(() => createKeyedHash64(new Uint8Array(16))).toThrow(RangeError)
  })
})
