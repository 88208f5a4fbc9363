import {
  createSignatureSchemes,
  DEVNET,
  devnetAccount,
  isHashingAccelerated,
  MemoryChain,
} from '@supernova/protocol'
import { describe, expect, it, vi } from 'vitest'
import { appendHeaders } from '../../src/headers/headerChain.js'
import { restoreHeaderChain, saveHeaders } from '../../src/headers/headerStore.js'
import { loadHashing } from '../../src/headers/loadHashing.js'
import { createMemoryStorage } from '../../src/storage/createMemoryStorage.js'
import { NOW } from './fixtures.js'

// A page whose Content-Security-Policy forbids WebAssembly: the WASM hasher never loads.
vi.mock('@supernova/protocol', async (importOriginal) => {
  const real = await importOriginal<typeof import('@supernova/protocol')>()
  return { ...real, initHashing: () => Promise.reject(new Error('WebAssembly is disabled')) }
})

describe('header store without WASM hashing', () => {
  it('restores, saves and resumes with the pure-JS hasher (same hashes, only slower)', async () => {
    expect(await loadHashing()).toBe(false)
    const storage = createMemoryStorage({ params: DEVNET })
    const fresh = await restoreHeaderChain({ storage, params: DEVNET, now: NOW })
    expect(fresh).toMatchObject({ resumed: false, reason: 'EMPTY' })
    const chain = new MemoryChain(DEVNET, createSignatureSchemes())
    for (let i = 0; i < 5; i++)
      await chain.connect(chain.buildBlock({ rewardLock: devnetAccount(9).lock }), NOW)
    const headers = chain.entries.slice(1).map((e) => e.header)
    const synced = appendHeaders({ state: fresh.state, headers, now: NOW })
    await saveHeaders({ storage, base: fresh.state, headers })
    expect(await restoreHeaderChain({ storage, params: DEVNET, now: NOW })).toEqual({
      resumed: true,
      state: synced,
    })
    expect(synced.tip.hash).toEqual(chain.tip.hash)
    expect(isHashingAccelerated()).toBe(false)
  })
})
