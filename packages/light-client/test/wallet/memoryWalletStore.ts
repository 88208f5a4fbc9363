import type { WalletStore } from '../../src/storage/types.js'

/** A WalletStore in a Map, copying bytes in and out like a real backend would. */
export class MemoryWalletStore implements WalletStore {
  readonly entries = new Map<string, Uint8Array>()

  async get(key: string): Promise<Uint8Array | undefined> {
    const v = this.entries.get(key)
    return v && Uint8Array.from(v)
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    this.entries.set(key, Uint8Array.from(value))
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key)
  }

  async keys(): Promise<string[]> {
    return [...this.entries.keys()].sort()
  }
}
