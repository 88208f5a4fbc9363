import { type ChainParams, DEVNET, TESTNET } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { StorageError } from '../../src/storage/errors.js'
import { STORAGE_SCHEMA_VERSION, storageMetaFor } from '../../src/storage/meta.js'
import type {
  LightClientStorage,
  OnNetworkMismatch,
  StoredHeader,
} from '../../src/storage/types.js'
import { MAX_HEADER_RANGE } from '../../src/storage/validate.js'
import { otherGenesis, syntheticRecords } from './fixtures.js'

export type StorageHarness = {
  open(
    params: ChainParams,
    options?: { onNetworkMismatch?: OnNetworkMismatch },
  ): Promise<LightClientStorage>
  /** Whether a store opened again through the same harness sees what was written before. */
  persistent: boolean
}

export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    if (e instanceof StorageError) return e.code
    return (e as Error).name
  }
  return 'RESOLVED'
}

async function allHeaders(s: LightClientStorage): Promise<StoredHeader[]> {
  return s.getHeaders({ from: 0, count: MAX_HEADER_RANGE })
}

const bytes = (...v: number[]) => Uint8Array.from(v)

/**
 * The contract every `LightClientStorage` implementation passes (js-libp2p style): run it with a
 * factory that returns a fresh, isolated harness per test.
 */
export function describeLightClientStorage(name: string, createHarness: () => StorageHarness) {
  describe(`LightClientStorage compliance: ${name}`, () => {
    async function fresh(params: ChainParams = DEVNET) {
      const harness = createHarness()
      return { harness, s: await harness.open(params) }
    }

    it('starts empty and bound to its network', async () => {
      const { s } = await fresh()
      expect(s.meta).toEqual(storageMetaFor(DEVNET))
      expect(s.meta.schemaVersion).toBe(STORAGE_SCHEMA_VERSION)
      expect(s.opened).toEqual({ status: 'created' })
      expect(await s.getTip()).toBeUndefined()
      expect(await s.getHeader(0)).toBeUndefined()
      expect(await s.getHeaderByHash(new Uint8Array(32))).toBeUndefined()
      expect(await s.getHeaders({ from: 0, count: 10 })).toEqual([])
      expect(await s.wallet.keys()).toEqual([])
      await s.close()
    })

    it('stores a batch and reads it by height, hash, range and tip, as copies', async () => {
      const { s } = await fresh()
      const recs = syntheticRecords(0, 12, 1)
      await s.replaceHeaders({ height: 0, headers: recs })
      expect(await s.getHeader(5)).toEqual(recs[5])
      expect(await s.getHeaderByHash(recs[7]!.hash)).toEqual(recs[7])
      expect(await s.getHeaders({ from: 3, count: 4 })).toEqual(recs.slice(3, 7))
      expect(await s.getHeaders({ from: 10, count: 5 })).toEqual(recs.slice(10))
      expect(await s.getHeaders({ from: 3, count: 0 })).toEqual([])
      expect(await s.getTip()).toEqual(recs[11])
      // Neither the caller's buffers nor the returned ones alias what is stored.
      recs[5]!.header.fill(0xee)
      const got = (await s.getHeader(5))!
      expect(got.header).toEqual(syntheticRecords(5, 1, 1)[0]!.header)
      got.hash.fill(0)
      expect((await s.getHeader(5))!.hash).toEqual(syntheticRecords(5, 1, 1)[0]!.hash)
      await s.close()
    })

    it('appends on the given parent and refuses a wrong or missing one, changing nothing', async () => {
      const { s } = await fresh()
      const recs = syntheticRecords(0, 10, 1)
      await s.replaceHeaders({ height: 0, headers: recs.slice(0, 6) })
      await s.replaceHeaders({ height: 6, parentHash: recs[5]!.hash, headers: recs.slice(6) })
      expect(await allHeaders(s)).toEqual(recs)
      const more = syntheticRecords(10, 2, 1)
      const bad = [
        s.replaceHeaders({ height: 10, parentHash: recs[8]!.hash, headers: more }),
        s.replaceHeaders({ height: 12, parentHash: recs[9]!.hash, headers: [] }),
      ]
      expect(await codeOf(bad[0]!)).toBe('STORAGE_CONFLICT')
      expect(await codeOf(bad[1]!)).toBe('STORAGE_CONFLICT')
      expect(await codeOf(s.replaceHeaders({ height: 10, headers: more }))).toBe('TypeError')
      expect(
        await codeOf(
          s.replaceHeaders({ height: 10, parentHash: recs[9]!.hash, headers: [more[1]!] }),
        ),
      ).toBe('RangeError')
      expect(await codeOf(s.getHeaders({ from: 0, count: MAX_HEADER_RANGE + 1 }))).toBe(
        'RangeError',
      )
      expect(await codeOf(s.getHeader(-1))).toBe('RangeError')
      expect(await allHeaders(s)).toEqual(recs)
      await s.close()
    })

    it('replaces everything above a fork height atomically (reorg), longer or shorter', async () => {
      const { s } = await fresh()
      const main = syntheticRecords(0, 21, 1)
      await s.replaceHeaders({ height: 0, headers: main })
      const fork = syntheticRecords(12, 14, 2)
      await s.replaceHeaders({ height: 12, parentHash: main[11]!.hash, headers: fork })
      expect(await allHeaders(s)).toEqual([...main.slice(0, 12), ...fork])
      for (const gone of main.slice(12)) expect(await s.getHeaderByHash(gone.hash)).toBeUndefined()
      expect(await s.getHeaderByHash(fork[3]!.hash)).toEqual(fork[3])
      const shorter = syntheticRecords(12, 3, 3)
      await s.replaceHeaders({ height: 12, parentHash: main[11]!.hash, headers: shorter })
      expect(await s.getTip()).toEqual(shorter[2])
      expect(await s.getHeader(15)).toBeUndefined()
      await s.replaceHeaders({ height: 8, parentHash: main[7]!.hash, headers: [] })
      expect(await allHeaders(s)).toEqual(main.slice(0, 8))
      await s.close()
    })

    it('refuses a batch repeating a stored block hash and keeps the old chain whole', async () => {
      const { s } = await fresh()
      const main = syntheticRecords(0, 10, 1)
      await s.replaceHeaders({ height: 0, headers: main })
      const fork = syntheticRecords(5, 4, 2)
      fork[2] = { ...fork[2]!, hash: main[1]!.hash.slice() }
      const write = s.replaceHeaders({ height: 5, parentHash: main[4]!.hash, headers: fork })
      expect(await codeOf(write)).toBe('STORAGE_CONFLICT')
      expect(await allHeaders(s)).toEqual(main)
      await s.close()
    })

    it('clearHeaders leaves the wallet; clear removes both and keeps the network binding', async () => {
      const { s } = await fresh()
      await s.replaceHeaders({ height: 0, headers: syntheticRecords(0, 3, 1) })
      await s.wallet.put('keystore', bytes(1, 2, 3))
      await s.clearHeaders()
      expect(await s.getTip()).toBeUndefined()
      expect(await s.wallet.get('keystore')).toEqual(bytes(1, 2, 3))
      await s.replaceHeaders({ height: 0, headers: syntheticRecords(0, 3, 4) })
      await s.clear()
      expect(await s.getTip()).toBeUndefined()
      expect(await s.wallet.keys()).toEqual([])
      expect(s.meta).toEqual(storageMetaFor(DEVNET))
      await s.replaceHeaders({ height: 0, headers: syntheticRecords(0, 1, 5) })
      expect(await s.getHeaders({ from: 0, count: 5 })).toHaveLength(1)
      await s.close()
    })

    it('keeps the wallet namespace apart from headers and meta', async () => {
      const { s } = await fresh()
      const recs = syntheticRecords(0, 2, 1)
      await s.replaceHeaders({ height: 0, headers: recs })
      for (const key of ['network', 'genesisHash', 'schemaVersion', '0', '1', 'b', 'a'])
        await s.wallet.put(key, bytes(key.length))
      expect(await s.wallet.keys()).toEqual([
        '0',
        '1',
        'a',
        'b',
        'genesisHash',
        'network',
        'schemaVersion',
      ])
      expect(await allHeaders(s)).toEqual(recs)
      const value = bytes(9, 9)
      await s.wallet.put('a', value)
      value.fill(0)
      const got = (await s.wallet.get('a'))!
      expect(got).toEqual(bytes(9, 9))
      got.fill(1)
      expect(await s.wallet.get('a')).toEqual(bytes(9, 9))
      await s.wallet.delete('a')
      await s.wallet.delete('never-there')
      expect(await s.wallet.get('a')).toBeUndefined()
      expect(await codeOf(s.wallet.put('', bytes(1)))).toBe('TypeError')
      expect(await codeOf(s.wallet.get(7 as unknown as string))).toBe('TypeError')
      await s.close()
    })

    it('rejects every call after close with STORAGE_CLOSED; close is idempotent', async () => {
      const { s } = await fresh()
      await s.close()
      await s.close()
      const calls = [
        s.getHeader(0),
        s.getHeaderByHash(new Uint8Array(32)),
        s.getHeaders({ from: 0, count: 1 }),
        s.getTip(),
        s.replaceHeaders({ height: 0, headers: [] }),
        s.clearHeaders(),
        s.clear(),
        s.wallet.get('k'),
        s.wallet.put('k', bytes(1)),
        s.wallet.delete('k'),
        s.wallet.keys(),
      ]
      for (const call of calls) expect(await codeOf(call)).toBe('STORAGE_CLOSED')
    })

    // Only stores that outlive close() have this section (the memory store does not).
    if (createHarness().persistent)
      describe('persistence', () => {
        it('finds headers and wallet again after close and reopen', async () => {
          const { harness, s } = await fresh()
          const recs = syntheticRecords(0, 30, 1)
          await s.replaceHeaders({ height: 0, headers: recs })
          await s.wallet.put('keystore', bytes(4, 5))
          await s.close()
          const again = await harness.open(DEVNET)
          expect(again.opened).toEqual({ status: 'resumed' })
          expect(await allHeaders(again)).toEqual(recs)
          expect(await again.getHeaderByHash(recs[17]!.hash)).toEqual(recs[17])
          expect(await again.wallet.get('keystore')).toEqual(bytes(4, 5))
          await again.close()
        })

        it.each([
          ['WRONG_NETWORK', TESTNET],
          ['WRONG_GENESIS', otherGenesis(DEVNET)],
        ] as const)(
          'clears a store of another chain on open and says so (%s)',
          async (reason, other) => {
            const { harness, s } = await fresh()
            await s.replaceHeaders({ height: 0, headers: syntheticRecords(0, 5, 1) })
            await s.wallet.put('tx', bytes(1))
            await s.close()
            const refused = harness.open(other, { onNetworkMismatch: 'throw' })
            expect(await codeOf(refused)).toBe('STORAGE_WRONG_NETWORK')
            const kept = await harness.open(DEVNET)
            expect(await kept.getHeaders({ from: 0, count: 10 })).toHaveLength(5)
            await kept.close()
            const reset = await harness.open(other)
            expect(reset.opened).toEqual({
              status: 'reset',
              reason,
              previous: { network: 'devnet', genesisHash: DEVNET.genesisHash },
            })
            expect(reset.meta).toEqual(storageMetaFor(other))
            expect(await reset.getTip()).toBeUndefined()
            expect(await reset.wallet.keys()).toEqual([])
            await reset.close()
            const back = await harness.open(other)
            expect(back.opened).toEqual({ status: 'resumed' })
            await back.close()
          },
        )
      })
  })
}
