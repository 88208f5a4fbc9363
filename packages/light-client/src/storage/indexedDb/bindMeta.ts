import type { IDBPDatabase } from 'idb'
import { StorageError } from '../errors.js'
import { metaMismatch, STORAGE_SCHEMA_VERSION } from '../meta.js'
import type { OnNetworkMismatch, StorageMeta, StorageOpenReport } from '../types.js'
import { clearRuns } from './headerTx.js'
import { HEADER_STORES, type LightClientDb } from './layout.js'
import { inReadTransaction, inWriteTransaction } from './openDatabase.js'

export type BindMetaParameters = {
  db: IDBPDatabase<LightClientDb>
  meta: StorageMeta
  onNetworkMismatch: OnNetworkMismatch
  upgradedFrom: number | undefined
}

/**
 * Checks, in one transaction, that the store belongs to `meta`'s network and genesis, and records
 * them: a new store is stamped; a store of another chain (or one whose meta is gone while records
 * remain) is cleared and re-stamped, or refused untouched with `onNetworkMismatch: 'throw'`.
 * @throws {StorageError} STORAGE_WRONG_NETWORK
 */
export async function bindMeta({
  db,
  meta,
  onNetworkMismatch,
  upgradedFrom,
}: BindMetaParameters): Promise<StorageOpenReport> {
  if (upgradedFrom === undefined && (await alreadyBound(db, meta))) return { status: 'resumed' }
  let report: StorageOpenReport = { status: 'created' }
  await inWriteTransaction(db, [...HEADER_STORES, 'wallet'], async (tx, add) => {
    const metaStore = tx.objectStore('meta')
    const network = asString(await metaStore.get('network'))
    const genesisHash = asString(await metaStore.get('genesisHash'))
    const mismatch = metaMismatch({ network, genesisHash }, meta)
    const wallet = tx.objectStore('wallet')
    const empty = (await tx.objectStore('headerRuns').count()) === 0 && (await wallet.count()) === 0
    if (mismatch === undefined) {
      report =
        upgradedFrom === undefined ? { status: 'resumed' } : { status: 'resumed', upgradedFrom }
    } else if (mismatch !== 'MISSING_META' || !empty) {
      if (onNetworkMismatch === 'throw')
        throw new StorageError({
          code: 'STORAGE_WRONG_NETWORK',
          message: `the store holds ${network ?? 'an unknown network'} (genesis ${genesisHash ?? '?'}), not ${meta.network} (genesis ${meta.genesisHash})`,
          details: { operation: 'open', reason: mismatch, network, genesisHash },
        })
      await clearRuns(tx, add)
      add(wallet.clear())
      report = { status: 'reset', reason: mismatch, previous: previousMeta(network, genesisHash) }
    }
    add(metaStore.put(meta.network, 'network'))
    add(metaStore.put(meta.genesisHash, 'genesisHash'))
    add(metaStore.put(STORAGE_SCHEMA_VERSION, 'schemaVersion'))
  })
  return report
}

/**
 * True when the store is stamped with `meta` at the current schema: the common reopen, answered
 * by one read-only transaction (a read-write one would queue behind other tabs' writes and
 * commit for nothing).
 */
async function alreadyBound(db: IDBPDatabase<LightClientDb>, meta: StorageMeta): Promise<boolean> {
  return inReadTransaction(db, ['meta'], async (tx) => {
    const store = tx.objectStore('meta')
    const [network, genesisHash, version] = await Promise.all([
      store.get('network'),
      store.get('genesisHash'),
      store.get('schemaVersion'),
    ])
    const stored = { network: asString(network), genesisHash: asString(genesisHash) }
    return metaMismatch(stored, meta) === undefined && version === STORAGE_SCHEMA_VERSION
  })
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

function previousMeta(network: string | undefined, genesisHash: string | undefined) {
  return {
    ...(network !== undefined ? { network } : {}),
    ...(genesisHash !== undefined ? { genesisHash } : {}),
  }
}
