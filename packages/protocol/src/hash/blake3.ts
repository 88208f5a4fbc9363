import { blake3 as nobleBlake3 } from '@noble/hashes/blake3.js'
import { createBLAKE3, type IHasher } from 'hash-wasm'
import { utf8 } from '../bytes.js'
import {
  BLAKE3_IV,
  hashChunk,
  hashChunkRange,
  KEYED_HASH,
  keyWords,
  LITTLE_ENDIAN,
  SMALL_INPUT_MAX,
} from './compress.js'
import { domainContext, HASH_DOMAINS, type HashDomain } from './domains.js'

const EMPTY = new Uint8Array(0)

/** 32-byte keys of each domain, derived once with BLAKE3 `derive_key` (synchronous, noble). */
const DOMAIN_KEYS: Readonly<Record<HashDomain, Uint8Array>> = Object.fromEntries(
  HASH_DOMAINS.map((d) => [d, nobleBlake3(EMPTY, { context: utf8(domainContext(d)) })]),
) as Record<HashDomain, Uint8Array>

/** The same keys as little-endian words, for the JS path on short inputs. */
const DOMAIN_WORDS: Readonly<Record<HashDomain, Int32Array>> = Object.fromEntries(
  HASH_DOMAINS.map((d) => [d, keyWords(DOMAIN_KEYS[d])]),
) as Record<HashDomain, Int32Array>

/** Inputs up to this many bytes are hashed in JS (see compress.ts); 0 where that is unavailable. */
const JS_MAX = LITTLE_ENDIAN ? SMALL_INPUT_MAX : 0

/**
 * hash-wasm hashers, one per domain plus one unkeyed, created by `initHashing()`. They are reused
 * on hot paths (init/update/digest are synchronous once created). Until `initHashing()` resolves,
 * every function here falls back to @noble/hashes, which gives identical results.
 */
let wasm: { keyed: Record<HashDomain, IHasher>; plain: IHasher } | undefined
let loading: Promise<void> | undefined

/**
 * Load the WASM BLAKE3 hashers. Idempotent; safe to call concurrently. Hashing works before this
 * resolves (with the pure-JS fallback) — it is only faster after.
 */
export function initHashing(): Promise<void> {
  loading ??= (async () => {
    const entries = await Promise.all(
      HASH_DOMAINS.map(async (d) => [d, await createBLAKE3(256, DOMAIN_KEYS[d])] as const),
    )
    const plain = await createBLAKE3(256)
    wasm = { keyed: Object.fromEntries(entries) as Record<HashDomain, IHasher>, plain }
  })()
  return loading
}

/** True once the WASM hashers are in use. */
export function isHashingAccelerated(): boolean {
  return wasm !== undefined
}

/** Domain-separated BLAKE3-256 of `data`. */
export function hash(domain: HashDomain, data: Uint8Array): Uint8Array {
  if (data.length <= JS_MAX)
    return hashChunkRange(DOMAIN_WORDS[domain], KEYED_HASH, data, 0, data.length)
  if (wasm) {
    const h = wasm.keyed[domain]
    h.init()
    h.update(data)
    return h.digest('binary')
  }
  return nobleBlake3(data, { key: DOMAIN_KEYS[domain] })
}

function assertRange(data: Uint8Array, start: number, end: number): void {
  if (!(start >= 0 && start <= end && end <= data.length))
    throw new RangeError(`hashRange: [${start}, ${end}) is outside ${data.length} bytes`)
}

/**
 * `hash(domain, data.subarray(start, end))` without making the view on the short-input path: for
 * encodings in a scratch writer's buffer (see `Writer.scratch`).
 */
export function hashRange(
  domain: HashDomain,
  data: Uint8Array,
  start: number,
  end: number,
): Uint8Array {
  assertRange(data, start, end)
  if (end - start <= JS_MAX)
    return hashChunkRange(DOMAIN_WORDS[domain], KEYED_HASH, data, start, end)
  return hash(domain, data.subarray(start, end))
}

/** `hashRange` written into `out[outOffset, outOffset + 32)` instead of a new array. */
export function hashRangeInto(
  domain: HashDomain,
  data: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  outOffset: number,
): void {
  assertRange(data, start, end)
  if (!(outOffset >= 0 && outOffset + 32 <= out.length))
    throw new RangeError('hashRangeInto: the output does not have 32 bytes at the offset')
  if (end - start <= JS_MAX)
    hashChunkRange(DOMAIN_WORDS[domain], KEYED_HASH, data, start, end, out, outOffset)
  else out.set(hash(domain, data.subarray(start, end)), outOffset)
}

/** Domain-separated BLAKE3-256 of the concatenation of `parts`, without concatenating. */
export function hashParts(domain: HashDomain, parts: readonly Uint8Array[]): Uint8Array {
  let length = 0
  for (let i = 0; i < parts.length; i++) length += parts[i]!.length
  if (length <= JS_MAX) return hashChunk(DOMAIN_WORDS[domain], KEYED_HASH, parts)
  if (wasm) {
    const h = wasm.keyed[domain]
    h.init()
    for (const p of parts) h.update(p)
    return h.digest('binary')
  }
  const h = nobleBlake3.create({ key: DOMAIN_KEYS[domain] })
  for (const p of parts) h.update(p)
  return h.digest()
}

/** `hashParts` written into `out` (32 bytes, e.g. a slice of a larger buffer) instead of a new array. */
export function hashPartsInto(
  domain: HashDomain,
  parts: readonly Uint8Array[],
  out: Uint8Array,
): Uint8Array {
  let length = 0
  for (let i = 0; i < parts.length; i++) length += parts[i]!.length
  if (length <= JS_MAX) return hashChunk(DOMAIN_WORDS[domain], KEYED_HASH, parts, out)
  out.set(hashParts(domain, parts))
  return out
}

/**
 * Domain-separated BLAKE3-256 of two 32-byte halves (Merkle and SMT nodes). Uses the caller's
 * scratch buffer to avoid an allocation per node.
 */
export function hashPair(
  domain: HashDomain,
  left: Uint8Array,
  right: Uint8Array,
  scratch = new Uint8Array(64),
): Uint8Array {
  scratch.set(left, 0)
  scratch.set(right, 32)
  return hash(domain, scratch)
}

/** Plain (unkeyed) BLAKE3-256, as used by hashlock policies so preimages interoperate. */
export function blake3(data: Uint8Array): Uint8Array {
  if (data.length <= JS_MAX) return hashChunkRange(BLAKE3_IV, 0, data, 0, data.length)
  if (wasm) {
    wasm.plain.init()
    wasm.plain.update(data)
    return wasm.plain.digest('binary')
  }
  return nobleBlake3(data)
}

/** The 32-byte BLAKE3 key of a domain (for tests and for re-implementations in other languages). */
export function domainKey(domain: HashDomain): Uint8Array {
  return DOMAIN_KEYS[domain].slice()
}
