/**
 * What the dashboard counts in verified blocks: user transactions (for per-transaction
 * allocation), the environmental treasury's share of fees paid by each coinbase, and green-miner
 * declarations (a reserved transaction kind consensus does not accept yet).
 */
import { type Block, equalBytes, type Lock } from '@supernova/protocol'

/** A block with its height, as the verified-block answer carries it. */
export type CountedBlock = { height: number; block: Pick<Block, 'transactions'> }

export type BlockCounts = {
  blocks: number
  /** Transactions other than the coinbase. */
  transactions: number
  /** Base units paid to the treasury lock by the coinbases. */
  treasuryPaid: bigint
  /** Blocks whose coinbase paid the treasury, newest first: height and amount. */
  treasuryAllocations: { height: number; amount: bigint }[]
  /** Transactions of kind greenMinerRegistration (0 while consensus rejects the kind). */
  greenMinerDeclarations: number
}

const isLock = (a: Lock, b: Lock) => a.type === b.type && equalBytes(a.policyHash, b.policyHash)

/**
 * Counts over a set of verified blocks (any order; allocations come out newest first).
 * @example countBlocks({ blocks, treasuryLock: DEVNET.treasuryLock }).transactions
 */
export function countBlocks(p: {
  blocks: readonly CountedBlock[]
  treasuryLock: Lock
}): BlockCounts {
  let transactions = 0
  let treasuryPaid = 0n
  let greenMinerDeclarations = 0
  const treasuryAllocations: BlockCounts['treasuryAllocations'] = []
  for (const { height, block } of p.blocks) {
    for (const tx of block.transactions) {
      if (tx.kind === 'greenMinerRegistration') greenMinerDeclarations++
      if (tx.kind !== 'coinbase') {
        transactions++
        continue
      }
      let amount = 0n
      for (const o of tx.outputs) if (isLock(o.lock, p.treasuryLock)) amount += o.amount
      if (amount > 0n) {
        treasuryPaid += amount
        treasuryAllocations.push({ height, amount })
      }
    }
  }
  treasuryAllocations.sort((a, b) => b.height - a.height)
  return {
    blocks: p.blocks.length,
    transactions,
    treasuryPaid,
    treasuryAllocations,
    greenMinerDeclarations,
  }
}

/** Counts of several block sets added together (allocations newest first). */
export function mergeCounts(parts: readonly BlockCounts[]): BlockCounts {
  const treasuryAllocations = parts.flatMap((c) => c.treasuryAllocations)
  treasuryAllocations.sort((a, b) => b.height - a.height)
  return {
    blocks: parts.reduce((n, c) => n + c.blocks, 0),
    transactions: parts.reduce((n, c) => n + c.transactions, 0),
    treasuryPaid: parts.reduce((n, c) => n + c.treasuryPaid, 0n),
    treasuryAllocations,
    greenMinerDeclarations: parts.reduce((n, c) => n + c.greenMinerDeclarations, 0),
  }
}
