import type { Block } from '../block/block.js'
import { computeBlockFilter, computeTxRoot } from '../block/commitments.js'
import { HEADER_BYTES } from '../block/header.js'
import { equalBytes, fromHex } from '../bytes.js'
import { varintLength } from '../codec/writer.js'
import type { SignatureSchemes } from '../crypto/types.js'
import { blockSubsidy, treasuryShare } from '../economics/supply.js'
import { hashBlockFilter } from '../filter/index.js'
import type { ChainParams } from '../params/types.js'
import { equalLocks } from '../policy/lock.js'
import { medianTimePast } from '../pow/asert.js'
import type { SparseMerkleTree } from '../smt/SparseMerkleTree.js'
import { computeTransactionIds, type TransactionIds } from '../tx/hashes.js'
import {
  applyUtxoDiff,
  connectTransactions,
  UtxoCommitmentError,
  type UtxoDiffEntry,
} from './connectTransactions.js'
import { fail, ValidationError, withErrorContext } from './errors.js'
import { type ParentHeader, verifyHeader } from './verifyHeader.js'
import {
  coinbaseHeight,
  type UtxoLookup,
  verifySignatures,
  verifyTransactionStructure,
} from './verifyTransaction.js'

export type VerifyBlockParameters = {
  block: Block
  parent: ParentHeader
  /** Timestamps of the parent and its ancestors, oldest first. */
  recentTimestamps: readonly number[]
  params: ChainParams
  now: number
  /** The UTXO set after the parent. */
  utxos: UtxoLookup
  /** The UTXO commitment after the parent (its root equals parent.header.utxoRoot). */
  utxoTree: SparseMerkleTree
  schemes: SignatureSchemes
  /**
   * `computeTransactionIds` of each transaction, when the caller already has them (a chain
   * computes them once for its header-vs-body check). They must be of these very transactions.
   */
  ids?: readonly TransactionIds[]
}

/** Everything a store needs to connect (and later disconnect) a valid block. */
export type BlockConnection = {
  hash: Uint8Array
  headerBytes: Uint8Array
  /** Encoded block size in bytes. */
  size: number
  txids: Uint8Array[]
  fees: bigint
  subsidy: bigint
  created: UtxoDiffEntry[]
  /** Spent outputs with their entries: the undo data. */
  spent: UtxoDiffEntry[]
  /** The UTXO commitment after this block; its root equals the header's utxoRoot. */
  utxoTree: SparseMerkleTree
  /** The block's address filter, which the header's filterHash commits to. */
  filter: Uint8Array
}

const genesisHashCache = new Map<string, Uint8Array>()
export function genesisHashBytes(params: ChainParams): Uint8Array {
  let h = genesisHashCache.get(params.genesisHash)
  if (!h) {
    h = fromHex(params.genesisHash)
    genesisHashCache.set(params.genesisHash, h)
  }
  return h
}

/**
 * Full validation of a block on top of `parent`: the header rules, then size, coinbase placement,
 * per-transaction rules, txRoot, filter hash, coinbase height and value (subsidy + fees, treasury
 * share), every input against the UTXO set, the resulting utxoRoot, and finally all signatures
 * in one batch per scheme. Nothing is mutated; the caller commits the returned connection.
 * @throws {ValidationError} with the code of the first rule broken.
 */
export async function verifyBlock(p: VerifyBlockParameters): Promise<BlockConnection> {
  const { connection, signatures } = startBlockVerification(p)
  await signatures
  return connection
}

export type StartBlockVerificationReturnType = {
  /** What committing the block needs — valid only once `signatures` resolves. */
  connection: BlockConnection
  /**
   * Resolves when every signature of the block verified; rejects with `TX_BAD_SIGNATURE` (or
   * whatever the schemes reject with). An abandoned rejection is handled, never unobserved.
   */
  signatures: Promise<void>
}

/**
 * `verifyBlock` in two steps, for pipelines: every rule but the signatures is checked before
 * this returns (throwing the same errors in the same order), and the signatures — already on
 * their way to the schemes, worker threads in the node — settle in the returned promise. A
 * chain can validate the next block against `connection` while this one's signatures verify,
 * and must commit nothing before `signatures` resolves.
 * @throws {ValidationError} with the code of the first rule broken, signatures aside.
 */
export function startBlockVerification(p: VerifyBlockParameters): StartBlockVerificationReturnType {
  const { block, params } = p
  const { header, transactions } = block
  const { hash, headerBytes } = verifyHeader({
    header,
    parent: p.parent,
    recentTimestamps: p.recentTimestamps,
    params,
    now: p.now,
  })
  const height = header.height
  if (!equalBytes(p.utxoTree.root, p.parent.header.utxoRoot)) {
    throw new UtxoCommitmentError({
      code: 'UTXO_SET_INCONSISTENT',
      message: "the UTXO commitment given is not the parent's utxoRoot",
    })
  }
  if (transactions.length === 0)
    fail('BLOCK_NO_TRANSACTIONS', 'a block needs at least its coinbase', { height })
  if (transactions[0]!.kind !== 'coinbase')
    fail('BLOCK_FIRST_TX_NOT_COINBASE', 'the first transaction must be the coinbase', { height })
  for (let t = 1; t < transactions.length; t++) {
    if (transactions[t]!.kind === 'coinbase')
      fail('BLOCK_MULTIPLE_COINBASE', `transaction ${t} is a second coinbase`, { height, tx: t })
  }
  // Checked before encoding: a transaction whose witnesses do not pair with its inputs has no encoding.
  for (let t = 0; t < transactions.length; t++) {
    const tx = transactions[t]!
    if (tx.witnesses.length !== tx.inputs.length) {
      fail(
        'TX_WITNESS_MISMATCH',
        `transaction ${t} has ${tx.inputs.length} inputs but ${tx.witnesses.length} witnesses`,
        { height, tx: t },
      )
    }
  }
  if (p.ids && p.ids.length !== transactions.length)
    throw new RangeError('verifyBlock: ids must be one per transaction')
  // Ids are computed as the inputs are connected, so the first signatures reach the verifiers
  // (worker threads in the node) after a few transactions, not after a pass over the block. The
  // rules that need every id (size, structure, duplicates, txRoot) are checked after connecting,
  // but the error reported is still the first in rule order — size, structure, duplicates,
  // txRoot, filter, coinbase height, then the inputs — so every node names a bad block alike.
  // Connecting never trusts those rules: at worst it does bounded work on a block then refused.
  const known: (TransactionIds | undefined)[] = p.ids ? [...p.ids] : new Array(transactions.length)
  const idOf = (t: number): TransactionIds => {
    let id = known[t]
    if (id === undefined) {
      id = computeTransactionIds(transactions[t]!)
      known[t] = id
    }
    return id
  }
  const pending: Promise<void>[] = []
  let connected: ReturnType<typeof connectTransactions> | undefined
  let connectError: unknown
  try {
    connected = withErrorContext({ height }, () =>
      connectTransactions({
        transactions,
        txids: (t) => idOf(t).txid,
        height,
        medianTimePast: medianTimePast(p.recentTimestamps, params.medianTimeSpan),
        params,
        genesisHash: genesisHashBytes(params),
        utxos: p.utxos,
        onSignatures: (chunk) => {
          const check = verifySignatures(p.schemes, chunk)
          check.catch(() => undefined) // observed below, in order
          pending.push(check)
        },
      }),
    )
  } catch (e) {
    connectError = e
  }
  const ids = transactions.map((_, t) => idOf(t))
  let size = HEADER_BYTES + varintLength(transactions.length)
  for (const i of ids) size += i.size
  if (size > params.maxBlockBytes)
    fail('BLOCK_TOO_LARGE', `block is ${size} bytes, the limit is ${params.maxBlockBytes}`, {
      height,
      size,
    })
  for (let t = 0; t < transactions.length; t++) {
    withErrorContext({ height, tx: t }, () =>
      verifyTransactionStructure({ tx: transactions[t]!, size: ids[t]!.size, params }),
    )
  }
  const seen = new Set<string>()
  for (let t = 0; t < ids.length; t++) {
    // One code unit per byte: a cheaper Set key than hex, equal only for equal txids.
    const k = String.fromCharCode.apply(null, ids[t]!.txid as unknown as number[])
    if (seen.has(k))
      fail('BLOCK_DUPLICATE_TX', `transaction ${t} repeats an earlier transaction`, {
        height,
        tx: t,
      })
    seen.add(k)
  }
  const txids = ids.map((i) => i.txid)
  if (!equalBytes(computeTxRoot(ids.map((i) => i.wtxid)), header.txRoot))
    fail('BLOCK_BAD_TX_ROOT', 'txRoot does not match the transactions', { height })
  // Inputs that connected had their policies matched to the locks they spend: reuse the locks.
  const filter = computeBlockFilter({
    prevHash: header.prevHash,
    transactions,
    ...(connected ? { inputLocks: connected.inputLocks } : {}),
  })
  if (!equalBytes(hashBlockFilter(filter), header.filterHash))
    fail('BLOCK_BAD_FILTER_HASH', 'filterHash does not match the block filter', { height })
  const coinbase = transactions[0]!
  if (coinbaseHeight(coinbase) !== height)
    fail('BLOCK_COINBASE_BAD_HEIGHT', `coinbase commits to height ${coinbaseHeight(coinbase)}`, {
      height,
    })
  if (connected === undefined) throw connectError
  const subsidy = blockSubsidy(params, height)
  checkCoinbaseValue({ coinbase, params, height, subsidy, fees: connected.fees })
  const utxoTree = applyUtxoDiff(p.utxoTree, connected)
  if (!equalBytes(utxoTree.root, header.utxoRoot))
    fail('BLOCK_BAD_UTXO_ROOT', 'utxoRoot does not match the UTXO set after the block', { height })
  const signatures = (async () => {
    try {
      for (const check of pending) await check
    } catch (e) {
      if (e instanceof ValidationError)
        Object.assign(e.details as Record<string, unknown>, { height })
      throw e
    }
  })()
  signatures.catch(() => undefined) // the caller observes it; an abandoned pipeline must not crash
  return {
    connection: {
      hash,
      headerBytes,
      size,
      txids,
      fees: connected.fees,
      subsidy,
      created: connected.created,
      spent: connected.spent,
      utxoTree,
      filter,
    },
    signatures,
  }
}

/** The coinbase claims at most subsidy + fees and pays the treasury its share of the fees. */
function checkCoinbaseValue(p: {
  coinbase: Block['transactions'][number]
  params: ChainParams
  height: number
  subsidy: bigint
  fees: bigint
}): void {
  const { params, height, subsidy, fees } = p
  let claimed = 0n
  let toTreasury = 0n
  for (const o of p.coinbase.outputs) {
    claimed += o.amount
    if (equalLocks(o.lock, params.treasuryLock)) toTreasury += o.amount
  }
  if (claimed > subsidy + fees) {
    fail(
      'BLOCK_COINBASE_OVERPAID',
      `coinbase claims ${claimed}, at most ${subsidy + fees} (subsidy + fees) allowed`,
      { height, claimed: claimed.toString(), allowed: (subsidy + fees).toString() },
    )
  }
  const share = treasuryShare(params, fees)
  if (share >= params.dustThreshold && toTreasury < share) {
    fail(
      'BLOCK_TREASURY_UNDERPAID',
      `the treasury is owed ${share} of ${fees} fees, got ${toTreasury}`,
      { height, owed: share.toString(), paid: toTreasury.toString() },
    )
  }
}
