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
 * The well-known prefunded devnet accounts: secret i = BLAKE3('devnetKey', "account i"). Anyone can
 * derive them — they exist so a local devnet has coins from the first block.
 */
export function devnetAccount(index: number): DevnetAccount {
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`devnet account index must be a non-negative integer: ${index}`)
  const secretKey = hash('devnetKey', utf8(`account ${index}`))
  const publicKey = ed25519.getPublicKey(secretKey)
  const policy: Policy = { type: 'key', key: { scheme: 'ed25519', publicKey } }
  return { index, secretKey, publicKey, policy, lock: lockForPolicy(policy) }
}
