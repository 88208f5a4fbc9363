import { assertInputSize, invalidTag, Reader } from '../codec/reader.js'
import { Writer } from '../codec/writer.js'
import { SCHEME_CODES } from '../crypto/types.js'
import { DecodeError } from '../errors.js'
import {
  afterViolation,
  assertPolicy,
  duplicateKeyIndex,
  MIN_CHILDREN,
  olderViolation,
  thresholdViolation,
} from './rules.js'
import { MIN_PUBLIC_KEY_LENGTH, SCHEME_SIZES, schemeFromCode } from './schemes.js'
import { type KeyRef, POLICY_LIMITS, type Policy, type PolicyType } from './types.js'

/**
 * Canonical policy encoding (SPEC §2). One tag byte per node, then its fields:
 * key → scheme u8, public key (the scheme's fixed length); multisig → threshold u8, count varint,
 * keys; hashlock → 32 bytes; after/older → u32; and/or → count varint, children;
 * thresh → threshold u8, count varint, children. Part of consensus: never renumber.
 */
export const POLICY_TAGS: Readonly<Record<PolicyType, number>> = {
  key: 0,
  multisig: 1,
  hashlock: 2,
  after: 3,
  older: 4,
  and: 5,
  or: 6,
  thresh: 7,
}

const TYPE_BY_TAG: readonly PolicyType[] = [
  'key',
  'multisig',
  'hashlock',
  'after',
  'older',
  'and',
  'or',
  'thresh',
]

/** Smallest encoded child (after/older: tag + u32), to bound counts before allocating. */
const MIN_NODE_BYTES = 5

/**
 * Append the canonical encoding of `policy`.
 * @throws {PolicyError} `INVALID_POLICY` when the policy breaks a rule (see `assertPolicy`).
 */
export function writePolicy(w: Writer, policy: Policy): void {
  assertPolicy(policy)
  writeNode(w, policy)
}

/**
 * The canonical encoding of `policy`; `decodePolicy` is its exact inverse.
 * @throws {PolicyError} `INVALID_POLICY`.
 */
export function encodePolicy(policy: Policy): Uint8Array {
  const w = new Writer()
  writePolicy(w, policy)
  return w.finish()
}

function writeKey(w: Writer, key: KeyRef): void {
  w.u8(SCHEME_CODES[key.scheme]).fixed(key.publicKey, SCHEME_SIZES[key.scheme].publicKey)
}

function writeNode(w: Writer, p: Policy): void {
  w.u8(POLICY_TAGS[p.type])
  switch (p.type) {
    case 'key':
      writeKey(w, p.key)
      return
    case 'multisig':
      w.u8(p.threshold).varint(p.keys.length)
      for (const k of p.keys) writeKey(w, k)
      return
    case 'hashlock':
      w.fixed(p.hash, 32)
      return
    case 'after':
      w.u32(p.locktime)
      return
    case 'older':
      w.u32(p.blocks)
      return
    case 'thresh':
      w.u8(p.threshold)
      writeChildren(w, p.policies)
      return
    case 'and':
    case 'or':
      writeChildren(w, p.policies)
      return
  }
}

function writeChildren(w: Writer, children: readonly Policy[]): void {
  w.varint(children.length)
  for (const c of children) writeNode(w, c)
}

/**
 * Read one policy, enforcing `POLICY_LIMITS` while reading: depth is checked before descending,
 * the node budget before allocating a child list, counts against their caps and the bytes left.
 * @throws {DecodeError} `INVALID_TAG` (node kind or scheme), `INVALID_VALUE` (semantic rule),
 * `LENGTH_TOO_LARGE` (a limit), `UNEXPECTED_END`, `NON_MINIMAL_VARINT`, `INPUT_TOO_LARGE`.
 */
export function readPolicy(r: Reader): Policy {
  const state: ReadState = { nodes: 0, start: r.offset }
  const policy = readNode(r, 1, state)
  assertWithinBytes(r, state, 0)
  return policy
}

type ReadState = { nodes: number; start: number }

/** The encoded-size cap, checked as the policy is read (plus `ahead` bytes about to be read). */
function assertWithinBytes(r: Reader, state: ReadState, ahead: number): void {
  const size = r.offset - state.start + ahead
  if (size > POLICY_LIMITS.maxEncodedBytes) {
    throw new DecodeError({
      code: 'INPUT_TOO_LARGE',
      message: `policy: ${size} bytes exceeds the cap ${POLICY_LIMITS.maxEncodedBytes}`,
      details: { size, max: POLICY_LIMITS.maxEncodedBytes },
    })
  }
}

/**
 * Decode a policy from exactly `bytes` (trailing bytes rejected).
 * @throws {DecodeError} as `readPolicy`, plus `TRAILING_BYTES`.
 */
export function decodePolicy(bytes: Uint8Array): Policy {
  assertInputSize(bytes, POLICY_LIMITS.maxEncodedBytes, 'policy')
  const r = new Reader(bytes, 'policy')
  const policy = readPolicy(r)
  r.finish()
  return policy
}

function invalidValue(field: string, message: string): DecodeError {
  return new DecodeError({
    code: 'INVALID_VALUE',
    message: `policy: ${message}`,
    details: { field },
  })
}

function overLimit(limit: keyof typeof POLICY_LIMITS, value: number): DecodeError {
  const max = POLICY_LIMITS[limit]
  return new DecodeError({
    code: 'LENGTH_TOO_LARGE',
    message: `policy: ${limit} ${max} exceeded (${value})`,
    details: { field: limit, value, max },
  })
}

function readKey(r: Reader): KeyRef {
  const code = r.u8('scheme')
  const scheme = schemeFromCode(code)
  if (scheme === undefined) throw invalidTag('policy', 'scheme', code)
  return { scheme, publicKey: r.fixed(SCHEME_SIZES[scheme].publicKey, 'publicKey') }
}

/** A count in min..max that leaves at least `minItem` bytes per item. */
function readCount(r: Reader, field: string, min: number, max: number, minItem: number): number {
  const n = r.varint(max, field)
  if (n < min) throw invalidValue(field, `${field} = ${n}, expected at least ${min}`)
  if (n * minItem > r.remaining) {
    throw new DecodeError({
      code: 'UNEXPECTED_END',
      message: `policy: ${n} ${field} cannot fit in ${r.remaining} bytes`,
      details: { field, count: n, remaining: r.remaining },
    })
  }
  return n
}

function check(field: string, violation: string | undefined): void {
  if (violation !== undefined) throw invalidValue(field, violation)
}

function readNode(r: Reader, depth: number, state: ReadState): Policy {
  if (depth > POLICY_LIMITS.maxDepth) throw overLimit('maxDepth', depth)
  if (++state.nodes > POLICY_LIMITS.maxNodes) throw overLimit('maxNodes', state.nodes)
  assertWithinBytes(r, state, 1)
  const tag = r.u8('policy tag')
  const type = TYPE_BY_TAG[tag]
  switch (type) {
    case 'key':
      return { type, key: readKey(r) }
    case 'multisig': {
      const threshold = r.u8('threshold')
      const n = readCount(r, 'keys', 1, POLICY_LIMITS.maxMultisigKeys, 1 + MIN_PUBLIC_KEY_LENGTH)
      check('threshold', thresholdViolation(threshold, n))
      assertWithinBytes(r, state, n * (1 + MIN_PUBLIC_KEY_LENGTH))
      const keys: KeyRef[] = []
      for (let i = 0; i < n; i++) keys.push(readKey(r))
      if (duplicateKeyIndex(keys) >= 0) throw invalidValue('keys', 'duplicate multisig key')
      return { type, threshold, keys }
    }
    case 'hashlock':
      return { type, hash: r.fixed(32, 'hash') }
    case 'after': {
      const locktime = r.u32('locktime')
      check('locktime', afterViolation(locktime))
      return { type, locktime }
    }
    case 'older': {
      const blocks = r.u32('blocks')
      check('blocks', olderViolation(blocks))
      return { type, blocks }
    }
    case 'thresh': {
      const threshold = r.u8('threshold')
      const n = readCount(
        r,
        'children',
        MIN_CHILDREN.thresh,
        POLICY_LIMITS.maxChildren,
        MIN_NODE_BYTES,
      )
      check('threshold', thresholdViolation(threshold, n))
      return { type, threshold, policies: readChildren(r, n, depth, state) }
    }
    case 'and':
    case 'or': {
      const n = readCount(
        r,
        'children',
        MIN_CHILDREN[type],
        POLICY_LIMITS.maxChildren,
        MIN_NODE_BYTES,
      )
      return { type, policies: readChildren(r, n, depth, state) }
    }
    default:
      throw invalidTag('policy', 'node', tag)
  }
}

function readChildren(r: Reader, n: number, depth: number, state: ReadState): Policy[] {
  // Reserve the children's nodes before reading any of them: a wide node over the budget is
  // rejected without descending.
  if (state.nodes + n > POLICY_LIMITS.maxNodes) throw overLimit('maxNodes', state.nodes + n)
  const out: Policy[] = []
  for (let i = 0; i < n; i++) out.push(readNode(r, depth + 1, state))
  return out
}
