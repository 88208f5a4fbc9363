import { blake3 as nobleBlake3 } from '@noble/hashes/blake3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { concatBytes, toHex, utf8 } from '../../src/bytes.js'
import {
  blake3,
  domainKey,
  hash,
  hashParts,
  hashRange,
  hashRangeInto,
  initHashing,
} from '../../src/hash/blake3.js'
import {
  BLAKE3_IV,
  hashChunk,
  KEYED_HASH,
  keyWords,
  SMALL_INPUT_MAX,
} from '../../src/hash/compress.js'
import { HASH_DOMAINS } from '../../src/hash/domains.js'

const KEY = utf8('whats the Elvish word for friend')
const input = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 251)

// BLAKE3-team/BLAKE3 test_vectors/test_vectors.json: first 32 bytes of each extended output.
const VECTORS = [
  {
    len: 0,
    hash: 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262',
    keyed: '92b2b75604ed3c761f9d6f62392c8a9227ad0ea3f09573e783f1498a4ed60d26',
  },
  {
    len: 1,
    hash: '2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213',
    keyed: '6d7878dfff2f485635d39013278ae14f1454b8c0a3a2d34bc1ab38228a80c95b',
  },
  {
    len: 64,
    keyed: 'ba8ced36f327700d213f120b1a207a3b8c04330528586f414d09f2f7d9ccb7e6',
  },
  {
    len: 1023,
    hash: '10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11',
    keyed: 'c951ecdf03288d0fcc96ee3413563d8a6d3589547f2c2fb36d9786470f1b9d6e',
  },
  {
    len: 1024,
    hash: '42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7',
    keyed: '75c46f6f3d9eb4f55ecaaee480db732e6c2105546f1e675003687c31719c7ba4',
  },
]

/** Splits `data` into parts at the given cut points (any order, duplicates allowed). */
function split(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b)
  const parts: Uint8Array[] = []
  let prev = 0
  for (const p of points) {
    parts.push(data.subarray(prev, p))
    prev = p
  }
  parts.push(data.subarray(prev))
  return parts
}

describe('hashChunk (BLAKE3 in one chunk, plain JS)', () => {
  it('matches the official BLAKE3 vectors, keyed and plain, up to a full chunk', () => {
    for (const v of VECTORS) {
      expect(toHex(hashChunk(keyWords(KEY), KEYED_HASH, [input(v.len)]))).toBe(v.keyed)
      if (v.hash) expect(toHex(hashChunk(BLAKE3_IV, 0, [input(v.len)]))).toBe(v.hash)
    }
  })

  it('equals @noble/hashes for every length up to 300 bytes and any split into parts', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (key, data, cuts) => {
          const parts = split(data, cuts)
          expect(hashChunk(keyWords(key), KEYED_HASH, parts)).toEqual(nobleBlake3(data, { key }))
          expect(hashChunk(BLAKE3_IV, 0, parts)).toEqual(nobleBlake3(data))
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('writes into `out` and leaves no state behind between calls', () => {
    const out = new Uint8Array(32)
    const a = hashChunk(keyWords(KEY), KEYED_HASH, [input(100)], out)
    expect(a).toBe(out)
    hashChunk(keyWords(KEY), KEYED_HASH, [input(3)])
    expect(hashChunk(keyWords(KEY), KEYED_HASH, [input(100)])).toEqual(a)
  })

  it('rejects a key that is not 32 bytes', () => {
    expect(() => keyWords(new Uint8Array(31))).toThrow(RangeError)
  })
})

describe('hash / hashParts / blake3 across the JS and WASM paths', () => {
  it('agree with @noble/hashes on both sides of SMALL_INPUT_MAX, before and after initHashing', async () => {
    const lengths = [0, 1, 31, 32, 63, 64, 65, SMALL_INPUT_MAX - 1, SMALL_INPUT_MAX]
    lengths.push(SMALL_INPUT_MAX + 1, 200, 1024, 1025, 5000)
    const check = () => {
      for (const n of lengths) {
        const data = input(n)
        for (const d of HASH_DOMAINS) {
          const expected = nobleBlake3(data, { key: domainKey(d) })
          expect(hash(d, data)).toEqual(expected)
          expect(hashParts(d, split(data, [n >> 1, n - 3]))).toEqual(expected)
        }
        expect(blake3(data)).toEqual(nobleBlake3(data))
      }
    }
    check()
    await initHashing()
    check()
  })

  it('hashRange and hashRangeInto equal hash of the subarray, on both paths, and check bounds', async () => {
    const property = () =>
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(), fc.nat(), (data, a, b) => {
          const start = a % (data.length + 1)
          const end = start + (b % (data.length - start + 1))
          const expected = nobleBlake3(data.subarray(start, end), { key: domainKey('utxo') })
          expect(hashRange('utxo', data, start, end)).toEqual(expected)
          const out = new Uint8Array(40).fill(7)
          hashRangeInto('utxo', data, start, end, out, 5)
          expect(out.subarray(5, 37)).toEqual(expected)
          expect([...out.subarray(0, 5), ...out.subarray(37)]).toEqual(Array(8).fill(7))
        }),
        { numRuns: 500 },
      )
    property()
    await initHashing()
    property()
    expect(() => hashRange('utxo', input(10), 4, 11)).toThrow(RangeError)
    expect(() => hashRange('utxo', input(10), 5, 4)).toThrow(RangeError)
    expect(() => hashRangeInto('utxo', input(10), 0, 10, new Uint8Array(40), 9)).toThrow(RangeError)
  })

  it('returns a fresh array each call (callers may keep or mutate it)', () => {
    const a = hash('txid', input(10))
    const b = hash('txid', input(10))
    expect(a).not.toBe(b)
    a.fill(0)
    expect(b).toEqual(hash('txid', input(10)))
    expect(concatBytes(b).length).toBe(32)
  })
})
