import { assertInputSize, invalidTag, Reader } from '../codec/reader.js'
import { Writer } from '../codec/writer.js'
import { DecodeError } from '../errors.js'
import { SMT_KEY_BITS } from './nodes.js'
import type { SmtProof } from './types.js'

const TAG_EMPTY = 0
const TAG_LEAF = 1

/** Largest encoding: tag, leaf, 2-byte count, 32-byte bitmap, 256 siblings. */
export const MAX_SMT_PROOF_BYTES = 1 + 64 + 2 + SMT_KEY_BITS / 8 + 32 * SMT_KEY_BITS

function isZero(h: Uint8Array): boolean {
  for (let i = 0; i < h.length; i++) if (h[i] !== 0) return false
  return true
}

/**
 * Compact canonical encoding of an SMT proof:
 * `u8 terminal (0 empty | 1 leaf) ‖ [key ‖ valueHash] ‖ varint siblingCount ‖ bitmap ‖ non-zero siblings`.
 * The bitmap has ⌈count/8⌉ bytes; bit i (byte i >> 3, bit i & 7, LSB first) is set when sibling i
 * is non-zero and therefore present. Empty siblings cost one bit, which matters: most of a
 * sparse path's upper siblings are full, but deep collisions add runs of empties.
 *
 * @throws {RangeError} when a sibling or leaf field is not 32 bytes or there are > 256 siblings.
 */
export function encodeSmtProof(proof: SmtProof): Uint8Array {
  const { siblings, terminal } = proof
  if (siblings.length > SMT_KEY_BITS)
    throw new RangeError(`encodeSmtProof: more than ${SMT_KEY_BITS} siblings`)
  const w = new Writer(70 + 33 * siblings.length)
  if (terminal.type === 'leaf') w.u8(TAG_LEAF).fixed(terminal.key, 32).fixed(terminal.valueHash, 32)
  else w.u8(TAG_EMPTY)
  w.varint(siblings.length)
  const bitmap = new Uint8Array(Math.ceil(siblings.length / 8))
  for (let i = 0; i < siblings.length; i++) {
    const s = siblings[i]!
    if (s.length !== 32) throw new RangeError(`encodeSmtProof: sibling ${i} is not 32 bytes`)
    if (!isZero(s)) bitmap[i >> 3]! |= 1 << (i & 7)
  }
  w.raw(bitmap)
  for (const s of siblings) if (!isZero(s)) w.raw(s)
  return w.finish()
}

/**
 * Strict decoding of `encodeSmtProof`'s output: known terminal tag, ≤ 256 siblings, bitmap
 * padding bits zero, no present sibling that is all zero (it must be marked absent instead),
 * minimal varint, no trailing bytes. Canonicality of the proof itself is checked on verification.
 *
 * @throws {DecodeError} on any malformed or non-canonical input.
 */
export function decodeSmtProof(bytes: Uint8Array): SmtProof {
  assertInputSize(bytes, MAX_SMT_PROOF_BYTES, 'SmtProof')
  const r = new Reader(bytes, 'SmtProof')
  const tag = r.u8('terminal')
  let terminal: SmtProof['terminal']
  if (tag === TAG_LEAF)
    terminal = { type: 'leaf', key: r.fixed(32, 'key'), valueHash: r.fixed(32, 'valueHash') }
  else if (tag === TAG_EMPTY) terminal = { type: 'empty' }
  else throw invalidTag('SmtProof', 'terminal', tag)
  const count = r.varint(SMT_KEY_BITS, 'siblings')
  const bitmap = r.fixed(Math.ceil(count / 8), 'bitmap')
  if (count % 8 !== 0 && bitmap[bitmap.length - 1]! >> (count % 8) !== 0) {
    throw new DecodeError({
      code: 'INVALID_VALUE',
      message: 'SmtProof: bitmap padding bits are not zero',
      details: { field: 'bitmap' },
    })
  }
  const siblings: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    if (((bitmap[i >> 3]! >> (i & 7)) & 1) === 0) {
      siblings.push(new Uint8Array(32))
      continue
    }
    const s = r.fixed(32, 'sibling')
    if (isZero(s)) {
      throw new DecodeError({
        code: 'INVALID_VALUE',
        message: `SmtProof: sibling ${i} is marked present but is all zero`,
        details: { field: 'sibling', index: i },
      })
    }
    siblings.push(s)
  }
  r.finish()
  return { siblings, terminal }
}
