import {
  blockSubsidy,
  type ChainParams,
  encodeTransaction,
  HEADER_BYTES,
  type Transaction,
  type TxKind,
  type TxOutput,
  toHex,
  varintLength,
} from '@supernova/protocol'
import { sumOutputs } from './fees'

/** What a summary reads from a verified block (`VerifiedBlock` of the light client). */
export type BlockLike = {
  block: { transactions: readonly Transaction[] }
  txids: readonly Uint8Array[]
  height: number
}

/** One transaction as the block's list shows it. */
export type BlockTxRow = {
  txid: string
  /** Position in the block (0 is the coinbase). */
  index: number
  kind: TxKind
  inputs: number
  outputs: number
  outputsTotal: bigint
  /** Encoded bytes, witnesses included. */
  size: number
}

export type BlockSummary = {
  txCount: number
  /** Encoded bytes of the whole block (header, count, transactions). */
  size: number
  /** Σ outputs of the coinbase: the subsidy plus (at most) the fees, treasury share included. */
  coinbaseTotal: bigint
  /** The subsidy the schedule allows at this height. */
  subsidy: bigint
  rows: BlockTxRow[]
}

/**
 * The figures of a verified block that need no further proof: its transactions (kind, size,
 * outputs), its encoded size and what its coinbase paid.
 * @throws {RangeError} txids not one per transaction.
 */
export function summarizeBlock(
  b: BlockLike,
  params: Pick<ChainParams, 'initialSubsidy' | 'halvingInterval' | 'maxSupply' | 'genesis'>,
): BlockSummary {
  const txs = b.block.transactions
  if (b.txids.length !== txs.length)
    throw new RangeError(`${b.txids.length} txids for ${txs.length} transactions`)
  const rows = txs.map((tx, index) => ({
    txid: toHex(b.txids[index]!),
    index,
    kind: tx.kind,
    inputs: tx.inputs.length,
    outputs: tx.outputs.length,
    outputsTotal: sumOutputs(tx),
    size: encodeTransaction(tx).length,
  }))
  const size = HEADER_BYTES + varintLength(txs.length) + rows.reduce((s, r) => s + r.size, 0)
  const coinbase = txs[0]
  return {
    txCount: txs.length,
    size,
    coinbaseTotal: coinbase?.kind === 'coinbase' ? sumOutputs(coinbase) : 0n,
    subsidy: blockSubsidy(params, b.height),
    rows,
  }
}

/**
 * The outputs created in a block, by `txid:vout` (hex): inputs spending a parent in the same block
 * get its amount and lock from the verified block itself, without asking a peer.
 */
export function outputsInBlock(b: Pick<BlockLike, 'block' | 'txids'>): Map<string, TxOutput> {
  const outputs = new Map<string, TxOutput>()
  b.block.transactions.forEach((tx, i) => {
    const txid = toHex(b.txids[i]!)
    tx.outputs.forEach((o, vout) => {
      outputs.set(`${txid}:${vout}`, o)
    })
  })
  return outputs
}

/** One entry of the latest-transactions list. */
export type LatestTx = {
  txid: string
  height: number
  index: number
  kind: TxKind
  outputsTotal: bigint
}

/**
 * The newest `limit` transactions of the given blocks: newest block first, and within a block the
 * last transaction first (the coinbase last).
 */
export function latestTransactions(blocks: readonly BlockLike[], limit: number): LatestTx[] {
  const newestFirst = [...blocks].sort((a, b) => b.height - a.height)
  const out: LatestTx[] = []
  for (const b of newestFirst) {
    const txs = b.block.transactions
    for (let i = txs.length - 1; i >= 0 && out.length < limit; i--) {
      const tx = txs[i]!
      out.push({
        txid: toHex(b.txids[i]!),
        height: b.height,
        index: i,
        kind: tx.kind,
        outputsTotal: sumOutputs(tx),
      })
    }
    if (out.length >= limit) break
  }
  return out
}
