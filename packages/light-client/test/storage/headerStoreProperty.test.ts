import 'fake-indexeddb/auto'
import { DEVNET, encodeHeader, type Header } from '@supernova/protocol'
import { IDBFactory } from 'fake-indexeddb'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  appendHeaders,
  createHeaderChain,
  type HeaderChainState,
} from '../../src/headers/headerChain.js'
import { restoreHeaderChain } from '../../src/headers/headerStore.js'
import { createMemoryStorage } from '../../src/storage/createMemoryStorage.js'
import { openIndexedDbStorage } from '../../src/storage/indexedDb/openIndexedDbStorage.js'
import type { LightClientStorage, StoredHeader } from '../../src/storage/types.js'
import { buildChains, NOW, recordsFor } from './fixtures.js'

const TIP = 40
let main: Header[]
let genesis: HeaderChainState
let records: StoredHeader[]

beforeAll(async () => {
  ;({ main } = await buildChains({ mainLength: TIP, forkAt: TIP, forkLength: TIP }))
  genesis = createHeaderChain(DEVNET)
  records = [
    {
      height: 0,
      hash: genesis.tip.hash,
      header: encodeHeader(genesis.tip.header),
      cumulativeWork: genesis.cumulativeWork,
    },
    ...recordsFor(main, genesis.cumulativeWork),
  ]
})

type Corruption =
  | { kind: 'flipHeader'; height: number; at: number; mask: number }
  | { kind: 'flipHash'; height: number; at: number; mask: number }
  | { kind: 'resize'; height: number; length: number }
  | { kind: 'work'; height: number; delta: bigint }

const height = fc.integer({ min: 0, max: TIP })
const mask = fc.integer({ min: 1, max: 255 })
const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({ kind: fc.constant('flipHeader' as const), height, at: fc.nat(219), mask }),
  fc.record({ kind: fc.constant('flipHash' as const), height, at: fc.nat(31), mask }),
  fc.record({
    kind: fc.constant('resize' as const),
    height,
    length: fc.nat(300).filter((n) => n !== 220),
  }),
  fc.record({ kind: fc.constant('work' as const), height, delta: fc.bigInt(1n, 1n << 80n) }),
)
const REASON = {
  flipHeader: 'HASH_MISMATCH',
  flipHash: 'HASH_MISMATCH',
  resize: 'MALFORMED',
  work: 'WORK_MISMATCH',
}

function damage(r: StoredHeader, c: Corruption): StoredHeader {
  const out = { ...r, hash: r.hash.slice(), header: r.header.slice() }
  if (c.kind === 'flipHeader') out.header[c.at]! ^= c.mask
  if (c.kind === 'flipHash') out.hash[c.at]! ^= c.mask
  if (c.kind === 'resize') {
    out.header = new Uint8Array(c.length)
    out.header.set(r.header.subarray(0, c.length))
  }
  if (c.kind === 'work') out.cumulativeWork += c.delta
  return out
}

const backends: [string, () => Promise<LightClientStorage>, number][] = [
  ['memory', async () => createMemoryStorage({ params: DEVNET }), 100],
  [
    'IndexedDB',
    () => openIndexedDbStorage({ name: 'prop', params: DEVNET, indexedDB: new IDBFactory() }),
    25,
  ],
]

describe.each(backends)('restore under random damage (%s)', (_, open, numRuns) => {
  it('restarts from genesis with the lowest damaged height and its reason', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(corruption, { minLength: 1, maxLength: 3, selector: (c) => c.height }),
        async (damages) => {
          const storage = await open()
          const byHeight = new Map(damages.map((c) => [c.height, c]))
          const stored = records.map((r) => {
            const c = byHeight.get(r.height)
            return c === undefined ? r : damage(r, c)
          })
          await storage.replaceHeaders({ height: 0, headers: stored })
          const first = damages.reduce((a, b) => (b.height < a.height ? b : a))
          const r = await restoreHeaderChain({ storage, params: DEVNET, now: NOW })
          expect(r).toEqual({
            resumed: false,
            state: genesis,
            reason: REASON[first.kind],
            height: first.height,
          })
          expect(await storage.getHeaders({ from: 0, count: 100 })).toEqual([records[0]])
          await storage.close()
        },
      ),
      { numRuns },
    )
  })

  it('resumes an intact store of any length exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: TIP }), async (n) => {
        const storage = await open()
        await storage.replaceHeaders({ height: 0, headers: records.slice(0, n + 1) })
        const r = await restoreHeaderChain({ storage, params: DEVNET, now: NOW })
        const expected = appendHeaders({ state: genesis, headers: main.slice(0, n), now: NOW })
        expect(r).toEqual({ resumed: true, state: expected })
        await storage.close()
      }),
      { numRuns: Math.ceil(numRuns / 4) },
    )
  })
})
