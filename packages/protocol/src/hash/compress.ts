/**
 * The BLAKE3 compression function and a keyed hasher for short inputs, in plain JS.
 *
 * Why: hash-wasm pays a JS→WASM round trip, a copy in and a copy out per call (~0.4–0.8 µs on
 * the reference machine), which dominates for the short inputs consensus hashes most — txids,
 * sighash parts, UTXO keys and values, policy hashes, Merkle and SMT nodes. Up to
 * {@link SMALL_INPUT_MAX} bytes (one chunk, at most two blocks) the compression below is
 * about twice as fast as that round trip. Longer inputs go to hash-wasm. Results are bit for bit
 * BLAKE3 (tested against the official vectors, @noble/hashes and hash-wasm).
 */

/** The longest input the JS path takes: measured break-even with hash-wasm is ~150 bytes. */
export const SMALL_INPUT_MAX = 128

/** BLAKE3 flags (spec §2.1). */
export const CHUNK_START = 1
export const CHUNK_END = 2
export const ROOT = 8
export const KEYED_HASH = 16

const IV0 = 0x6a09e667
const IV1 = 0xbb67ae85 | 0
const IV2 = 0x3c6ef372
const IV3 = 0xa54ff53a | 0

/** The eight IV words: the key of unkeyed BLAKE3. */
export const BLAKE3_IV = Int32Array.of(
  IV0,
  IV1,
  IV2,
  IV3,
  0x510e527f,
  0x9b05688c | 0,
  0x1f83d9ab,
  0x5be0cd19,
)

/**
 * One compression with counter 0: `cv` (8 words) becomes the first half of the output,
 * `compress(cv, m, 0, blockLen, flags)[0..8]` — the chaining value, or the root hash when
 * `flags` has ROOT. `m` holds the 16 little-endian message words of the (zero-padded) block.
 */
export function compress(cv: Int32Array, m: Int32Array, blockLen: number, flags: number): void {
  let m0 = m[0]!
  let m1 = m[1]!
  let m2 = m[2]!
  let m3 = m[3]!
  let m4 = m[4]!
  let m5 = m[5]!
  let m6 = m[6]!
  let m7 = m[7]!
  let m8 = m[8]!
  let m9 = m[9]!
  let m10 = m[10]!
  let m11 = m[11]!
  let m12 = m[12]!
  let m13 = m[13]!
  let m14 = m[14]!
  let m15 = m[15]!
  let v0 = cv[0]!
  let v1 = cv[1]!
  let v2 = cv[2]!
  let v3 = cv[3]!
  let v4 = cv[4]!
  let v5 = cv[5]!
  let v6 = cv[6]!
  let v7 = cv[7]!
  let v8 = IV0
  let v9 = IV1
  let v10 = IV2
  let v11 = IV3
  let v12 = 0 // counter low
  let v13 = 0 // counter high
  let v14 = blockLen
  let v15 = flags
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
  cv[0] = v0 ^ v8
  cv[1] = v1 ^ v9
  cv[2] = v2 ^ v10
  cv[3] = v3 ^ v11
  cv[4] = v4 ^ v12
  cv[5] = v5 ^ v13
  cv[6] = v6 ^ v14
  cv[7] = v7 ^ v15
}

/**
 * True where typed arrays are little-endian (every mainstream engine): the JS path reads message
 * words through an Int32Array view. Elsewhere callers use hash-wasm or @noble/hashes.
 */
export const LITTLE_ENDIAN = new Uint8Array(Int32Array.of(1).buffer)[0] === 1

/** The 8 little-endian words of a 32-byte key. @throws {RangeError} when not 32 bytes. */
export function keyWords(key: Uint8Array): Int32Array {
  if (!(key instanceof Uint8Array) || key.length !== 32)
    throw new RangeError('BLAKE3 key must be 32 bytes')
  const w = new Int32Array(8)
  for (let i = 0; i < 8; i++)
    w[i] = key[4 * i]! | (key[4 * i + 1]! << 8) | (key[4 * i + 2]! << 16) | (key[4 * i + 3]! << 24)
  return w
}

// Scratch state shared by every call: safe because nothing here yields or re-enters.
const block = new Uint8Array(64)
const words = new Int32Array(block.buffer)
const cv = new Int32Array(8)
const cvBytes = new Uint8Array(cv.buffer)

// The chunk being hashed by `hashChunk`/`hashChunkRange`: filled block bytes and the flags of the
// next compression.
let fill = 0
let chunkFlags = 0
let nextFlags = 0

function beginChunk(key: Int32Array, flags: number): void {
  cv.set(key)
  fill = 0
  chunkFlags = flags
  nextFlags = flags | CHUNK_START
}

/** Appends `data[start, end)`: a byte loop, no subarray per part (inputs here are short). */
function absorb(data: Uint8Array, start: number, end: number): void {
  // Locals in the loop: module-level lets would be loaded and stored on every byte.
  let f = fill
  let i = start
  while (i < end) {
    if (f === 64) {
      compress(cv, words, 64, nextFlags)
      nextFlags = chunkFlags
      f = 0
    }
    const n = 64 - f < end - i ? 64 - f : end - i
    for (let k = 0; k < n; k++) block[f + k] = data[i + k]!
    f += n
    i += n
  }
  fill = f
}

function finishChunk(out: Uint8Array, offset: number): Uint8Array {
  block.fill(0, fill)
  compress(cv, words, fill, nextFlags | CHUNK_END | ROOT)
  out.set(cvBytes, offset)
  return out
}

/**
 * BLAKE3-256 of the concatenation of `parts` in one chunk — keyed when `flags` is KEYED_HASH
 * (with `key` the key's words), plain when `flags` is 0 (with `key` = {@link BLAKE3_IV}).
 * The caller keeps the total length ≤ 1024 bytes (one chunk; {@link SMALL_INPUT_MAX} is where
 * this pays) and checks {@link LITTLE_ENDIAN}.
 */
export function hashChunk(
  key: Int32Array,
  flags: number,
  parts: readonly Uint8Array[],
  out: Uint8Array = new Uint8Array(32),
): Uint8Array {
  beginChunk(key, flags)
  for (let p = 0; p < parts.length; p++) absorb(parts[p]!, 0, parts[p]!.length)
  return finishChunk(out, 0)
}

/** `hashChunk` of `data[start, end)`, without a view of the range, into `out` at `outOffset`. */
export function hashChunkRange(
  key: Int32Array,
  flags: number,
  data: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array = new Uint8Array(32),
  outOffset = 0,
): Uint8Array {
  beginChunk(key, flags)
  absorb(data, start, end)
  return finishChunk(out, outOffset)
}

/** `hashChunk` of exactly `left ‖ right` (two 32-byte halves), without the parts loop. */
export function hashChunk64(
  key: Int32Array,
  left: Uint8Array,
  right: Uint8Array,
  out: Uint8Array,
): Uint8Array {
  block.set(left, 0)
  block.set(right, 32)
  cv.set(key)
  compress(cv, words, 64, KEYED_HASH | CHUNK_START | CHUNK_END | ROOT)
  out.set(cvBytes)
  return out
}
