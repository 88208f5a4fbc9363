import { Reader } from '../codec/reader.js'
import { Writer } from '../codec/writer.js'
import { DecodeError } from '../errors.js'
import { PolicyError } from './errors.js'
import { assertPolicy } from './rules.js'
import { SCHEME_SIZES } from './schemes.js'
import {
  type KeyRef,
  POLICY_LIMITS,
  type Policy,
  type PolicyType,
  type Satisfaction,
} from './types.js'

/**
 * Satisfactions are encoded *guided by their policy*, so they carry no tags and no signature
 * lengths: key → signature (the scheme's length); multisig → a bitmap of ⌈n/8⌉ bytes (bit i of
 * byte i/8, least significant first) with exactly `threshold` bits set and none at or beyond n,
 * then the signatures in key order; hashlock → varint length (≤ maxPreimageBytes) and preimage;
 * after/older → nothing; and → each child; or → u8 branch index, then that branch;
 * thresh → a bitmap like multisig with exactly `threshold` bits, then the present children.
 */

/** The satisfaction node kind that answers each policy node kind. */
const SATISFACTION_TYPE: Readonly<Record<PolicyType, Satisfaction['type']>> = {
  key: 'signature',
  multisig: 'multisig',
  hashlock: 'preimage',
  after: 'none',
  older: 'none',
  and: 'and',
  or: 'or',
  thresh: 'thresh',
}

function mismatch(path: string, message: string): PolicyError {
  return new PolicyError({
    code: 'SATISFACTION_MISMATCH',
    message: `${path}: ${message}`,
    details: { path },
  })
}

function checkCount(path: string, present: number, threshold: number): void {
  if (present < threshold) {
    throw new PolicyError({
      code: 'THRESHOLD_NOT_MET',
      message: `${path}: ${present} present, threshold ${threshold}`,
      details: { path, present, threshold },
    })
  }
  if (present > threshold) {
    throw mismatch(path, `${present} present, exactly ${threshold} allowed`)
  }
}

function checkSignature(path: string, key: KeyRef, signature: unknown): void {
  const want = SCHEME_SIZES[key.scheme].signature
  if (!(signature instanceof Uint8Array) || signature.length !== want) {
    throw mismatch(path, `${key.scheme} signature must be ${want} bytes`)
  }
}

/**
 * Throws unless `s` has the shape of a satisfaction of `policy` (which must be valid): matching
 * node kinds, exact signature lengths, multisig indices strictly increasing and in range with
 * exactly `threshold` signatures, preimages within the cap, thresh with exactly `threshold`
 * children present, and/or indices in range. Shapes that pass encode canonically.
 * @throws {PolicyError} `SATISFACTION_MISMATCH` or `THRESHOLD_NOT_MET`.
 */
export function assertSatisfactionShape(
  policy: Policy,
  s: Satisfaction,
  path = 'satisfaction',
): void {
  if (typeof s !== 'object' || s === null) throw mismatch(path, 'expected a satisfaction')
  const expected = SATISFACTION_TYPE[policy.type]
  if (s.type !== expected)
    throw mismatch(path, `expected ${expected} for ${policy.type}, got ${String(s.type)}`)
  if (policy.type === 'key' && s.type === 'signature') {
    checkSignature(path, policy.key, s.signature)
  } else if (policy.type === 'multisig' && s.type === 'multisig') {
    if (!Array.isArray(s.signatures)) throw mismatch(path, 'signatures must be an array')
    let last = -1
    s.signatures.forEach((entry, i) => {
      const { index, signature } =
        typeof entry === 'object' && entry !== null ? entry : { index: -1, signature: undefined }
      if (!Number.isInteger(index) || index <= last || index >= policy.keys.length) {
        throw mismatch(
          `${path}.signatures[${i}]`,
          `key index ${index} must increase and be < ${policy.keys.length}`,
        )
      }
      last = index
      checkSignature(`${path}.signatures[${i}]`, policy.keys[index]!, signature)
    })
    checkCount(path, s.signatures.length, policy.threshold)
  } else if (policy.type === 'hashlock' && s.type === 'preimage') {
    if (!(s.preimage instanceof Uint8Array) || s.preimage.length > POLICY_LIMITS.maxPreimageBytes) {
      throw mismatch(path, `preimage must be at most ${POLICY_LIMITS.maxPreimageBytes} bytes`)
    }
  } else if (policy.type === 'and' && s.type === 'and') {
    sameLength(path, s.satisfactions, policy.policies.length)
    policy.policies.forEach((c, i) => {
      assertSatisfactionShape(c, s.satisfactions[i]!, `${path}.and[${i}]`)
    })
  } else if (policy.type === 'or' && s.type === 'or') {
    const child = Number.isInteger(s.index) ? policy.policies[s.index] : undefined
    if (child === undefined) throw mismatch(path, `branch ${s.index} out of range`)
    assertSatisfactionShape(child, s.satisfaction, `${path}.or[${s.index}]`)
  } else if (policy.type === 'thresh' && s.type === 'thresh') {
    sameLength(path, s.satisfactions, policy.policies.length)
    let present = 0
    policy.policies.forEach((c, i) => {
      const sub = s.satisfactions[i]
      if (sub === null) return
      present++
      assertSatisfactionShape(c, sub!, `${path}.thresh[${i}]`)
    })
    checkCount(path, present, policy.threshold)
  }
}

function sameLength(path: string, list: unknown, n: number): void {
  if (!Array.isArray(list) || list.length !== n) throw mismatch(path, `expected ${n} entries`)
}

/**
 * Append the encoding of `s` as a satisfaction of `policy`.
 * @throws {PolicyError} `SATISFACTION_MISMATCH` or `THRESHOLD_NOT_MET` (see
 * `assertSatisfactionShape`); `INVALID_POLICY` when `policy` itself is invalid.
 */
export function writeSatisfaction(w: Writer, s: Satisfaction, policy: Policy): void {
  assertPolicy(policy)
  assertSatisfactionShape(policy, s)
  writeNode(w, s, policy)
}

/** The encoding of `s` under `policy`; `decodeSatisfaction(…, policy)` is its exact inverse. */
export function encodeSatisfaction(s: Satisfaction, policy: Policy): Uint8Array {
  const w = new Writer()
  writeSatisfaction(w, s, policy)
  return w.finish()
}

function writeBitmap(w: Writer, n: number, present: readonly number[]): void {
  const bitmap = new Uint8Array(Math.ceil(n / 8))
  for (const i of present) bitmap[i >> 3]! |= 1 << (i & 7)
  w.raw(bitmap)
}

// Shape already checked: the casts below only narrow what assertSatisfactionShape proved.
function writeNode(w: Writer, s: Satisfaction, p: Policy): void {
  if (s.type === 'signature') w.raw(s.signature)
  else if (s.type === 'preimage') w.bytes(s.preimage)
  else if (s.type === 'multisig') {
    writeBitmap(
      w,
      (p as { keys: readonly KeyRef[] }).keys.length,
      s.signatures.map((x) => x.index),
    )
    for (const x of s.signatures) w.raw(x.signature)
  } else if (s.type === 'and') {
    const children = (p as { policies: readonly Policy[] }).policies
    s.satisfactions.forEach((c, i) => {
      writeNode(w, c, children[i]!)
    })
  } else if (s.type === 'or') {
    w.u8(s.index)
    writeNode(w, s.satisfaction, (p as { policies: readonly Policy[] }).policies[s.index]!)
  } else if (s.type === 'thresh') {
    const children = (p as { policies: readonly Policy[] }).policies
    const present = s.satisfactions.flatMap((c, i) => (c === null ? [] : [i]))
    writeBitmap(w, children.length, present)
    for (const i of present) writeNode(w, s.satisfactions[i]!, children[i]!)
  }
}

/**
 * Read a satisfaction of `policy`, which must be valid (from `readPolicy`, or checked with
 * `assertPolicy`): an invalid policy (say, threshold 0) would admit an empty satisfaction.
 * @throws {DecodeError} `INVALID_VALUE` (bitmap with bits beyond n or not exactly `threshold` set,
 * branch index out of range), `LENGTH_TOO_LARGE` (preimage), `UNEXPECTED_END`, `NON_MINIMAL_VARINT`.
 */
export function readSatisfaction(r: Reader, policy: Policy): Satisfaction {
  switch (policy.type) {
    case 'key':
      return { type: 'signature', signature: readSignature(r, policy.key) }
    case 'multisig': {
      const present = readBitmap(r, policy.keys.length, policy.threshold, 'multisig')
      return {
        type: 'multisig',
        signatures: present.map((index) => ({
          index,
          signature: readSignature(r, policy.keys[index]!),
        })),
      }
    }
    case 'hashlock':
      return { type: 'preimage', preimage: r.bytes(POLICY_LIMITS.maxPreimageBytes, 'preimage') }
    case 'after':
    case 'older':
      return { type: 'none' }
    case 'and':
      return { type: 'and', satisfactions: policy.policies.map((c) => readSatisfaction(r, c)) }
    case 'or': {
      const index = r.u8('branch')
      const child = policy.policies[index]
      if (child === undefined)
        throw invalid('branch', `branch ${index} of ${policy.policies.length}`)
      return { type: 'or', index, satisfaction: readSatisfaction(r, child) }
    }
    case 'thresh': {
      const present = new Set(readBitmap(r, policy.policies.length, policy.threshold, 'thresh'))
      return {
        type: 'thresh',
        satisfactions: policy.policies.map((c, i) =>
          present.has(i) ? readSatisfaction(r, c) : null,
        ),
      }
    }
  }
}

/**
 * Decode a satisfaction of `policy` from exactly `bytes`.
 * @throws {DecodeError} as `readSatisfaction`, plus `TRAILING_BYTES`.
 * @throws {PolicyError} `INVALID_POLICY` when `policy` is invalid.
 */
export function decodeSatisfaction(bytes: Uint8Array, policy: Policy): Satisfaction {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('satisfaction: expected a Uint8Array')
  assertPolicy(policy)
  const r = new Reader(bytes, 'satisfaction')
  const s = readSatisfaction(r, policy)
  r.finish()
  return s
}

function invalid(field: string, message: string): DecodeError {
  return new DecodeError({
    code: 'INVALID_VALUE',
    message: `satisfaction: ${message}`,
    details: { field },
  })
}

function readSignature(r: Reader, key: KeyRef): Uint8Array {
  return r.fixed(SCHEME_SIZES[key.scheme].signature, 'signature')
}

/** Indices of the set bits; exactly `k` set and none at or beyond `n`. */
function readBitmap(r: Reader, n: number, k: number, field: string): number[] {
  const bitmap = r.fixed(Math.ceil(n / 8), `${field} bitmap`)
  const present: number[] = []
  for (let i = 0; i < bitmap.length * 8; i++) {
    if ((bitmap[i >> 3]! & (1 << (i & 7))) === 0) continue
    if (i >= n) throw invalid(field, `${field} bitmap has bit ${i} set beyond ${n} entries`)
    present.push(i)
  }
  if (present.length !== k) {
    throw invalid(field, `${field} bitmap has ${present.length} bits set, exactly ${k} required`)
  }
  return present
}
