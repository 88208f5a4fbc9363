import {
  type Block,
  computeFilterHash,
  computeTransactionIds,
  computeTxRoot,
  equalBytes,
  hashHeader,
  type TransactionIds,
} from '@supernova/protocol'
import { askPeers, requestOptions, type VerifyContext } from './askPeers.js'
import { VerificationError, type VerificationErrorCode } from './errors.js'
import { type ChainHeader, type Verified, verificationFor } from './types.js'

export type VerifiedBlock = Verified<{
  block: Block
  hash: Uint8Array
  height: number
  txids: Uint8Array[]
}>

/** Why `block` is not the block of `at` (its header, txRoot or filter), or undefined. */
export function blockFailure(
  block: Block,
  at: ChainHeader,
  ids: readonly TransactionIds[] = block.transactions.map(computeTransactionIds),
): { code: VerificationErrorCode; message: string; wtxids?: Uint8Array[] } | undefined {
  if (!equalBytes(hashHeader(block.header), at.hash))
    return { code: 'BLOCK_HASH_MISMATCH', message: 'the block’s header is not the one asked for' }
  const wtxids = ids.map((i) => i.wtxid)
  if (!equalBytes(computeTxRoot(wtxids), at.header.txRoot))
    return {
      code: 'TX_ROOT_MISMATCH',
      message: 'the transactions do not hash to the header’s txRoot',
      wtxids,
    }
  const filterHash = computeFilterHash({
    prevHash: at.header.prevHash,
    transactions: block.transactions,
  })
  if (!equalBytes(filterHash, at.header.filterHash))
    return {
      code: 'BLOCK_FILTER_MISMATCH',
      message: 'the filter rebuilt from the transactions is not the header’s filterHash',
    }
  return undefined
}

/**
 * The block of a verified header, verified: its header hashes to the verified one and the
 * txRoot (over wtxids) and filter recomputed from its transactions match that header.
 * @throws {LightClientError} NOT_FOUND, NO_PEER, ALL_PEERS_FAILED, ABORTED
 */
export async function fetchVerifiedBlock(
  ctx: VerifyContext,
  at: ChainHeader,
  signal?: AbortSignal,
): Promise<VerifiedBlock> {
  const request = { protocol: 'block' as const, hash: at.hash }
  return askPeers({
    ctx,
    what: 'getBlock',
    signal,
    minHeight: at.height,
    attempt: async (peer) => {
      const { block } = await ctx.network.getBlock({
        hash: at.hash,
        ...requestOptions(ctx, peer, signal),
      })
      const ids = block.transactions.map(computeTransactionIds)
      const bad = blockFailure(block, at, ids)
      if (bad !== undefined)
        throw new VerificationError({
          code: bad.code,
          message: bad.message,
          peer,
          request,
          // The header and wtxids prove the mismatch without keeping a block of up to 4 MB.
          answer: {
            header: block.header,
            transactions: block.transactions.length,
            ...(bad.wtxids === undefined ? {} : { wtxids: bad.wtxids }),
          },
        })
      return {
        block,
        hash: at.hash,
        height: at.height,
        txids: ids.map((i) => i.txid),
        verification: verificationFor(ctx.chain, at),
      }
    },
  })
}
