import type { ChainParams } from '@supernova/protocol'
import type { StorageMeta, StorageResetReason } from './types.js'

/**
 * Version of the stored layout (the IndexedDB database version). v1: `headers` (key height) and
 * `meta`; v2: adds the `hash` index on headers and the `wallet` store; v3: headers in runs of
 * consecutive heights (`headerRuns`, `headerHashes`) instead of one row each, older rows
 * converted on upgrade. See `indexedDb/layout.ts`.
 */
export const STORAGE_SCHEMA_VERSION = 3

/** The meta a store for `params` carries. */
export function storageMetaFor(params: ChainParams): StorageMeta {
  return {
    schemaVersion: STORAGE_SCHEMA_VERSION,
    network: params.network,
    genesisHash: params.genesisHash,
  }
}

/**
 * Why a store recorded as `stored` must not be used for `expected`, or undefined when it may.
 * Missing meta counts as a mismatch: nothing says which chain the records belong to.
 */
export function metaMismatch(
  stored: { network?: string | undefined; genesisHash?: string | undefined },
  expected: StorageMeta,
): StorageResetReason | undefined {
  if (stored.network === undefined || stored.genesisHash === undefined) return 'MISSING_META'
  if (stored.network !== expected.network) return 'WRONG_NETWORK'
  if (stored.genesisHash !== expected.genesisHash) return 'WRONG_GENESIS'
  return undefined
}
