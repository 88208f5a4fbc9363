import { domainKey } from './blake3.js'
import type { HashDomain } from './domains.js'

/**
 * Keyed BLAKE3-256 of exactly 64 bytes — `left ‖ right`, two 32-byte halves — in plain JS.
 *
 * Why not `hashPair`: a 64-byte keyed BLAKE3 hash is a single compression (one chunk, one block,
 * flags CHUNK_START | CHUNK_END | ROOT | KEYED_HASH, counter 0), and doing it here without a
 * JS→WASM round trip, a copy into a scratch buffer and a re-keying per call is ~1.7× faster than
 * hash-wasm on the same input. Merkle and SMT nodes are all 64-byte hashes, so block validation,
 * UTXO-root updates and light-client proof checks all gain. The output is bit-for-bit
 * `hash(domain, left ‖ right)` (tested against @noble/hashes and hash-wasm), and it needs no
 * `initHashing()`.
 *
 * Inputs must be 32-byte arrays; callers validate (a shorter one would read as zeros).
 */
/** `out` (default: a new array) may alias `left` or `right`: all input is read before output is written. */
export type Hash64 = (left: Uint8Array, right: Uint8Array, out?: Uint8Array) => Uint8Array

const IV0 = 0x6a09e667
const IV1 = 0xbb67ae85 | 0
const IV2 = 0x3c6ef372
const IV3 = 0xa54ff53a | 0
/** CHUNK_START (1) | CHUNK_END (2) | ROOT (8) | KEYED_HASH (16). */
const FLAGS = 27
const BLOCK_LEN = 64

function word(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)
}

function put(out: Uint8Array, i: number, x: number): void {
  out[i] = x
  out[i + 1] = x >>> 8
  out[i + 2] = x >>> 16
  out[i + 3] = x >>> 24
}

/** BLAKE3 keyed hash of 64 bytes under a 32-byte `key`. @throws {RangeError} bad key length. */
export function createKeyedHash64(key: Uint8Array): Hash64 {
  if (!(key instanceof Uint8Array) || key.length !== 32)
    throw new RangeError('createKeyedHash64: key must be 32 bytes')
  const k0 = word(key, 0)
  const k1 = word(key, 4)
  const k2 = word(key, 8)
  const k3 = word(key, 12)
  const k4 = word(key, 16)
  const k5 = word(key, 20)
  const k6 = word(key, 24)
  const k7 = word(key, 28)
  return (left, right, out = new Uint8Array(32)) => {
    let m0 = word(left, 0)
    let m1 = word(left, 4)
    let m2 = word(left, 8)
    let m3 = word(left, 12)
    let m4 = word(left, 16)
    let m5 = word(left, 20)
    let m6 = word(left, 24)
    let m7 = word(left, 28)
    let m8 = word(right, 0)
    let m9 = word(right, 4)
    let m10 = word(right, 8)
    let m11 = word(right, 12)
    let m12 = word(right, 16)
    let m13 = word(right, 20)
    let m14 = word(right, 24)
    let m15 = word(right, 28)
    let v0 = k0
    let v1 = k1
    let v2 = k2
    let v3 = k3
    let v4 = k4
    let v5 = k5
    let v6 = k6
    let v7 = k7
    let v8 = IV0
    let v9 = IV1
    let v10 = IV2
    let v11 = IV3
    let v12 = 0 // counter low
    let v13 = 0 // counter high
    let v14 = BLOCK_LEN
    let v15 = FLAGS
    for (let round = 0; round < 7; round++) {
      // Columns, then diagonals: the quarter-round G of the BLAKE3 spec §2.2, inlined.
      v0 = (v0 + v4 + m0) | 0
      v12 ^= v0
      v12 = (v12 >>> 16) | (v12 << 16)
      v8 = (v8 + v12) | 0
      v4 ^= v8
      v4 = (v4 >>> 12) | (v4 << 20)
      v0 = (v0 + v4 + m1) | 0
      v12 ^= v0
      v12 = (v12 >>> 8) | (v12 << 24)
      v8 = (v8 + v12) | 0
      v4 ^= v8
      v4 = (v4 >>> 7) | (v4 << 25)
      v1 = (v1 + v5 + m2) | 0
      v13 ^= v1
      v13 = (v13 >>> 16) | (v13 << 16)
      v9 = (v9 + v13) | 0
      v5 ^= v9
      v5 = (v5 >>> 12) | (v5 << 20)
      v1 = (v1 + v5 + m3) | 0
      v13 ^= v1
      v13 = (v13 >>> 8) | (v13 << 24)
      v9 = (v9 + v13) | 0
      v5 ^= v9
      v5 = (v5 >>> 7) | (v5 << 25)
      v2 = (v2 + v6 + m4) | 0
      v14 ^= v2
      v14 = (v14 >>> 16) | (v14 << 16)
      v10 = (v10 + v14) | 0
      v6 ^= v10
      v6 = (v6 >>> 12) | (v6 << 20)
      v2 = (v2 + v6 + m5) | 0
      v14 ^= v2
      v14 = (v14 >>> 8) | (v14 << 24)
      v10 = (v10 + v14) | 0
      v6 ^= v10
      v6 = (v6 >>> 7) | (v6 << 25)
      v3 = (v3 + v7 + m6) | 0
      v15 ^= v3
      v15 = (v15 >>> 16) | (v15 << 16)
      v11 = (v11 + v15) | 0
      v7 ^= v11
      v7 = (v7 >>> 12) | (v7 << 20)
      v3 = (v3 + v7 + m7) | 0
      v15 ^= v3
      v15 = (v15 >>> 8) | (v15 << 24)
      v11 = (v11 + v15) | 0
      v7 ^= v11
      v7 = (v7 >>> 7) | (v7 << 25)
      v0 = (v0 + v5 + m8) | 0
      v15 ^= v0
      v15 = (v15 >>> 16) | (v15 << 16)
      v10 = (v10 + v15) | 0
      v5 ^= v10
      v5 = (v5 >>> 12) | (v5 << 20)
      v0 = (v0 + v5 + m9) | 0
      v15 ^= v0
      v15 = (v15 >>> 8) | (v15 << 24)
      v10 = (v10 + v15) | 0
      v5 ^= v10
      v5 = (v5 >>> 7) | (v5 << 25)
      v1 = (v1 + v6 + m10) | 0
      v12 ^= v1
      v12 = (v12 >>> 16) | (v12 << 16)
      v11 = (v11 + v12) | 0
      v6 ^= v11
      v6 = (v6 >>> 12) | (v6 << 20)
      v1 = (v1 + v6 + m11) | 0
      v12 ^= v1
      v12 = (v12 >>> 8) | (v12 << 24)
      v11 = (v11 + v12) | 0
      v6 ^= v11
      v6 = (v6 >>> 7) | (v6 << 25)
      v2 = (v2 + v7 + m12) | 0
      v13 ^= v2
      v13 = (v13 >>> 16) | (v13 << 16)
      v8 = (v8 + v13) | 0
      v7 ^= v8
      v7 = (v7 >>> 12) | (v7 << 20)
      v2 = (v2 + v7 + m13) | 0
      v13 ^= v2
      v13 = (v13 >>> 8) | (v13 << 24)
      v8 = (v8 + v13) | 0
      v7 ^= v8
      v7 = (v7 >>> 7) | (v7 << 25)
      v3 = (v3 + v4 + m14) | 0
      v14 ^= v3
      v14 = (v14 >>> 16) | (v14 << 16)
      v9 = (v9 + v14) | 0
      v4 ^= v9
      v4 = (v4 >>> 12) | (v4 << 20)
      v3 = (v3 + v4 + m15) | 0
      v14 ^= v3
      v14 = (v14 >>> 8) | (v14 << 24)
      v9 = (v9 + v14) | 0
      v4 ^= v9
      v4 = (v4 >>> 7) | (v4 << 25)
      if (round === 6) break
      // The fixed message permutation applied between rounds.
      const t0 = m2,
        t1 = m6,
        t2 = m3,
        t3 = m10,
        t4 = m7,
        t5 = m0,
        t6 = m4,
        t7 = m13,
        t8 = m1,
        t9 = m11,
        t10 = m12,
        t11 = m5,
        t12 = m9,
        t13 = m14,
        t14 = m15,
        t15 = m8
      m0 = t0
      m1 = t1
      m2 = t2
      m3 = t3
      m4 = t4
      m5 = t5
      m6 = t6
      m7 = t7
      m8 = t8
      m9 = t9
      m10 = t10
      m11 = t11
      m12 = t12
      m13 = t13
      m14 = t14
      m15 = t15
    }
    put(out, 0, v0 ^ v8)
    put(out, 4, v1 ^ v9)
    put(out, 8, v2 ^ v10)
    put(out, 12, v3 ^ v11)
    put(out, 16, v4 ^ v12)
    put(out, 20, v5 ^ v13)
    put(out, 24, v6 ^ v14)
    put(out, 28, v7 ^ v15)
    return out
  }
}

/** `hash(domain, left ‖ right)` for two 32-byte halves, via `createKeyedHash64`. */
export function createNodeHasher(domain: HashDomain): Hash64 {
  return createKeyedHash64(domainKey(domain))
}
