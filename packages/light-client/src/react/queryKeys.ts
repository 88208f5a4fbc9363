import { type Network, type OutPoint, toHex } from '@supernova/protocol'
import type { AddressLike, HashLike } from '../client/resolve.js'
import { addressKey } from '../worker/protocol.js'

/** The first two parts of every query key of a client: invalidate them all with it. */
export type LightClientQueryScope = readonly ['supernova', Network]

/** A hash as a key part: lowercase hex (an invalid one is kept as given; the call refuses it). */
export const hashKey = (hash: HashLike): string =>
  typeof hash === 'string' ? hash.toLowerCase() : hash instanceof Uint8Array ? toHex(hash) : '?'

/**
 * The query keys the hooks use — serialisable and stable (hex for bytes, strings for bigints), so
 * an app can invalidate or prefetch them: `queryClient.invalidateQueries({ queryKey: lightClientKeys.balance(network, address) })`.
 */
export const lightClientKeys = {
  all: (network: Network): LightClientQueryScope => ['supernova', network],
  chainInfo: (network: Network) => ['supernova', network, 'chainInfo'] as const,
  block: (network: Network, at: { hash: HashLike } | { height: number }) =>
    [
      'supernova',
      network,
      'block',
      'hash' in at ? { hash: hashKey(at.hash) } : { height: at.height },
    ] as const,
  headers: (network: Network, p: { fromHeight?: number; count: number }) =>
    [
      'supernova',
      network,
      'headers',
      { count: p.count, ...(p.fromHeight === undefined ? {} : { fromHeight: p.fromHeight }) },
    ] as const,
  transaction: (network: Network, txid: HashLike) =>
    ['supernova', network, 'transaction', { txid: hashKey(txid) }] as const,
  mempool: (network: Network) => ['supernova', network, 'mempool'] as const,
  feeEstimate: (
    network: Network,
    p: { maxPeers?: number; targets?: Partial<Record<'fast' | 'normal' | 'slow', number>> } = {},
  ) =>
    [
      'supernova',
      network,
      'feeEstimate',
      {
        ...(p.maxPeers === undefined ? {} : { maxPeers: p.maxPeers }),
        ...(p.targets === undefined ? {} : { targets: p.targets }),
      },
    ] as const,
  pendingTransaction: (network: Network, txid: HashLike) =>
    ['supernova', network, 'pendingTransaction', { txid: hashKey(txid) }] as const,
  balance: (network: Network, address: AddressLike) =>
    ['supernova', network, 'balance', { address: addressKey(address) }] as const,
  utxos: (network: Network, address: AddressLike, limit?: number) =>
    [
      'supernova',
      network,
      'utxos',
      { address: addressKey(address), ...(limit === undefined ? {} : { limit }) },
    ] as const,
  outpoint: (network: Network, outpoint: OutPoint) =>
    [
      'supernova',
      network,
      'outpoint',
      { txid: hashKey(outpoint.txid), vout: outpoint.vout },
    ] as const,
  addressHistory: (
    network: Network,
    p: { address: AddressLike; fromHeight?: number; toHeight?: number },
  ) =>
    [
      'supernova',
      network,
      'addressHistory',
      {
        address: addressKey(p.address),
        fromHeight: p.fromHeight ?? 0,
        ...(p.toHeight === undefined ? {} : { toHeight: p.toHeight }),
      },
    ] as const,
}

/** Query kinds whose answer depends on the tip (the others are fixed by a hash). */
export const TIP_DEPENDENT = new Set([
  'chainInfo',
  'transaction',
  'mempool',
  'pendingTransaction',
  'balance',
  'utxos',
  'outpoint',
  'addressHistory',
])

/** True for a key of this client that a new verified head makes stale. */
export function isStaleOnNewHead(key: readonly unknown[], network: Network): boolean {
  if (key[0] !== 'supernova' || key[1] !== network) return false
  const kind = key[2]
  if (kind === 'block') return typeof (key[3] as { height?: unknown })?.height === 'number'
  if (kind === 'headers') return true // depth changes; the newest ones move with the tip
  if (kind === 'addressHistory') return (key[3] as { toHeight?: unknown })?.toHeight === undefined
  return typeof kind === 'string' && TIP_DEPENDENT.has(kind)
}

/** True for a key of this client about `address` (balance, utxos, history). */
export function isAboutAddress(key: readonly unknown[], network: Network, address: AddressLike) {
  return (
    key[0] === 'supernova' &&
    key[1] === network &&
    (key[3] as { address?: unknown } | undefined)?.address === addressKey(address)
  )
}
