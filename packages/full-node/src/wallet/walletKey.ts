import {
  createEd25519Noble,
  encodeAddress,
  type Lock,
  lockForPolicy,
  type Network,
  type Policy,
} from '@supernova/protocol'

/** The public side of a single-key ed25519 wallet on one network. */
export type WalletKey = {
  scheme: 'ed25519'
  network: Network
  publicKey: Uint8Array
  policy: Policy
  lock: Lock
  address: string
}

/**
 * Derives the policy, lock and bech32m address of an ed25519 secret seed on `network`.
 * @throws {SignatureError} `INVALID_SECRET_KEY` when the seed is not 32 bytes.
 */
export function walletKeyFromSecret({
  secretKey,
  network,
}: {
  secretKey: Uint8Array
  network: Network
}): WalletKey {
  const publicKey = createEd25519Noble().getPublicKey(secretKey)
  const policy: Policy = { type: 'key', key: { scheme: 'ed25519', publicKey } }
  const lock = lockForPolicy(policy)
  return {
    scheme: 'ed25519',
    network,
    publicKey,
    policy,
    lock,
    address: encodeAddress({ network, lock }),
  }
}
