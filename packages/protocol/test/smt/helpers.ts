import { blake3 } from '@noble/hashes/blake3.js'
import { concatBytes, utf8 } from '../../src/bytes.js'
import { domainKey } from '../../src/hash/blake3.js'

const LEAF_KEY = domainKey('smtLeaf')
const NODE_KEY = domainKey('smtNode')

export const ZERO = new Uint8Array(32)
export const leafHash = (k: Uint8Array, v: Uint8Array) =>
  blake3(concatBytes(k, v), { key: LEAF_KEY })
export const nodeHash = (l: Uint8Array, r: Uint8Array) =>
  blake3(concatBytes(l, r), { key: NODE_KEY })
export const bit = (key: Uint8Array, i: number) => (key[i >> 3]! >> (7 - (i & 7))) & 1

export function flipBit(key: Uint8Array, i: number): Uint8Array {
  const out = key.slice()
  out[i >> 3]! ^= 0x80 >> (i & 7)
  return out
}

/** The compacted-SMT root straight from its definition (§ smt/nodes.ts), with noble BLAKE3. */
export function referenceRoot(
  entries: readonly (readonly [Uint8Array, Uint8Array])[],
  depth = 0,
): Uint8Array {
  if (entries.length === 0) return ZERO
  if (entries.length === 1) return leafHash(entries[0]![0], entries[0]![1])
  const left = entries.filter(([k]) => bit(k, depth) === 0)
  const right = entries.filter(([k]) => bit(k, depth) === 1)
  return nodeHash(referenceRoot(left, depth + 1), referenceRoot(right, depth + 1))
}

export const value = (i: number) => blake3(utf8(`value${i}`))

const base = blake3(utf8('base key'))

/**
 * 16 keys chosen to collide deeply: pairs that differ only in bit 255, 254, 100/101, 0/1, plus
 * unrelated ones — so random operations exercise long paths, collapses and splits.
 */
export const KEY_POOL: readonly Uint8Array[] = [
  base,
  flipBit(base, 255),
  flipBit(base, 254),
  flipBit(flipBit(base, 254), 255),
  flipBit(base, 0),
  flipBit(base, 1),
  flipBit(base, 100),
  flipBit(base, 101),
  flipBit(flipBit(base, 100), 255),
  ...Array.from({ length: 7 }, (_, i) => blake3(utf8(`key${i}`))),
]
