import {
  encodeAddress,
  type Lock,
  lockForPolicy,
  type Network,
  type Policy,
} from '@supernova/protocol'
import type { HdScheme } from './hdKeys.js'

/** What a wallet key looks like on chain: its spend policy, the lock outputs commit to, the address. */
export type KeyDestination = {
  scheme: HdScheme
  publicKey: Uint8Array
  /** `{ type: 'key', key: { scheme, publicKey } }`: a single-key policy. */
  policy: Policy
  /** Lock type = the scheme, policy hash = `hashPolicy(policy)`. */
  lock: Lock
  /** bech32m address of the lock on the network (`nova1…`, `tnova1…`, `dnova1…`). */
  address: string
}

export type KeyDestinationParameters = { scheme: HdScheme; publicKey: Uint8Array; network: Network }

/**
 * The single-key policy, lock and address of a public key — the same mapping the protocol's
 * `lockForPolicy`/`encodeAddress` define and the full node's `supernova wallet` uses, so an
 * address derived here is one the node accepts and pays.
 * @throws {RangeError} when the public key is not 32 bytes.
 * @example
 * const { address } = keyDestination({ scheme: 'ed25519', publicKey, network: 'devnet' }) // 'dnova1…'
 */
export function keyDestination({
  scheme,
  publicKey,
  network,
}: KeyDestinationParameters): KeyDestination {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32)
    throw new RangeError(`${scheme} wallet public keys are 32 bytes`)
  const policy: Policy = { type: 'key', key: { scheme, publicKey } }
  const lock = lockForPolicy(policy)
  return { scheme, publicKey, policy, lock, address: encodeAddress({ network, lock }) }
}
