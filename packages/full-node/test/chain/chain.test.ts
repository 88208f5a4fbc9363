import {
  COIN,
  computeTxid,
  DEVNET,
  encodeBlock,
  hashHeader,
  toHex,
  utxoKey,
  utxoValueHash,
  verifySmtMembership,
} from '@supernova/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { Chain, ChainError } from '../../src/chain/Chain.js'
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

async function fresh(clock = createClock()) {
  const dir = tempDir()
  const t = await openTestChain(dir.path, clock)
  cleanups.push(dir.cleanup, () => t.store.close())
  return { ...t, dir }
}

describe('Chain over LevelDB', () => {
  it('starts at genesis, connects mined blocks and indexes them', async () => {
    const { chain, clock } = await fresh()
    expect(chain.tip().height).toBe(0)
    expect(toHex(chain.tip().hash)).toBe(DEVNET.genesisHash)
    for (let i = 0; i < 12; i++) await mineBlock(chain, clock)
    const tip = chain.tip()
    expect(tip.height).toBe(12)
    expect((await chain.getHeaderByHeight(5))?.inMainChain).toBe(true)
    expect((await chain.getHeaders(10, 100)).map((h) => h.height)).toEqual([10, 11, 12])
    const block = await chain.getBlock(tip.hash)
    const cb = block!.transactions[0]!
    const found = await chain.getTransaction(computeTxid(cb))
    expect(found?.location.height).toBe(12)
    expect(await chain.getBlockFilter(tip.hash)).toBeInstanceOf(Uint8Array)
  })

  it('confirms a payment: UTXOs, history, spent-by, proofs against the tip', async () => {
    const { chain, clock } = await fresh()
    for (let i = 0; i < DEVNET.coinbaseMaturity; i++) await mineBlock(chain, clock)
    const tx = await pay(chain, alice, carol.lock, 5n * COIN)
    await mineBlock(chain, clock, { txs: [tx] })
    const txid = computeTxid(tx)
    const bobs = await chain.getUtxosByLock(carol.lock)
    expect(bobs.map((u) => u.entry.amount)).toEqual([5n * COIN])
    const history = await chain.getAddressHistory(carol.lock)
    expect(history[0]).toMatchObject({ received: 5n * COIN, sent: 0n, height: chain.tip().height })
    expect((await chain.getAddressHistory(alice.lock))[0]?.sent).toBe(1_000_000n * COIN)
    expect(toHex((await chain.getSpender(tx.inputs[0]!.prevout))!.txid)).toBe(toHex(txid))
    const { utxos, tipHash } = await chain.getUtxoProofs(carol.lock)
    expect(toHex(tipHash)).toBe(toHex(chain.tip().hash))
    const u = utxos[0]!
    verifySmtMembership({
      root: chain.tip().header.utxoRoot,
      key: utxoKey(u.outpoint),
      valueHash: utxoValueHash(u.entry),
      proof: u.proof,
    })
    const spentProof = await chain.getOutpointProof(tx.inputs[0]!.prevout)
    expect(spentProof.entry).toBeUndefined()
    expect(
      spentProof.proof.terminal.type === 'empty' || spentProof.proof.terminal.type === 'leaf',
    ).toBe(true)
    const p = await chain.getTransactionProof(txid)
    expect(p?.location.index).toBe(1)
  })

  it('survives a restart with its tip, UTXO commitment and indexes', async () => {
    const dir = tempDir()
    cleanups.push(dir.cleanup)
    const clock = createClock()
    const a = await openTestChain(dir.path, clock)
    for (let i = 0; i < 11; i++) await mineBlock(a.chain, clock)
    await a.chain.processBlock(await buildBlock(a.chain, clock)) // one more, via processBlock
    const tipBefore = a.chain.tip()
    await a.chain.close()
    await a.store.close()
    const b = await openTestChain(dir.path, clock)
    cleanups.push(() => b.store.close())
    expect(toHex(b.chain.tip().hash)).toBe(toHex(tipBefore.hash))
    expect(b.chain.utxoCount).toBe(a.chain.utxoCount)
    await mineBlock(b.chain, clock)
    expect(b.chain.tip().height).toBe(tipBefore.height + 1)
  })

  it('refuses a database of another network', async () => {
    const { dir, store, chain } = await fresh()
    await chain.close()
    await store.close()
    cleanups.pop()
    const { openLevelStore } = await import('../../src/storage/levelStore.js')
    const s = await openLevelStore(`${dir.path}/db`)
    cleanups.push(() => s.close())
    const testnet = (await import('@supernova/protocol')).TESTNET
    await expect(
      Chain.open(
        { params: testnet },
        {
          store: s,
          schemes: (await import('@supernova/protocol')).createSignatureSchemes(),
          logger,
          now: Date.now,
        },
      ),
    ).rejects.toBeInstanceOf(ChainError)
  })

  it('reorganises to a heavier branch, undoing the old one exactly, and survives a restart', async () => {
    const clock = createClock()
    const a = await fresh(clock)
    const b = await fresh(createClock())
    for (let i = 0; i < DEVNET.coinbaseMaturity; i++) {
      const blk = await mineBlock(a.chain, clock)
      expect((await b.chain.processBlock(blk)).status).toBe('connected')
    }
    const forkHeight = a.chain.tip().height
    // A: a payment to Bob, then 2 more blocks. B: 4 empty blocks (more work).
    const payment = await pay(a.chain, alice, carol.lock, 7n * COIN)
    await mineBlock(a.chain, clock, { txs: [payment] })
    await mineBlock(a.chain, clock)
    await mineBlock(a.chain, clock)
    const bClock = createClock()
    bClock.tick(clock.now() - bClock.now() - 3 * DEVNET.targetBlockTimeMs)
    const heavier = []
    for (let i = 0; i < 4; i++) heavier.push(await mineBlock(b.chain, bClock, { extra: `b${i}` }))
    const aRootBefore = a.chain.tip().header.utxoRoot
    const results = []
    for (const blk of heavier) results.push(await a.chain.processBlock(blk))
    expect(results.map((r) => r.status)).toEqual(['side', 'side', 'side', 'reorg'])
    expect(results[3]).toMatchObject({ depth: 3 })
    expect(toHex(a.chain.tip().hash)).toBe(toHex(b.chain.tip().hash))
    expect(a.chain.tip().height).toBe(forkHeight + 4)
    expect(toHex(a.chain.tip().header.utxoRoot)).not.toBe(toHex(aRootBefore))
    // The payment is gone from the main chain: Bob has nothing, Alice's coin is back.
    expect(await a.chain.getTransaction(computeTxid(payment))).toBeUndefined()
    expect(await a.chain.getUtxosByLock(carol.lock)).toEqual([])
    expect(await a.chain.getSpender(payment.inputs[0]!.prevout)).toBeUndefined()
    expect(
      (await a.chain.getUtxosByLock(alice.lock)).some((u) => u.entry.amount === 1_000_000n * COIN),
    ).toBe(true)
    expect(await a.chain.getAddressHistory(carol.lock)).toEqual([])
    // Restart: the reorganised state is what was persisted.
    await a.chain.close()
    await a.store.close()
    const again = await openTestChain(a.dir.path, clock)
    cleanups.push(() => again.store.close())
    expect(toHex(again.chain.tip().hash)).toBe(toHex(b.chain.tip().hash))
  })

  it('holds orphans until their parent arrives', async () => {
    const a = await fresh()
    const b = await fresh(createClock())
    const blocks = []
    for (let i = 0; i < 3; i++) blocks.push(await mineBlock(b.chain, b.clock))
    expect((await a.chain.processBlock(blocks[2]!)).status).toBe('orphan')
    expect((await a.chain.processBlock(blocks[1]!)).status).toBe('orphan')
    expect((await a.chain.processBlock(blocks[0]!)).status).toBe('connected')
    expect(a.chain.tip().height).toBe(3)
    expect((await a.chain.processBlock(blocks[0]!)).status).toBe('duplicate')
  })

  it('never moves the tip for an invalid block, and remembers it is invalid', async () => {
    const { chain, clock } = await fresh()
    for (let i = 0; i < DEVNET.coinbaseMaturity; i++) await mineBlock(chain, clock)
    const tip = chain.tip()
    const good = await buildBlock(chain, clock, {
      txs: [await pay(chain, alice, carol.lock, COIN)],
    })
    // Inflate the payment's output after mining: txRoot no longer matches (and PoW may fail).
    const tx = good.transactions[1]!
    const bad = {
      ...good,
      transactions: [
        good.transactions[0]!,
        {
          ...tx,
          outputs: [{ ...tx.outputs[0]!, amount: 1_000_000n * COIN }, ...tx.outputs.slice(1)],
        },
      ],
    }
    const r = await chain.processBlock(bad)
    expect(r.status).toBe('invalid')
    expect(toHex(chain.tip().hash)).toBe(toHex(tip.hash))
    expect((await chain.processBlock(good)).status).toBe('connected')
    expect(encodeBlock(good).length).toBeGreaterThan(0)
  })
})

describe('reorg depth limit', () => {
  it('refuses to reorganise deeper than maxReorgDepth and keeps the heavier branch on the side', async () => {
    const params = { ...DEVNET, maxReorgDepth: 2 }
    const dirA = tempDir()
    const dirB = tempDir()
    cleanups.push(dirA.cleanup, dirB.cleanup)
    const clock = createClock()
    const a = await openTestChain(dirA.path, clock, params)
    const b = await openTestChain(dirB.path, createClock(), params)
    cleanups.push(
      () => a.store.close(),
      () => b.store.close(),
    )
    for (let i = 0; i < 3; i++) await mineBlock(a.chain, clock)
    const bClock = createClock()
    const branch = []
    for (let i = 0; i < 4; i++) branch.push(await mineBlock(b.chain, bClock, { extra: `deep${i}` }))
    const tipBefore = a.chain.tip()
    const results = []
    for (const blk of branch) results.push((await a.chain.processBlock(blk)).status)
    // Its fork point (genesis) is 3 > 2 blocks below the tip: the first block is not even stored,
    // so the rest of the branch can only wait as orphans, and the tip never moves.
    expect(results).toEqual(['refused', 'orphan', 'orphan', 'orphan'])
    expect(await a.chain.getHeaderByHash(branch[0]!.header.prevHash)).toBeDefined()
    expect(await a.chain.getBlock(hashHeader(branch[0]!.header))).toBeUndefined()
    expect(toHex(a.chain.tip().hash)).toBe(toHex(tipBefore.hash))
  })
})
