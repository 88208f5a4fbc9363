import {
  type ChainParams,
  encodeAddress,
  equalLocks,
  type Lock,
  type Network,
} from '@supernova/protocol'

/** How the explorer names the owner of an output: its address, and a label for well-known locks. */
export type LockName = { address: string; label?: string }

/** The address of `lock` on `network`, labelled when it is the environmental treasury's. */
export function nameLock(
  lock: Lock,
  params: Pick<ChainParams, 'network' | 'treasuryLock'>,
): LockName {
  const address = encodeAddress({ network: params.network as Network, lock })
  return equalLocks(lock, params.treasuryLock)
    ? { address, label: 'Environmental treasury' }
    : { address }
}

/** What kind of spender a lock needs, in words. */
export function lockKind(lock: Lock): string {
  switch (lock.type) {
    case 'ed25519':
      return 'Ed25519 key'
    case 'secp256k1':
      return 'secp256k1 key'
    case 'mldsa65':
      return 'ML-DSA-65 key (post-quantum)'
    case 'policy':
      return 'Spend policy (multisig, time lock…)'
  }
}
