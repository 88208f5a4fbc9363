import type { ChainParams } from '@supernova/protocol'
import { createMemoryStorage } from '../storage/createMemoryStorage.js'
import { openIndexedDbStorage } from '../storage/indexedDb/openIndexedDbStorage.js'
import type { LightClientStorage } from '../storage/types.js'

export type OpenClientStorageParameters = {
  params: ChainParams
  /** A store the caller opened (and closes): used as is. */
  storage?: LightClientStorage | undefined
  /** The IndexedDB factory; default `globalThis.indexedDB`. */
  indexedDB?: IDBFactory | undefined
  /** Database name. Default `supernova-<network>`. */
  name?: string | undefined
}

export type OpenClientStorageReturnType = {
  storage: LightClientStorage
  kind: 'given' | 'indexeddb' | 'memory'
  /** True when the client opened it and must close it. */
  owned: boolean
}

/**
 * The client's store: the one given; else IndexedDB where it exists (browsers; Node with
 * fake-indexeddb), so a reload resumes; else memory (Node without IndexedDB: nothing persists).
 * @throws {StorageError} when IndexedDB exists but cannot be opened (blocked, newer schema, …).
 */
export async function openClientStorage(
  p: OpenClientStorageParameters,
): Promise<OpenClientStorageReturnType> {
  if (p.storage !== undefined) return { storage: p.storage, kind: 'given', owned: false }
  const factory = p.indexedDB ?? globalThis.indexedDB
  if (factory !== undefined && typeof IDBKeyRange !== 'undefined') {
    const storage = await openIndexedDbStorage({
      name: p.name ?? `supernova-${p.params.network}`,
      params: p.params,
      indexedDB: factory,
    })
    return { storage, kind: 'indexeddb', owned: true }
  }
  return { storage: createMemoryStorage({ params: p.params }), kind: 'memory', owned: true }
}
