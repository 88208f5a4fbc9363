/**
 * Golomb-coded sets (BIP158 §"Golomb-Coded Sets"), the engine of the compact block filter.
 *
 * N distinct items are hashed (keyed by the block's prevHash) to uniform 64-bit values and mapped
 * into [0, F) with F = N·M by a 64×64→128 multiply-high, `⌊h·F / 2^64⌋` (unbiased, no modulo).
 * The sorted values are delta-encoded with Golomb-Rice parameter P: for each delta, ⌊delta/2^P⌋
 * in unary (ones then a zero) and delta mod 2^P in P bits, MSB first.
 *
 * False positives: a queried non-member maps to a uniform value in [0, F); it matches if it lands
 * on one of the ≤ N set values, so FPR ≤ N/F = 1/M per queried item. For a wallet querying k
 * items against a block, P(false match) ≤ k/M (union bound). With M = 784931: ≈ 1.27·10⁻⁶.
 *
 * Size: deltas are ≈ exponential with mean F/N = M, so E[⌊delta/2^P⌋] = 1/(e^{2^P/M} − 1) ≈ 1.05
 * for P = 19 (2^19/M ≈ 0.668), and each item costs P + 1 + 1.05 ≈ 21.05 bits ≈ 2.63 bytes.
 * BIP158 chose M = 1.497137·2^P as the size-optimal pairing for P = 19.
 */
import { toHex } from '../bytes.js'
import { assertInputSize, Reader } from '../codec/reader.js'
import { Writer } from '../codec/writer.js'
import { DecodeError } from '../errors.js'
import { hashParts } from '../hash/blake3.js'
import { BitReader, BitWriter } from './bits.js'

/** Golomb-Rice parameter, range factor and decoding caps of one kind of filter. */
export type GcsParams = {
  readonly p: number
  readonly m: number
  readonly maxItems: number
  readonly maxBytes: number
}

function assertKey(key: unknown): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== 32)
    throw new TypeError('filter: key must be a 32-byte Uint8Array')
}

/** `⌊h·F / 2^64⌋` where h = the first 8 bytes (LE) of `hash('filterKey', key ‖ item)`. */
function hashToRange(key: Uint8Array, item: Uint8Array, range: bigint): number {
  const d = hashParts('filterKey', [key, item])
  const lo = (d[0]! | (d[1]! << 8) | (d[2]! << 16) | (d[3]! << 24)) >>> 0
  const hi = (d[4]! | (d[5]! << 8) | (d[6]! << 16) | (d[7]! << 24)) >>> 0
  return Number((((BigInt(hi) << 32n) | BigInt(lo)) * range) >> 64n)
}

/**
 * A string equal for equal byte strings only: one code unit per byte for short items (cheap to
 * build and hash), hex behind another prefix for long ones (argument-count limits).
 */
function itemKey(item: Uint8Array): string {
  return item.length <= 256
    ? `b${String.fromCharCode.apply(null, item as unknown as number[])}`
    : `h${toHex(item)}`
}

/** Distinct items (byte-wise), in first-seen order. */
function distinct(items: Iterable<Uint8Array>): Uint8Array[] {
  const seen = new Set<string>()
  const out: Uint8Array[] = []
  for (const item of items) {
    if (!(item instanceof Uint8Array)) throw new TypeError('filter: items must be Uint8Arrays')
    const id = itemKey(item)
    if (seen.has(id)) continue
    seen.add(id)
    out.push(item)
  }
  return out
}

/**
 * Encode the set of `items` as `varint N ‖ Golomb-Rice bitstream` (zero-padded to a byte).
 * @throws {TypeError} bad key or item; {RangeError} more than `params.maxItems` distinct items.
 */
export function buildGcs(
  key: Uint8Array,
  items: Iterable<Uint8Array>,
  params: GcsParams,
): Uint8Array {
  assertKey(key)
  const unique = distinct(items)
  const n = unique.length
  if (n > params.maxItems)
    throw new RangeError(`filter: ${n} items exceeds the cap ${params.maxItems}`)
  const range = BigInt(n) * BigInt(params.m)
  const values = new Float64Array(n)
  for (let i = 0; i < n; i++) values[i] = hashToRange(key, unique[i]!, range)
  values.sort()
  const bits = new BitWriter(Math.ceil((n * (params.p + 3)) / 8))
  const div = 2 ** params.p
  let prev = 0
  for (let i = 0; i < n; i++) {
    const delta = values[i]! - prev
    prev = values[i]!
    const q = Math.floor(delta / div)
    bits.unary(q)
    bits.fixed(delta - q * div, params.p)
  }
  const stream = bits.finish()
  return new Writer(stream.length + 4).varint(n).raw(stream).finish()
}

function decodeError(
  code: 'UNEXPECTED_END' | 'INVALID_VALUE' | 'TRAILING_BYTES',
  message: string,
): DecodeError {
  return new DecodeError({ code, message: `BlockFilter: ${message}` })
}

/**
 * Strictly decode a filter to its N sorted values in [0, N·M). Rejects: N above the cap, input
 * above the size cap, a truncated stream, a value ≥ N·M, non-zero padding bits, trailing bytes.
 * @throws {DecodeError}
 */
export function decodeGcs(filter: Uint8Array, params: GcsParams): Float64Array {
  assertInputSize(filter, params.maxBytes, 'BlockFilter')
  const r = new Reader(filter, 'BlockFilter')
  const n = r.varint(params.maxItems, 'count')
  const stream = filter.subarray(r.offset)
  // Each item takes at least P + 1 bits: check before allocating from the untrusted count.
  if (n * (params.p + 1) > stream.length * 8) {
    throw decodeError('UNEXPECTED_END', `${n} items cannot fit in ${stream.length} bytes`)
  }
  const values = new Float64Array(n)
  const range = n * params.m
  const div = 2 ** params.p
  const bits = new BitReader(stream)
  let v = 0
  for (let i = 0; i < n; i++) {
    const q = bits.unary()
    const rem = q < 0 ? -1 : bits.fixed(params.p)
    if (rem < 0) throw decodeError('UNEXPECTED_END', `the bitstream ends inside item ${i} of ${n}`)
    v += q * div + rem
    if (v >= range)
      throw decodeError('INVALID_VALUE', `item ${i} value ${v} is outside [0, ${range})`)
    values[i] = v
  }
  if (stream.length - Math.ceil(bits.position / 8) > 0) {
    throw decodeError(
      'TRAILING_BYTES',
      `${stream.length - Math.ceil(bits.position / 8)} bytes after the last item`,
    )
  }
  if (!bits.atCleanEnd())
    throw decodeError('INVALID_VALUE', 'padding bits after the last item are not zero')
  return values
}

/**
 * True when any of `items` hashes onto a value of the decoded set `values` (built with `key`).
 * @throws {TypeError} bad key or item.
 */
export function matchGcs(
  values: Float64Array,
  key: Uint8Array,
  items: Iterable<Uint8Array>,
  params: GcsParams,
): boolean {
  assertKey(key)
  const n = values.length
  const range = BigInt(n) * BigInt(params.m)
  const queries: number[] = []
  for (const item of items) {
    if (!(item instanceof Uint8Array)) throw new TypeError('filter: items must be Uint8Arrays')
    if (n > 0) queries.push(hashToRange(key, item, range))
  }
  if (queries.length === 0) return false
  queries.sort((a, b) => a - b)
  let i = 0
  let j = 0
  while (i < n && j < queries.length) {
    const a = values[i]!
    const b = queries[j]!
    if (a === b) return true
    if (a < b) i++
    else j++
  }
  return false
}
