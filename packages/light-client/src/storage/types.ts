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
