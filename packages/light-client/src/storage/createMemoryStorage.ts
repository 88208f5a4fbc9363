import { type ChainParams, equalBytes, toHex } from '@supernova/protocol'
import { closedError, StorageError } from './errors.js'
import { storageMetaFor } from './meta.js'
import type { LightClientStorage, StoredHeader, WalletStore } from './types.js'
import {
  assertHash,
  assertHeight,
  assertRange,
  assertReplaceHeaders,
  assertWalletKey,
  assertWalletValue,
  copyStoredHeader,
} from './validate.js'

export type CreateMemoryStorageParameters = {
  /** The network the store is bound to. */
  params: ChainParams
}

type MemoryState = {
  /** Heights 0..n-1 are always contiguous here: replaceHeaders only writes consecutive runs. */
  byHeight: Map<number, StoredHeader>
  byHash: Map<string, number>
  wallet: Map<string, Uint8Array>
  closed: boolean
}

/**
 * A `LightClientStorage` in memory: for Node processes that do not keep state and for tests. Same
 * contract as the IndexedDB store (copies in and out, atomic replace, typed errors); nothing
 * survives the process, so `opened.status` is always `'created'`.
 * @example
 * const storage = createMemoryStorage({ params: DEVNET })
 * const { state } = await restoreHeaderChain({ storage, params: DEVNET, now: Date.now() })
 */
export function createMemoryStorage({ params }: CreateMemoryStorageParameters): LightClientStorage {
  const s: MemoryState = {
    byHeight: new Map(),
    byHash: new Map(),
    wallet: new Map(),
    closed: false,
  }
  const open = (operation: string): void => {
    if (s.closed) throw closedError(operation, 'close() was called')
  }
  const get = (height: number): StoredHeader | undefined => {
    const h = s.byHeight.get(height)
    return h === undefined ? undefined : copyStoredHeader(h)
  }
  return {
    meta: storageMetaFor(params),
    opened: { status: 'created' },
    async getHeader(height) {
      open('getHeader')
      assertHeight(height)
      return get(height)
    },
    async getHeaderByHash(hash) {
      open('getHeaderByHash')
      assertHash(hash)
      const height = s.byHash.get(toHex(hash))
      return height === undefined ? undefined : get(height)
    },
    async getHeaders(range) {
      open('getHeaders')
      assertRange(range)
      const out: StoredHeader[] = []
      for (let h = range.from; h < range.from + range.count; h++) {
        const r = get(h)
        if (r === undefined) break
        out.push(r)
      }
      return out
    },
    async getTip() {
      open('getTip')
      return get(s.byHeight.size - 1)
    },
    async replaceHeaders(p) {
      open('replaceHeaders')
      assertReplaceHeaders(p)
      const parent = p.parentHash === undefined ? undefined : s.byHeight.get(p.height - 1)
      if (
        p.parentHash !== undefined &&
        (parent === undefined || !equalBytes(parent.hash, p.parentHash))
      )
        throw conflict(`the stored header at ${p.height - 1} is not the given parent`, p.height)
      const kept = new Set<string>()
      for (const h of p.headers) {
        const key = toHex(h.hash)
        const at = s.byHash.get(key)
        // A block hash is unique in the chain, as IndexedDB's unique index enforces.
        if ((at !== undefined && at < p.height) || kept.has(key))
          throw conflict(`block hash ${key} is already stored`, h.height)
        kept.add(key)
      }
      truncate(s, p.height)
      for (const h of p.headers) {
        s.byHeight.set(h.height, copyStoredHeader(h))
        s.byHash.set(toHex(h.hash), h.height)
      }
    },
    async clearHeaders() {
      open('clearHeaders')
      truncate(s, 0)
    },
    wallet: memoryWallet(s, open),
    async clear() {
      open('clear')
      truncate(s, 0)
      wipeWallet(s)
    },
    async close() {
      if (s.closed) return
      s.closed = true
      truncate(s, 0)
      wipeWallet(s)
    },
  }
}

function conflict(why: string, height: number): StorageError {
  return new StorageError({
    code: 'STORAGE_CONFLICT',
    message: `replaceHeaders: ${why}`,
    details: { operation: 'replaceHeaders', height },
  })
}

function truncate(s: MemoryState, height: number): void {
  for (let h = s.byHeight.size - 1; h >= height; h--) {
    const r = s.byHeight.get(h)
    if (r !== undefined) s.byHash.delete(toHex(r.hash))
    s.byHeight.delete(h)
  }
}

/** Wallet values may be key material (encrypted, but still): zero them before letting go. */
function wipeWallet(s: MemoryState): void {
  for (const v of s.wallet.values()) v.fill(0)
  s.wallet.clear()
}

function memoryWallet(s: MemoryState, open: (operation: string) => void): WalletStore {
  return {
    async get(key) {
      open('wallet.get')
      assertWalletKey(key)
      return s.wallet.get(key)?.slice()
    },
    async put(key, value) {
      open('wallet.put')
      assertWalletKey(key)
      assertWalletValue(value)
      s.wallet.get(key)?.fill(0)
      s.wallet.set(key, value.slice())
    },
    async delete(key) {
      open('wallet.delete')
      assertWalletKey(key)
      s.wallet.get(key)?.fill(0)
      s.wallet.delete(key)
    },
    async keys() {
      open('wallet.keys')
      return [...s.wallet.keys()].sort()
    },
  }
}
