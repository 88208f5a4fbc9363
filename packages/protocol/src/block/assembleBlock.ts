import { varintLength } from '../codec/writer.js'
import { blockSubsidy, treasuryShare } from '../economics/supply.js'
import type { ChainParams } from '../params/types.js'
import type { Lock } from '../policy/types.js'
import { medianTimePast } from '../pow/asert.js'
import type { SparseMerkleTree } from '../smt/SparseMerkleTree.js'
import { computeTransactionIds } from '../tx/hashes.js'
import { type Transaction, TX_LIMITS, TX_VERSION, type TxOutput } from '../tx/types.js'
import { applyUtxoDiff, connectTransactions } from '../validation/connectTransactions.js'
import { fail, withErrorContext } from '../validation/errors.js'
import { genesisHashBytes } from '../validation/verifyBlock.js'
import { nextRandomness, type ParentHeader, requiredBits } from '../validation/verifyHeader.js'
import type { UtxoLookup } from '../validation/verifyTransaction.js'
import { verifyTransactionStructure } from '../validation/verifyTransaction.js'
import type { Block } from './block.js'
import { computeFilterHash, computeTxRoot } from './commitments.js'
import { HEADER_BYTES, HEADER_VERSION } from './header.js'

/** A coinbase for `height` paying `outputs`, with optional miner data after the height. */
export function createCoinbase({
  height,
  outputs,
  extraData = new Uint8Array(0),
}: {
  height: number
  outputs: readonly TxOutput[]
  extraData?: Uint8Array
}): Transaction {
  if (extraData.length > TX_LIMITS.maxCoinbaseExtraBytes)
    throw new RangeError(
      `coinbase extra data is limited to ${TX_LIMITS.maxCoinbaseExtraBytes} bytes`,
    )
  const payload = new Uint8Array(4 + extraData.length)
  new DataView(payload.buffer).setUint32(0, height, true)
  payload.set(extraData, 4)
  return {
    version: TX_VERSION,
    kind: 'coinbase',
    inputs: [],
    outputs,
    locktime: 0,
    payload,
    witnesses: [],
  }
}

/** Coinbase outputs for a block: the treasury's fee share (when not dust), the rest to the miner. */
export function coinbaseOutputs({
  params,
  height,
  fees,
  rewardLock,
}: {
  params: ChainParams
  height: number
  fees: bigint
  rewardLock: Lock
}): TxOutput[] {
  const share = treasuryShare(params, fees)
  const toTreasury = share >= params.dustThreshold ? share : 0n
  const toMiner = blockSubsidy(params, height) + fees - toTreasury
  const outputs: TxOutput[] = []
  if (toMiner >= params.dustThreshold) outputs.push({ amount: toMiner, lock: rewardLock })
  if (toTreasury > 0n) outputs.push({ amount: toTreasury, lock: params.treasuryLock })
  return outputs
}

export type AssembleBlockParameters = {
  params: ChainParams
  parent: ParentHeader
  recentTimestamps: readonly number[]
  /** Block time (ms); must exceed the median time past. */
  timestamp: number
  /** Non-coinbase transactions, in an order where spends follow what they spend. */
  transactions: readonly Transaction[]
  rewardLock: Lock
  utxos: UtxoLookup
  utxoTree: SparseMerkleTree
  extraData?: Uint8Array
}

export type AssembleBlockReturnType = { block: Block; fees: bigint; utxoTree: SparseMerkleTree }

/**
 * Builds a block template on `parent` with every commitment filled in (bits, txRoot, utxoRoot,
 * filterHash, randomness, validator set), nonce 0. What a miner then grinds with `mineHeader`.
 * Every rule `verifyBlock` applies to the body is applied here too, so mined work is never wasted
 * on a block the network would reject (only the proof of work and the future-time limit remain).
 * @throws {ValidationError} when a transaction is not valid in this position, the block would be
 * too large or need too many signature checks, or the timestamp is not after the median time past.
 */
export function assembleBlock(p: AssembleBlockParameters): AssembleBlockReturnType {
  const { params, parent } = p
  const height = parent.header.height + 1
  const mtp = medianTimePast(p.recentTimestamps, params.medianTimeSpan)
  if (p.timestamp <= mtp)
    fail(
      'HEADER_TIME_TOO_OLD',
      `timestamp ${p.timestamp} is not after the median time past ${mtp}`,
      { height, timestamp: p.timestamp, medianTimePast: mtp },
    )
  const bodyIds = p.transactions.map(computeTransactionIds)
  for (let t = 0; t < p.transactions.length; t++) {
    withErrorContext({ height, tx: t + 1 }, () =>
      verifyTransactionStructure({ tx: p.transactions[t]!, size: bodyIds[t]!.size, params }),
    )
  }
  const shared = {
    height,
    medianTimePast: mtp,
    params,
    genesisHash: genesisHashBytes(params),
    utxos: p.utxos,
  }
  const probeCoinbase = createCoinbase({ height, outputs: [] })
  const { fees } = connectTransactions({
    ...shared,
    transactions: [probeCoinbase, ...p.transactions],
    txids: [computeTransactionIds(probeCoinbase).txid, ...bodyIds.map((i) => i.txid)],
  })
  const coinbase = createCoinbase({
    height,
    outputs: coinbaseOutputs({ params, height, fees, rewardLock: p.rewardLock }),
    ...(p.extraData ? { extraData: p.extraData } : {}),
  })
  const transactions = [coinbase, ...p.transactions]
  const ids = [computeTransactionIds(coinbase), ...bodyIds]
  const size =
    HEADER_BYTES + varintLength(transactions.length) + ids.reduce((s, i) => s + i.size, 0)
  if (size > params.maxBlockBytes)
    fail('BLOCK_TOO_LARGE', `block would be ${size} bytes, the limit is ${params.maxBlockBytes}`, {
      height,
      size,
    })
  const connected = connectTransactions({ ...shared, transactions, txids: ids.map((i) => i.txid) })
  const utxoTree = applyUtxoDiff(p.utxoTree, connected)
  const prevHash = parent.hash
  const block: Block = {
    header: {
      version: HEADER_VERSION,
      height,
      prevHash,
      timestamp: p.timestamp,
      bits: requiredBits(params, parent.header),
      nonce: 0n,
      txRoot: computeTxRoot(ids.map((i) => i.wtxid)),
      utxoRoot: utxoTree.root,
      filterHash: computeFilterHash({ prevHash, transactions }),
      validatorSetHash: parent.header.validatorSetHash,
      randomness: nextRandomness(params, parent),
    },
    transactions,
  }
  return { block, fees, utxoTree }
}
