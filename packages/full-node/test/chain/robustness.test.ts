import {
  COIN,
  checkProofOfWork,
  computeTxid,
  DEVNET,
  encodeHeader,
  hash,
  type Transaction,
  toHex,
  utf8,
} from '@supernova/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { Chain } from '../../src/chain/Chain.js'
import { createMemoryStore } from '../../src/storage/memoryStore.js'
import type { KeyValueStore } from '../../src/storage/store.js'
import {
  alice,
  buildBlock,
  carol,
  createClock,
  logger,
  mineBlock,
  openTestChain,
  pay,
  tempDir,
} from '../helpers/chain.js'

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function fresh() {
  const dir = tempDir()
  const t = await openTestChain(dir.path)
  cleanups.push(dir.cleanup, () => t.store.close())
  return t
}

describe('chain robustness', () => {
  it('keeps only real proof of work out of the orphan pool', async () => {
    const { chain } = await fresh()
    const other = await fresh()
    const b1 = await mineBlock(other.chain, other.clock)
    const b2 = await buildBlock(other.chain, other.clock)
    // b2's parent is unknown to `chain`: with its real PoW it may wait; with a forged nonce it may not.
    expect((await chain.processBlock(b2)).status).toBe('orphan')
    let badNonce = 0n
    while (checkProofOfWork(encodeHeader({ ...b2.header, nonce: badNonce })).valid) badNonce++
    const forged = { ...b2, header: { ...b2.header, nonce: badNonce } }
    expect(await chain.processBlock(forged)).toMatchObject({
      status: 'invalid',
      error: { code: 'HEADER_BAD_POW' },
    })
    const easy = { ...b2, header: { ...b2.header, bits: 0x2100ffff } }
    const re = await chain.processBlock(easy)
    expect(re.status).toBe('invalid')
    expect((await chain.processBlock(b1)).status).toBe('connected')
    expect(chain.tip().height).toBe(2) // b2 came out of the pool
  })

  it('builds a template in one pass, dropping an invalid transaction and its descendants', async () => {
    const { chain, clock } = await fresh()
    for (let i = 0; i < DEVNET.coinbaseMaturity; i++) await mineBlock(chain, clock)
    const good = await pay(chain, alice, carol.lock, COIN)
    const bad: Transaction = {
      ...good,
      inputs: [{ ...good.inputs[0]!, prevout: { txid: hash('txid', utf8('missing')), vout: 0 } }],
    }
    const child: Transaction = {
      ...good,
      inputs: [{ prevout: { txid: computeTxid(bad), vout: 0 }, sequence: 0xffffffff }],
    }
    const { included } = await chain.createBlockTemplate({
      rewardLock: carol.lock,
      transactions: [good, bad, child],
      now: clock.now() + 1000,
    })
    expect(included.map((t) => toHex(computeTxid(t)))).toEqual([toHex(computeTxid(good))])
  })

  it('halts on a storage failure instead of carrying on with a half-applied block', async () => {
    await import('@supernova/protocol').then((m) => m.initHashing())
    const inner = createMemoryStore()
    let failNext = false
    const store: KeyValueStore = {
      ...inner,
      batch: async (ops) => {
        if (failNext) {
          failNext = false
          throw new Error('ENOSPC: no space left on device')
        }
        return inner.batch(ops)
      },
    }
    const fatal: unknown[] = []
    const clock = createClock()
    const { createSignatureSchemes } = await import('@supernova/protocol')
    const chain = await Chain.open(
      { params: DEVNET },
      {
        store,
        schemes: createSignatureSchemes(),
        logger,
        now: clock.now,
        onFatal: (e) => fatal.push(e),
      },
    )
    await mineBlock(chain, clock)
    const next = await buildBlock(chain, clock)
    failNext = true
    await expect(chain.processBlock(next)).rejects.toThrow(/ENOSPC/)
    expect(fatal).toHaveLength(1)
    expect(chain.tip().height).toBe(1)
    // Halted: nothing more is processed until a restart, and the lost block was not indexed as stored.
    await expect(chain.processBlock(next)).rejects.toMatchObject({ code: 'CORRUPT_STATE' })
    const reopened = await Chain.open(
      { params: DEVNET },
      { store: inner, schemes: createSignatureSchemes(), logger, now: clock.now },
    )
    expect(reopened.tip().height).toBe(1)
    expect((await reopened.processBlock(next)).status).toBe('connected')
  })
})
