import { join } from 'node:path'
import {
  type Block,
  COIN,
  createSignatureSchemes,
  DEVNET,
  hashHeader,
  mineHeader,
  type SignatureSchemes,
  type Transaction,
  toHex,
} from '@supernova/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { Chain } from '../../src/chain/Chain.js'
import type { ProcessBlockResult } from '../../src/chain/types.js'
import { openLevelStore } from '../../src/storage/levelStore.js'
import type { KeyValueStore } from '../../src/storage/store.js'
import {
  alice,
  bob,
  buildBlock,
  carol,
  createClock,
  logger,
  mineBlock,
  pay,
  tempDir,
} from '../helpers/chain.js'

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function open(clock = createClock(), schemes: SignatureSchemes = createSignatureSchemes()) {
  const dir = tempDir()
  const store = await openLevelStore(join(dir.path, 'db'))
  const chain = await Chain.open({ params: DEVNET }, { store, schemes, logger, now: clock.now })
  cleanups.push(dir.cleanup, () => store.close())
  return { chain, store, clock }
}

/** Accepts every signature: lets a test build blocks on top of a block with a bad one. */
function permissive(): SignatureSchemes {
  const s = createSignatureSchemes()
  const yes = { verify: async () => true, batchVerify: async () => true }
  return { ...s, ed25519: { ...s.ed25519, ...yes } }
}

async function dump(store: KeyValueStore): Promise<string[]> {
  const out: string[] = []
  for await (const [k, v] of store.entries({ gte: new Uint8Array(0), lt: Uint8Array.of(0xff) }))
    out.push(`${toHex(k)}=${toHex(v)}`)
  return out
}

function summary(results: ProcessBlockResult[]) {
  return results.map((r) => ({
    status: r.status,
    hash: toHex(r.hash),
    code: r.status === 'invalid' ? r.error.code : undefined,
  }))
}

/** `blocks` through processBlock one by one on a fresh chain: the reference the pipeline must match. */
async function oneByOne(blocks: readonly Block[]) {
  const one = await open()
  const results: ProcessBlockResult[] = []
  for (const b of blocks) results.push(await one.chain.processBlock(b))
  return { ...one, results }
}

/** Valid blocks where each payment spends an output of the block before (the staged overlay). */
async function sourceChain(): Promise<{ blocks: Block[]; chain: Chain }> {
  const { chain, clock } = await open()
  const blocks: Block[] = []
  for (let i = 0; i < DEVNET.coinbaseMaturity; i++) blocks.push(await mineBlock(chain, clock))
  // Each payment's change is alice's largest coin, so every block spends the block before's output.
  for (let i = 0; i < 5; i++) {
    const tx = await pay(chain, alice, bob.lock, COIN, 20_000n)
    blocks.push(await mineBlock(chain, clock, { txs: [tx] }))
  }
  return { blocks, chain }
}

describe('Chain.processBlocks (pipelined import)', () => {
  it('ends in exactly the state processBlock reaches, block by block, with the same results', async () => {
    const { blocks } = await sourceChain()
    const { results: sequential, ...one } = await oneByOne(blocks)
    const many = await open()
    const pipelined = [
      ...(await many.chain.processBlocks(blocks.slice(0, 7))),
      ...(await many.chain.processBlocks(blocks.slice(7))),
    ]
    expect(summary(pipelined)).toEqual(summary(sequential))
    expect(pipelined.every((r) => r.status === 'connected')).toBe(true)
    // Every block went through the pipeline, and every input but the genesis coin came from memory.
    const stats = many.chain.importStats()
    expect(stats).toMatchObject({ staged: blocks.length, fullPath: 0 })
    expect(stats.utxoCache.misses).toBe(1)
    expect(toHex(many.chain.tip().hash)).toBe(toHex(one.chain.tip().hash))
    expect(await dump(many.store)).toEqual(await dump(one.store))
    const paid = (await many.chain.getUtxosByLock(bob.lock)).filter((u) => u.entry.amount === COIN)
    expect(paid).toHaveLength(5)
  })

  it('reports duplicates and blocks out of order as processBlock does', async () => {
    const { blocks } = await sourceChain()
    const n = blocks.length
    const batch = [...blocks.slice(0, n - 3), blocks[n - 1]!, blocks[n - 2]!, blocks[n - 3]!]
    batch.push(blocks[0]!)
    const { results: sequential, ...one } = await oneByOne(batch)
    const many = await open()
    const pipelined = await many.chain.processBlocks(batch)
    expect(summary(pipelined)).toEqual(summary(sequential))
    expect(pipelined.map((r) => r.status).slice(-4)).toEqual([
      'orphan',
      'orphan',
      'connected',
      'duplicate',
    ])
    expect(many.chain.tip().height).toBe(n)
    expect(await dump(many.store)).toEqual(await dump(one.store))
  })

  it('validates a block on several staged ancestors: their outputs and their timestamps', async () => {
    const { chain: src, clock } = await open()
    const blocks: Block[] = []
    for (let i = 0; i < DEVNET.coinbaseMaturity; i++) blocks.push(await mineBlock(src, clock))
    // carol's only coin is created three blocks before the block that spends it.
    blocks.push(
      await mineBlock(src, clock, { txs: [await pay(src, alice, carol.lock, 3n * COIN)] }),
    )
    blocks.push(await mineBlock(src, clock))
    blocks.push(await mineBlock(src, clock))
    blocks.push(await mineBlock(src, clock, { txs: [await pay(src, carol, bob.lock, COIN)] }))
    // A block whose timestamp is exactly the median of its 11 ancestors' (five of them staged
    // before it): too old, which only the staged blocks' timestamps tell.
    const template = await buildBlock(src, clock)
    const ancestors = blocks.slice(-DEVNET.medianTimeSpan).map((b) => b.header.timestamp)
    const median = [...ancestors].sort((a, b) => a - b)[ancestors.length >> 1]!
    const mined = mineHeader({
      header: { ...template.header, timestamp: median },
      maxAttempts: 1e6,
    })
    blocks.push({ header: mined!.header, transactions: template.transactions })

    const { results: sequential, ...one } = await oneByOne(blocks)
    const many = await open()
    const pipelined = await many.chain.processBlocks(blocks)
    expect(summary(pipelined)).toEqual(summary(sequential))
    const last = pipelined[pipelined.length - 1]!
    expect(last.status === 'invalid' && last.error.code).toBe('HEADER_TIME_TOO_OLD')
    expect(pipelined.slice(0, -1).every((r) => r.status === 'connected')).toBe(true)
    expect(many.chain.importStats().staged).toBe(blocks.length - 1)
    expect(await dump(many.store)).toEqual(await dump(one.store))
  })

  it('commits a few blocks per batch: a connect event per block in order, a tip event per batch', async () => {
    const { blocks } = await sourceChain()
    const many = await open()
    const connects: number[] = []
    const tips: number[] = []
    many.chain.on('connect', (e) => connects.push(e.height))
    many.chain.on('tip', (e) => tips.push(e.tip.height))
    const results = await many.chain.processBlocks(blocks)
    expect(results.every((r) => r.status === 'connected')).toBe(true)
    expect(connects).toEqual(blocks.map((_, i) => i + 1))
    // Fewer tip events than blocks, rising, ending at the last block.
    expect(tips.length).toBeLessThan(blocks.length)
    expect(tips.length).toBeGreaterThan(1)
    expect([...tips].sort((a, b) => a - b)).toEqual(tips)
    expect(tips.at(-1)).toBe(blocks.length)
  })

  it('takes up a waiting orphan that competes with a staged block only once the run is committed', async () => {
    const { blocks } = await sourceChain()
    // A block on blocks[4] that is not blocks[5]: it waits as an orphan until blocks[4] arrives.
    const clock = createClock()
    const fork = await open(clock)
    for (const b of blocks.slice(0, 5)) await fork.chain.processBlock(b)
    clock.tick(7_000)
    const rival = await buildBlock(fork.chain, clock, { extra: 'rival' })
    const many = await open()
    expect((await many.chain.processBlock(rival)).status).toBe('orphan')
    const results = await many.chain.processBlocks(blocks)
    expect(results.every((r) => r.status === 'connected')).toBe(true)
    // The rival was taken up after the run, as a side block: the chain neither halted nor forked.
    expect(many.chain.tip().height).toBe(blocks.length)
    expect(many.chain.importStats()).toMatchObject({ staged: blocks.length, fullPath: 0 })
    expect((await many.chain.processBlock(rival)).status).toBe('duplicate')
    expect(toHex(many.chain.tip().hash)).toBe(toHex(hashHeader(blocks.at(-1)!.header)))
    // One by one, the rival would have won the tie at its height and lost at the next block.
    const { results: sequential } = await oneByOne([rival, ...blocks])
    expect(sequential.map((r) => r.status).slice(6, 8)).toEqual(['side', 'reorg'])
  })

  it('rejects a block with a bad signature and everything staged on it, keeping the blocks before', async () => {
    const clock = createClock()
    const src = await open(clock, permissive())
    const blocks: Block[] = []
    for (let i = 0; i < DEVNET.coinbaseMaturity; i++) blocks.push(await mineBlock(src.chain, clock))
    const good = await pay(src.chain, alice, carol.lock, 5n * COIN)
    const signed = await pay(src.chain, bob, carol.lock, 5n * COIN)
    const w = signed.witnesses[0]!
    const sig = (w.satisfaction as { signature: Uint8Array }).signature.slice()
    sig[3]! ^= 0x40
    const forged: Transaction = {
      ...signed,
      witnesses: [{ policy: w.policy, satisfaction: { type: 'signature', signature: sig } }],
    }
    blocks.push(await mineBlock(src.chain, clock, { txs: [good] }))
    blocks.push(await mineBlock(src.chain, clock, { txs: [forged] }))
    blocks.push(await mineBlock(src.chain, clock))
    clock.tick()
    const extra = await buildBlock(src.chain, clock)
    blocks.push(extra)

    const { results: sequential, ...one } = await oneByOne(blocks)
    const many = await open(createClock())
    const pipelined = await many.chain.processBlocks(blocks)
    expect(summary(pipelined)).toEqual(summary(sequential))
    const codes = pipelined.slice(-3).map((r) => (r.status === 'invalid' ? r.error.code : r.status))
    expect(codes).toEqual(['TX_BAD_SIGNATURE', 'HEADER_PREV_MISMATCH', 'orphan'])
    expect(many.chain.tip().height).toBe(DEVNET.coinbaseMaturity + 1)
    expect(await dump(many.store)).toEqual(await dump(one.store))
  })
})
