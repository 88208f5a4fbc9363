import {
  type Block,
  COIN,
  createSignatureSchemes,
  DEVNET,
  initHashing,
  MemoryChain,
} from '@supernova/protocol'
import { alice, carol, miner } from '../helpers/chain.js'
import { payFromMemory } from './memoryPay.js'

/**
 * The crash test's block sequence: shared history to height 20 (payments from height 11 on),
 * branch A to 30, a heavier branch B forking at 20 to 32 (a reorg of depth 10), then A on to 40
 * (a reorg back of depth 12). Every block carries a payment, so each branch changes the UTXO set.
 */
export async function buildSequence(): Promise<Block[]> {
  await initHashing()
  const schemes = createSignatureSchemes()
  const now = DEVNET.genesis.timestamp + 10 * 86_400_000
  const a = new MemoryChain(DEVNET, schemes)
  const b = new MemoryChain(DEVNET, schemes)
  const aBlocks: Block[] = []
  const bBlocks: Block[] = []
  const mine = async (
    c: MemoryChain,
    out: Block[],
    txs = [] as ReturnType<typeof payFromMemory>[],
    tag = 'a',
  ) => {
    const blk = c.buildBlock({
      transactions: txs,
      rewardLock: miner.lock,
      extraData: new TextEncoder().encode(`${tag}${c.height + 1}`),
    })
    await c.connect(blk, now)
    out.push(blk)
    return blk
  }
  // Shared history to height 20 (payments from height 11 on), then B forks for 12 blocks
  // (reorg of depth 10 when it overtakes A at 30), then A grows to 40 (reorg back, depth 12).
  for (let h = 1; h <= 20; h++) {
    const txs =
      h > DEVNET.coinbaseMaturity ? [payFromMemory(a, alice, carol.lock, BigInt(h) * COIN)] : []
    const blk = await mine(a, aBlocks, txs)
    await b.connect(blk, now)
  }
  for (let h = 21; h <= 30; h++)
    await mine(a, aBlocks, [payFromMemory(a, alice, carol.lock, BigInt(h) * COIN)])
  for (let h = 21; h <= 32; h++)
    await mine(b, bBlocks, [payFromMemory(b, alice, miner.lock, BigInt(h) * 2n * COIN)], 'b')
  for (let h = 31; h <= 40; h++) await mine(a, aBlocks, [payFromMemory(a, alice, carol.lock, COIN)])
  return [...aBlocks.slice(0, 30), ...bBlocks, ...aBlocks.slice(30)]
}
