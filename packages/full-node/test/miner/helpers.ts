import {
  type Block,
  type ChainParams,
  computeTxid,
  createGenesis,
  type Lock,
  type Transaction,
  targetToBits,
  toHex,
} from '@supernova/protocol'
import type { Chain } from '../../src/chain/Chain.js'
import type { ChainEvents, ChainTip } from '../../src/chain/types.js'
import type { MinerChain, MinerMempool } from '../../src/miner/types.js'

/** Rejects after `ms` unless `p` settles first. */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)
  })
  try {
    return await Promise.race([p, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Resolves when the chain's tip reaches `height` (event-driven, bounded). */
export function waitForHeight(chain: Chain, height: number, ms = 30_000): Promise<void> {
  if (chain.tip().height >= height) return Promise.resolve()
  let off = () => {}
  const reached = new Promise<void>((resolve) => {
    off = chain.on('tip', ({ tip }) => {
      if (tip.height >= height) resolve()
    })
  })
  return withTimeout(reached, ms, `height ${height}`).finally(() => off())
}

/**
 * A small real pool in front of the chain: holds transactions in arrival order, announces them,
 * and forgets those a connected block confirms. Stands in until the node's mempool lands.
 */
export function createTestMempool(
  chain: Chain,
): MinerMempool & { add(tx: Transaction): void; size(): number } {
  const txs = new Map<string, Transaction>()
  const listeners = new Set<() => void>()
  chain.on('connect', ({ block }) => {
    for (const tx of block.transactions) txs.delete(toHex(computeTxid(tx)))
  })
  return {
    add(tx) {
      txs.set(toHex(computeTxid(tx)), tx)
      for (const l of listeners) l()
    },
    size: () => txs.size,
    select: () => ({ entries: [...txs.values()].map((tx) => ({ tx })) }),
    on(_event, listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** Compact bits of target 1: no hash will meet it, so workers only hash. */
export const IMPOSSIBLE_BITS = targetToBits(1n)

export type TemplateCall = {
  transactions: readonly Transaction[]
  now: number
  extraData?: Uint8Array
}

/**
 * A chain stuck at genesis whose templates carry an impossible target: for what a real chain
 * cannot show deterministically (template refresh, nonce-range exhaustion) and for benchmarks.
 * Templates are the genesis block re-headed at height 1; nothing is ever submitted.
 */
export function createHardChain(
  params: ChainParams,
): MinerChain & { calls: TemplateCall[]; onCall?: (c: TemplateCall) => void } {
  const genesis = createGenesis(params)
  const tip: ChainTip = {
    header: genesis.block.header,
    hash: genesis.hash,
    height: 0,
    cumulativeWork: 0n,
    hasBlock: true,
    inMainChain: true,
    medianTimePast: params.genesis.timestamp,
  }
  const self: MinerChain & { calls: TemplateCall[]; onCall?: (c: TemplateCall) => void } = {
    params,
    calls: [],
    tip: () => tip,
    async createBlockTemplate(p: {
      rewardLock: Lock
      transactions: readonly Transaction[]
      now: number
      extraData?: Uint8Array
    }) {
      const call: TemplateCall = {
        transactions: p.transactions,
        now: p.now,
        ...(p.extraData ? { extraData: p.extraData } : {}),
      }
      self.calls.push(call)
      self.onCall?.(call)
      const block: Block = {
        header: {
          ...genesis.block.header,
          height: 1,
          prevHash: genesis.hash,
          timestamp: p.now,
          bits: IMPOSSIBLE_BITS,
        },
        transactions: genesis.block.transactions,
      }
      return { block, fees: 0n, included: [...p.transactions] }
    },
    processBlock: () => Promise.reject(new Error('the hard chain accepts no blocks')),
    on: (_event: 'tip', _listener: (e: ChainEvents['tip']) => void) => () => {},
  }
  return self
}
