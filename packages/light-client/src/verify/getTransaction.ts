import {
  computeTransactionIds,
  equalBytes,
  hashHeader,
  isValidMerkleProof,
  type Transaction,
  type TxProofMessage,
  toHex,
} from '@supernova/protocol'
import { askPeers, requestOptions, type VerifyContext } from './askPeers.js'
import { VerificationError, type VerificationErrorCode } from './errors.js'
import { requireOnChain } from './onChain.js'
import { type Verified, verificationFor } from './types.js'

export type GetVerifiedTransactionParameters = {
  txid: Uint8Array
  signal?: AbortSignal
}

export type GetVerifiedTransactionReturnType = Verified<{
  tx: Transaction
  txid: Uint8Array
  wtxid: Uint8Array
  blockHash: Uint8Array
  height: number
  /** Position of the transaction in its block (0 is the coinbase). */
  index: number
}>

/** Why a tx-proof answer fails on its own (before the chain is consulted), or undefined. */
export function txProofFailure(
  txid: Uint8Array,
  answer: Pick<TxProofMessage, 'tx' | 'header' | 'proof'>,
): { code: VerificationErrorCode; message: string } | undefined {
  const ids = computeTransactionIds(answer.tx)
  if (!equalBytes(ids.txid, txid))
    return {
      code: 'TXID_MISMATCH',
      message: `asked for ${toHex(txid)}, got a transaction with txid ${toHex(ids.txid)}`,
    }
  if (!isValidMerkleProof({ leaf: ids.wtxid, proof: answer.proof, root: answer.header.txRoot }))
    return {
      code: 'MERKLE_PROOF_INVALID',
      message: 'the Merkle proof of the wtxid does not lead to the header’s txRoot',
    }
  return undefined
}

/**
 * A confirmed transaction, verified: its txid is the one asked, its wtxid's Merkle proof leads to
 * the txRoot of the header served with it, and that header is the verified chain's at its
 * height. A wrong answer is reported as evidence and another peer is asked.
 * @throws {LightClientError} NOT_FOUND (every peer asked says it is not confirmed), NO_PEER,
 * ALL_PEERS_FAILED, ABORTED
 */
export async function getVerifiedTransaction(
  ctx: VerifyContext,
  { txid, signal }: GetVerifiedTransactionParameters,
): Promise<GetVerifiedTransactionReturnType> {
  const request = { protocol: 'tx-proof' as const, txid }
  return askPeers({
    ctx,
    what: 'getTransaction',
    signal,
    attempt: async (peer) => {
      const answer = await ctx.network.getTxProof({ txid, ...requestOptions(ctx, peer, signal) })
      const bad = txProofFailure(txid, answer)
      if (bad !== undefined) throw new VerificationError({ ...bad, peer, request, answer })
      const at = await requireOnChain({
        ctx,
        peer,
        request,
        answer,
        hash: hashHeader(answer.header),
        header: answer.header,
      })
      const { wtxid } = computeTransactionIds(answer.tx)
      return {
        tx: answer.tx,
        txid,
        wtxid,
        blockHash: at.hash,
        height: at.height,
        index: answer.proof.index,
        verification: verificationFor(ctx.chain, at),
      }
    },
  })
}
