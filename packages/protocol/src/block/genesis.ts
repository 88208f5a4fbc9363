import { utf8, ZERO_HASH } from '../bytes.js'
import { hash } from '../hash/blake3.js'
import type { ChainParams } from '../params/types.js'
import { SparseMerkleTree } from '../smt/SparseMerkleTree.js'
import { computeTransactionIds } from '../tx/hashes.js'
import type { UtxoDiffEntry } from '../validation/connectTransactions.js'
import { applyUtxoDiff } from '../validation/connectTransactions.js'
import { createCoinbase } from './assembleBlock.js'
import type { Block } from './block.js'
import { computeFilterHash, computeTxRoot, hashValidatorSet } from './commitments.js'
import { HEADER_VERSION, hashHeader } from './header.js'

export type GenesisState = {
  block: Block
  hash: Uint8Array
  utxoTree: SparseMerkleTree
  created: UtxoDiffEntry[]
}

/**
 * The genesis block of a network, built from its params: a coinbase paying the allocations and
 * committing the genesis message, bits = genesisBits (genesis is pinned by hash, its proof of
 * work is not checked), an empty validator set and the initial randomness.
 */
export function createGenesis(params: ChainParams): GenesisState {
  const message = utf8(params.genesis.message)
  const coinbase = createCoinbase({
    height: 0,
    outputs: params.genesis.allocations.map((a) => ({ amount: a.amount, lock: a.lock })),
    extraData: message,
  })
  const ids = computeTransactionIds(coinbase)
  const created = coinbase.outputs.map((o, vout) => ({
    outpoint: { txid: ids.txid, vout },
    entry: { amount: o.amount, lock: o.lock, height: 0, coinbase: true },
  }))
  const utxoTree = applyUtxoDiff(SparseMerkleTree.EMPTY, { spent: [], created })
  const block: Block = {
    header: {
      version: HEADER_VERSION,
      height: 0,
      prevHash: ZERO_HASH.slice(),
      timestamp: params.genesis.timestamp,
      bits: params.genesisBits,
      nonce: 0n,
      txRoot: computeTxRoot([ids.wtxid]),
      utxoRoot: utxoTree.root,
      filterHash: computeFilterHash({ prevHash: ZERO_HASH, transactions: [coinbase] }),
      validatorSetHash: hashValidatorSet([]),
      randomness: hash('randomness', utf8(`SuperNova ${params.network} genesis randomness`)),
    },
    transactions: [coinbase],
  }
  return { block, hash: hashHeader(block.header), utxoTree, created }
}
