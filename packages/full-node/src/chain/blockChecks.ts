import {
  type Block,
  bitsToTarget,
  type ChainParams,
  checkProofOfWork,
  computeTransactionIds,
  computeTxRoot,
  encodeHeader,
  equalBytes,
  TargetError,
  type TransactionIds,
  ValidationError,
} from '@supernova/protocol'

/** Why a block with an unknown parent may not even wait in the orphan pool, if it may not. */
export function orphanRejection(
  header: Block['header'],
  params: ChainParams,
): ValidationError | undefined {
  try {
    if (bitsToTarget(header.bits) > bitsToTarget(params.powLimitBits)) {
      return new ValidationError({
        code: 'HEADER_BAD_BITS',
        message: 'target easier than the proof-of-work limit',
      })
    }
    if (!checkProofOfWork(encodeHeader(header)).valid)
      return new ValidationError({
        code: 'HEADER_BAD_POW',
        message: 'block hash is above its own target',
      })
  } catch (e) {
    if (e instanceof TargetError)
      return new ValidationError({ code: 'HEADER_BAD_BITS', message: e.message })
    throw e
  }
  return undefined
}

/**
 * Whether the body is the header's: an error when its wtxids do not hash to the header's txRoot
 * (or it cannot even be encoded); else the transactions' ids, which validation reuses. `known`
 * are the ids when the caller has them already (from `decodeBlockWithIds`).
 */
export function checkBody(
  block: Block,
  known?: readonly TransactionIds[],
): { error?: ValidationError; ids?: readonly TransactionIds[] } {
  for (const tx of block.transactions) {
    if (tx.witnesses.length !== tx.inputs.length)
      return {
        error: new ValidationError({
          code: 'TX_WITNESS_MISMATCH',
          message: 'a transaction has a witness count unlike its input count',
        }),
      }
  }
  if (block.transactions.length === 0)
    return {
      error: new ValidationError({
        code: 'BLOCK_NO_TRANSACTIONS',
        message: 'a block needs at least its coinbase',
      }),
    }
  const ids = known ?? block.transactions.map(computeTransactionIds)
  if (!equalBytes(computeTxRoot(ids.map((i) => i.wtxid)), block.header.txRoot))
    return {
      error: new ValidationError({
        code: 'BLOCK_BAD_TX_ROOT',
        message: 'the transactions do not match the header',
      }),
    }
  return { ids }
}
