/**
 * The byte-level key-value namespace the wallet keeps its records in (encrypted keystore,
 * public account data, tracked transactions). Implemented over IndexedDB in browsers, in memory
 * for tests and short-lived Node processes. Keys are plain strings; values are opaque bytes.
 */
export type WalletStore = {
  get(key: string): Promise<Uint8Array | undefined>
  put(key: string, value: Uint8Array): Promise<void>
  delete(key: string): Promise<void>
  /** Every key present, in ascending order. */
  keys(): Promise<string[]>
}

/**
 * One header of the verified main chain as stored: its height, block hash, canonical encoding and
 * the chain's cumulative work up to and including it. The store keeps these as opaque values;
 * `headers/headerStore.ts` is what checks them against each other when reading them back.
 */
export type StoredHeader = {
  height: number
  /** Block hash (32 bytes). */
  hash: Uint8Array
  /** The header's canonical encoding (HEADER_BYTES). */
  header: Uint8Array
  /** Σ work from genesis through this header. */
  cumulativeWork: bigint
}

/** Which chain a store holds. Fixed when the store is first created; checked at every open. */
export type StorageMeta = {
  readonly schemaVersion: number
  readonly network: string
  /** Hex of the pinned genesis hash. */
  readonly genesisHash: string
}

/** Why an existing store was cleared when it was opened. */
export type StorageResetReason = 'WRONG_NETWORK' | 'WRONG_GENESIS' | 'MISSING_META'

/** What opening found. */
export type StorageOpenReport =
  | { readonly status: 'created' }
  | {
      readonly status: 'resumed'
      /** The schema version the store was upgraded from, when it was older. */
      readonly upgradedFrom?: number
    }
  | {
      /** The store held another chain (or no record of which): headers and wallet were cleared. */
      readonly status: 'reset'
      readonly reason: StorageResetReason
      readonly previous: { readonly network?: string; readonly genesisHash?: string }
    }

/** What to do when an existing store belongs to another network or genesis. */
export type OnNetworkMismatch = 'reset' | 'throw'

export type ReplaceHeadersParameters = {
  /** Every stored header at this height or above is removed, then `headers` are written. */
  height: number
  /**
   * The hash the header stored at `height - 1` must have (required when `height > 0`): the
   * replacement is refused with STORAGE_CONFLICT, and nothing changes, if the stored chain does
   * not pass through it.
   */
  parentHash?: Uint8Array
  /** Consecutive headers at `height`, `height + 1`, …; empty truncates to `height - 1`. */
  headers: readonly StoredHeader[]
}

export type GetHeadersParameters = {
  /** First height wanted. */
  from: number
  /** At most this many heights (≤ MAX_HEADER_RANGE) are looked at. */
  count: number
}

/**
 * The light client's persistent state for one network: the verified main chain's headers, the
 * wallet's namespace and the meta that binds the store to its network and genesis. Implemented
 * over IndexedDB (`openIndexedDbStorage`) and in memory (`createMemoryStorage`); both pass the
 * same compliance suite. Every method rejects with a `StorageError` when the backend fails;
 * a failed write changes nothing.
 */
export type LightClientStorage = {
  readonly meta: StorageMeta
  readonly opened: StorageOpenReport
  /** The header stored at `height`, if any. */
  getHeader(height: number): Promise<StoredHeader | undefined>
  /** The stored header with block hash `hash`, if any. */
  getHeaderByHash(hash: Uint8Array): Promise<StoredHeader | undefined>
  /** The stored headers with heights in `[from, from + count)`, ascending (gaps left out). */
  getHeaders(params: GetHeadersParameters): Promise<StoredHeader[]>
  /** The highest stored header, if any. */
  getTip(): Promise<StoredHeader | undefined>
  /** Atomically truncates at `height` and appends `headers` there (an append, a reorg or both). */
  replaceHeaders(params: ReplaceHeadersParameters): Promise<void>
  /** Removes every header; the wallet and meta stay. */
  clearHeaders(): Promise<void>
  /** The wallet's own key-value namespace; header operations never touch it. */
  readonly wallet: WalletStore
  /** Removes every header and every wallet record (the encrypted keystore included); meta stays. */
  clear(): Promise<void>
  /** Releases the store. Idempotent; every later call rejects with STORAGE_CLOSED. */
  close(): Promise<void>
}
