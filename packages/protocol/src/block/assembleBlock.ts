import { blockSubsidy, treasuryShare } from '../economics/supply.js'
import type { ChainParams } from '../params/types.js'
import type { Lock } from '../policy/types.js'
import { medianTimePast } from '../pow/asert.js'
import type { SparseMerkleTree } from '../smt/SparseMerkleTree.js'
import { computeTransactionIds } from '../tx/hashes.js'
import { type Transaction, TX_LIMITS, TX_VERSION, type TxOutput } from '../tx/types.js'
import { applyUtxoDiff, connectTransactions } from '../validation/connectTransactions.js'
import { genesisHashBytes } from '../validation/verifyBlock.js'
import { nextRandomness, type ParentHeader, requiredBits } from '../validation/verifyHeader.js'
import type { UtxoLookup } from '../validation/verifyTransaction.js'
import type { Block } from './block.js'
import { computeFilterHash, computeTxRoot } from './commitments.js'
import { HEADER_VERSION } from './header.js'

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
 * @throws {ValidationError} when a transaction is not valid in this position.
 */
export function assembleBlock(p: AssembleBlockParameters): AssembleBlockReturnType {
  const { params, parent } = p
  const height = parent.header.height + 1
  const shared = {
    height,
    medianTimePast: medianTimePast(p.recentTimestamps, params.medianTimeSpan),
    params,
    genesisHash: genesisHashBytes(params),
    utxos: p.utxos,
  }
  const probe = [createCoinbase({ height, outputs: [] }), ...p.transactions]
  const { fees } = connectTransactions({
    ...shared,
    transactions: probe,
    txids: probe.map((t) => computeTransactionIds(t).txid),
  })
  const coinbase = createCoinbase({
    height,
    outputs: coinbaseOutputs({ params, height, fees, rewardLock: p.rewardLock }),
    ...(p.extraData ? { extraData: p.extraData } : {}),
  })
  const transactions = [coinbase, ...p.transactions]
  const ids = transactions.map(computeTransactionIds)
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
