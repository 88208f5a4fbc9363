import { equalBytes } from '../bytes.js'
import { varintLength } from '../codec/writer.js'
import { PolicyError } from './errors.js'
import { isSchemeId, SCHEME_SIZES } from './schemes.js'
import { type KeyRef, POLICY_LIMITS, type Policy, SEQUENCE_DISABLE_FLAG } from './types.js'

/**
 * The semantic rules of spend policies, shared by `assertPolicy` (encoding side, PolicyError) and
 * the decoder (DecodeError) so that encode and decode accept exactly the same set.
 */

/** `after(locktime)`: a non-zero u32 (zero would be satisfied by every transaction). */
export const MAX_LOCKTIME = 0xffff_ffff
/** `older(blocks)` must fit the relative lock of a sequence whose disable flag is clear. */
export const MAX_OLDER_BLOCKS: number = SEQUENCE_DISABLE_FLAG - 1
/** Fewest children of each composite: and/or of one child would be a second encoding of it. */
export const MIN_CHILDREN = { and: 2, or: 2, thresh: 1 } as const

/** Why `threshold` is not a valid k-of-n threshold, or `undefined` when it is. */
export function thresholdViolation(threshold: number, n: number): string | undefined {
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > n) {
    return `threshold ${threshold} must be an integer in 1..${n}`
  }
  return undefined
}

export function afterViolation(locktime: number): string | undefined {
  if (!Number.isInteger(locktime) || locktime < 1 || locktime > MAX_LOCKTIME) {
    return `after locktime ${locktime} must be an integer in 1..${MAX_LOCKTIME}`
  }
  return undefined
}

export function olderViolation(blocks: number): string | undefined {
  if (!Number.isInteger(blocks) || blocks < 1 || blocks > MAX_OLDER_BLOCKS) {
    return `older blocks ${blocks} must be an integer in 1..${MAX_OLDER_BLOCKS}`
  }
  return undefined
}

export function sameKey(a: KeyRef, b: KeyRef): boolean {
  return a.scheme === b.scheme && equalBytes(a.publicKey, b.publicKey)
}

/** Index of the first key equal to an earlier one, or -1. At most 20 keys: quadratic is fine. */
export function duplicateKeyIndex(keys: readonly KeyRef[]): number {
  for (let i = 1; i < keys.length; i++) {
    for (let j = 0; j < i; j++) if (sameKey(keys[i]!, keys[j]!)) return i
  }
  return -1
}

function invalid(path: string, message: string): PolicyError {
  return new PolicyError({
    code: 'INVALID_POLICY',
    message: `${path}: ${message}`,
    details: { path },
  })
}

type Walk = { nodes: number; bytes: number }

/**
 * Throws unless `policy` is valid: known node kinds and schemes, exact key and hash sizes,
 * thresholds 1 ≤ k ≤ n, distinct multisig keys, `after` > 0, 1 ≤ `older` < 2^31, and within
 * `POLICY_LIMITS` (depth, nodes, children, multisig keys, encoded size). Valid policies are exactly
 * those `decodePolicy` accepts.
 * @throws {PolicyError} `INVALID_POLICY`, with `details.path` locating the offending node.
 */
export function assertPolicy(policy: Policy): void {
  const walk: Walk = { nodes: 0, bytes: 0 }
  visit(policy, 1, walk, 'policy')
  if (walk.bytes > POLICY_LIMITS.maxEncodedBytes) {
    throw invalid(
      'policy',
      `encodes to ${walk.bytes} bytes, above ${POLICY_LIMITS.maxEncodedBytes}`,
    )
  }
}

/** True when `policy` passes `assertPolicy`. */
export function isValidPolicy(policy: Policy): boolean {
  try {
    assertPolicy(policy)
    return true
  } catch (e) {
    if (e instanceof PolicyError) return false
    throw e
  }
}

function keySize(key: KeyRef, path: string): number {
  if (typeof key !== 'object' || key === null || !isSchemeId(key.scheme)) {
    throw invalid(path, 'unknown signature scheme')
  }
  const want = SCHEME_SIZES[key.scheme].publicKey
  if (!(key.publicKey instanceof Uint8Array) || key.publicKey.length !== want) {
    throw invalid(path, `${key.scheme} public key must be ${want} bytes`)
  }
  return 1 + want
}

function childCount(list: unknown, min: number, max: number, path: string): number {
  if (!Array.isArray(list)) throw invalid(path, 'expected an array')
  if (list.length < min || list.length > max) {
    throw invalid(path, `${list.length} entries, expected ${min}..${max}`)
  }
  return list.length
}

function visit(p: Policy, depth: number, walk: Walk, path: string): void {
  if (depth > POLICY_LIMITS.maxDepth) throw invalid(path, `deeper than ${POLICY_LIMITS.maxDepth}`)
  if (++walk.nodes > POLICY_LIMITS.maxNodes) {
    throw invalid(path, `more than ${POLICY_LIMITS.maxNodes} nodes`)
  }
  if (typeof p !== 'object' || p === null) throw invalid(path, 'expected a policy node')
  walk.bytes += 1
  switch (p.type) {
    case 'key':
      walk.bytes += keySize(p.key, `${path}.key`)
      return
    case 'multisig': {
      const n = childCount(p.keys, 1, POLICY_LIMITS.maxMultisigKeys, `${path}.keys`)
      const bad = thresholdViolation(p.threshold, n)
      if (bad) throw invalid(path, bad)
      walk.bytes += 1 + varintLength(n)
      p.keys.forEach((k, i) => {
        walk.bytes += keySize(k, `${path}.keys[${i}]`)
      })
      const dup = duplicateKeyIndex(p.keys)
      if (dup >= 0) throw invalid(`${path}.keys[${dup}]`, 'duplicate multisig key')
      return
    }
    case 'hashlock':
      if (!(p.hash instanceof Uint8Array) || p.hash.length !== 32) {
        throw invalid(path, 'hash must be 32 bytes')
      }
      walk.bytes += 32
      return
    case 'after': {
      const bad = afterViolation(p.locktime)
      if (bad) throw invalid(path, bad)
      walk.bytes += 4
      return
    }
    case 'older': {
      const bad = olderViolation(p.blocks)
      if (bad) throw invalid(path, bad)
      walk.bytes += 4
      return
    }
    case 'and':
    case 'or':
    case 'thresh': {
      const n = childCount(p.policies, MIN_CHILDREN[p.type], POLICY_LIMITS.maxChildren, path)
      if (p.type === 'thresh') {
        const bad = thresholdViolation(p.threshold, n)
        if (bad) throw invalid(path, bad)
        walk.bytes += 1
      }
      walk.bytes += varintLength(n)
      p.policies.forEach((c, i) => {
        visit(c, depth + 1, walk, `${path}.${p.type}[${i}]`)
      })
      return
    }
    default:
      throw invalid(path, `unknown node type ${String((p as { type?: unknown }).type)}`)
  }
}
