import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openLevelStore } from '../../src/storage/levelStore.js'
import { StoreError } from '../../src/storage/store.js'
import { tempDir } from '../helpers/chain.js'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

async function open() {
  const dir = tempDir()
  cleanups.push(dir.cleanup)
  return { store: await openLevelStore(join(dir.path, 'db')), path: join(dir.path, 'db') }
}

const k = (n: number) => Uint8Array.of(0x61, n)
const v = (n: number) => Uint8Array.of(n, n, n)

describe('openLevelStore batch', () => {
  it('applies puts and deletes in order, and survives a reopen', async () => {
    const { store, path } = await open()
    await store.batch([
      { type: 'put', key: k(1), value: v(1) },
      { type: 'put', key: k(2), value: v(2) },
      { type: 'del', key: k(1) },
      { type: 'put', key: k(2), value: v(9) }, // the last write to a key wins
    ])
    await store.batch([]) // nothing to do
    expect(await store.get(k(1))).toBeUndefined()
    expect(await store.get(k(2))).toEqual(v(9))
    await store.close()
    const again = await openLevelStore(path)
    expect(await again.getMany([k(1), k(2)])).toEqual([undefined, v(9)])
    await again.close()
  })

  it('refuses a batch on a closed store with STORE_CLOSED, and a bad operation with a StoreError, writing nothing', async () => {
    const { store } = await open()
    const bad = store.batch([
      { type: 'put', key: k(3), value: v(3) },
      { type: 'put', key: null as unknown as Uint8Array, value: v(4) },
    ])
    await expect(bad).rejects.toBeInstanceOf(StoreError)
    expect(await store.get(k(3))).toBeUndefined()
    await store.close()
    await expect(store.batch([{ type: 'put', key: k(5), value: v(5) }])).rejects.toMatchObject({
      code: 'STORE_CLOSED',
    })
  })
})
