import { equalBytes } from '../bytes.js'
import { invalidTag, type Reader } from '../codec/reader.js'
import { withScratchWriter } from '../codec/scratch.js'
import type { Writer } from '../codec/writer.js'
import { hashRange } from '../hash/blake3.js'
import { PolicyError } from './errors.js'
import { writePolicy } from './policyCodec.js'
import { LOCK_CODES, LOCK_TYPES, type Lock, type LockType, type Policy } from './types.js'

/**
 * The policy hash outputs commit to: `hash('policy', encodePolicy(policy))`.
 * @throws {PolicyError} `INVALID_POLICY`.
 */
export function hashPolicy(policy: Policy): Uint8Array {
  return withScratchWriter((w) => {
    writePolicy(w, policy)
    return hashRange('policy', w.scratch(), 0, w.length)
  })
}

/**
 * The lock of `policy`: a single-key policy's lock type is its scheme, any other tree's is
 * `policy`; both commit to `hashPolicy(policy)`.
 * @throws {PolicyError} `INVALID_POLICY`.
 */
export function lockForPolicy(policy: Policy): Lock {
  return {
    type: policy.type === 'key' ? policy.key.scheme : 'policy',
    policyHash: hashPolicy(policy),
  }
}

/** True when `lock` is exactly `lockForPolicy(policy)` (type and hash); false for invalid policies. */
/** The same lock: same type and policy hash. */
export function equalLocks(a: Lock, b: Lock): boolean {
  return a === b || (a.type === b.type && equalBytes(a.policyHash, b.policyHash))
}

export function isLockForPolicy(lock: Lock, policy: Policy): boolean {
  let expected: Lock
  try {
    expected = lockForPolicy(policy)
  } catch (e) {
    if (e instanceof PolicyError) return false
    throw e
  }
  return equalLocks(lock, expected)
}

const TYPE_BY_CODE: ReadonlyMap<number, LockType> = new Map(
  LOCK_TYPES.map((t) => [LOCK_CODES[t], t]),
)

/** The lock type with wire code `code`, or `undefined`. */
export function lockTypeFromCode(code: number): LockType | undefined {
  return TYPE_BY_CODE.get(code)
}

/** Append a lock: u8 lock code, then the 32-byte policy hash. */
export function writeLock(w: Writer, lock: Lock): void {
  const code = LOCK_CODES[lock.type]
  if (code === undefined) throw new TypeError(`lock: unknown type ${String(lock.type)}`)
  w.u8(code).fixed(lock.policyHash, 32)
}

/**
 * Read a lock written by `writeLock`.
 * @throws {DecodeError} `INVALID_TAG` for an unknown lock code, `UNEXPECTED_END`.
 */
export function readLock(r: Reader): Lock {
  const code = r.u8('lock type')
  const type = lockTypeFromCode(code)
  if (type === undefined) throw invalidTag('lock', 'lock type', code)
  return { type, policyHash: r.fixed(32, 'policyHash') }
}
