import { ed25519 } from '@noble/curves/ed25519.js'
import { utf8 } from '../bytes.js'
import { hash } from '../hash/blake3.js'
import { lockForPolicy } from '../policy/codec.js'
import type { Lock, Policy } from '../policy/types.js'

export type DevnetAccount = {
  index: number
  /** ed25519 secret seed. PUBLIC KNOWLEDGE: devnet only, never use on another network. */
  secretKey: Uint8Array
  publicKey: Uint8Array
  policy: Policy
  lock: Lock
}

export const DEVNET_ACCOUNT_COUNT = 10

/**
 * Public keys already derived, by account index. Deriving one costs an ed25519 scalar
 * multiplication (the first one also builds noble's base-point tables, tens of ms), so nothing is
 * derived when the package loads — only on first use — and each key once. Bounded: indexes are
 * arbitrary, and past this many the oldest entry is dropped.
 */
const publicKeys = new Map<number, Uint8Array>()
const MAX_CACHED_KEYS = 256

function secretKeyOf(index: number): Uint8Array {
  return hash('devnetKey', utf8(`account ${index}`))
}

function publicKeyOf(index: number, secretKey: Uint8Array): Uint8Array {
  let publicKey = publicKeys.get(index)
  if (publicKey === undefined) {
    publicKey = ed25519.getPublicKey(secretKey)
    if (publicKeys.size >= MAX_CACHED_KEYS) publicKeys.delete(publicKeys.keys().next().value!)
    publicKeys.set(index, publicKey)
  }
  // A copy: callers own what they get (and may wipe it) without touching the cache.
  return publicKey.slice()
}

/**
 * The well-known prefunded devnet accounts: secret i = BLAKE3('devnetKey', "account i"). Anyone can
 * derive them — they exist so a local devnet has coins from the first block. Derived on first use
 * and cached (the public key); every call returns fresh arrays.
 */
export function devnetAccount(index: number): DevnetAccount {
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`devnet account index must be a non-negative integer: ${index}`)
  const secretKey = secretKeyOf(index)
  const publicKey = publicKeyOf(index, secretKey)
  const policy: Policy = { type: 'key', key: { scheme: 'ed25519', publicKey } }
  return { index, secretKey, publicKey, policy, lock: lockForPolicy(policy) }
}
