import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { computeTxid, toHex } from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeMempoolRecord } from '../../src/mempool/persistence.js'
import { keys } from '../../src/storage/layout.js'
import { openLevelStore } from '../../src/storage/levelStore.js'
import { type KeyValueStore, prefixRange } from '../../src/storage/store.js'
import {
  alice,
  bob,
  carol,
  createTestChain,
  fundCoins,
  NOW,
  outputsOf,
  pay,
  payAtRate,
  startMempool,
  TestChain,
} from './helpers.js'

async function persisted(store: KeyValueStore): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for await (const [k, v] of store.entries(prefixRange(keys.mempoolPrefix())))
    out.set(toHex(k.subarray(1)), decodeMempoolRecord(v).time)
  return out
}

describe('persistence across restarts (LevelDB)', () => {
  let dir: string
  let chain: TestChain

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sn-'))
    chain = await createTestChain()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reloads and revalidates every accepted transaction, keeping entry times; drops the now invalid', async () => {
    // One LevelDB for chain and mempool, as in the node; both are closed and reopened.
    const path = join(dir, 'node')
    let store = await openLevelStore(path)
    let node = await createTestChain(store)
    const own = await fundCoins(node, alice, 3)
    const first = await startMempool(node, {}, { store, clock: { t: NOW } })
    const parent = payAtRate([own[0]!], alice, 2n)
    const child = payAtRate(outputsOf(parent, alice), bob, 3n)
    const doomed = payAtRate([own[1]!], bob, 2n)
    const replaced = payAtRate([own[2]!], bob, 2n)
    await first.mempool.add(parent)
    first.clock.t += 1_000
    await first.mempool.add(child)
    await first.mempool.add(doomed)
    await first.mempool.add(replaced)
    const replacement = pay([own[2]!], carol, 100_000n)
    await first.mempool.add(replacement)
    await first.mempool.stop()
    const ids = [parent, child, doomed, replacement].map((t) => toHex(computeTxid(t)))
    expect([...(await persisted(store)).keys()].sort()).toEqual([...ids].sort())
    // While the mempool is down a block confirms a double spend of `doomed`.
    await node.mine([pay([own[1]!], carol, 50_000n)])
    await store.close()

    store = await openLevelStore(path)
    node = await TestChain.open(store, node.clock)
    const second = await startMempool(node, {}, { store, clock: { t: NOW + 60_000 } })
    expect(second.mempool.size).toBe(3)
    expect(second.mempool.has(computeTxid(doomed))).toBe(false)
    expect(second.mempool.get(computeTxid(parent))!.time).toBe(NOW)
    expect(second.mempool.get(computeTxid(child))!.time).toBe(NOW + 1_000)
    expect(second.mempool.get(computeTxid(child))!.ancestors.count).toBe(2)
    const after = await persisted(store)
    expect(after.has(ids[2]!)).toBe(false)
    expect(after.size).toBe(3)
    await second.mempool.stop()
    await store.close()
  })

  it('writes in batches: a burst past persistBatchSize is on disk before stop; stop flushes the rest', async () => {
    const path = join(dir, 'batches')
    const store = await openLevelStore(path)
    const more = await fundCoins(chain, alice, 5)
    const { mempool } = await startMempool(chain, { persistBatchSize: 3 }, { store })
    for (const c of more.slice(0, 3)) await mempool.add(payAtRate([c], bob, 2n))
    expect((await persisted(store)).size).toBe(3) // the third add reached the batch size
    await mempool.add(payAtRate([more[3]!], bob, 2n))
    expect((await persisted(store)).size).toBe(3) // waiting for the timer or stop
    await mempool.stop()
    expect((await persisted(store)).size).toBe(4)
    await store.close()
  })

  it('drops persisted transactions that expired while the node was down', async () => {
    const path = join(dir, 'expired')
    let store = await openLevelStore(path)
    const more = await fundCoins(chain, alice, 1)
    const first = await startMempool(chain, {}, { store, clock: { t: NOW } })
    await first.mempool.add(payAtRate([more[0]!], bob, 2n))
    await first.mempool.stop()
    await store.close()
    store = await openLevelStore(path)
    const second = await startMempool(chain, {}, { store, clock: { t: NOW + 2 * 3_600_000 } })
    expect(second.mempool.size).toBe(0)
    expect((await persisted(store)).size).toBe(0)
    await second.mempool.stop()
    await store.close()
  })
})
