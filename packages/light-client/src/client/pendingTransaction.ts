import {
  computeTransactionIds,
  equalBytes,
  type OutPoint,
  outpointKey,
  type SignatureSchemes,
  type Transaction,
  toHex,
} from '@supernova/protocol'
import { NetworkError } from '../network/errors.js'
import type { GetMempoolTxReturnType } from '../network/mempoolRequests.js'
import { askPeers, requestOptions, type VerifyContext } from '../verify/askPeers.js'
import { VerificationError } from '../verify/errors.js'
import { type Verified, verificationFor } from '../verify/types.js'
import {
  checkStructure,
  type FetchedPending,
  invalidAtTip,
  type PendingInput,
  proveOutpoints,
  validatePending,
} from './pendingChecks.js'

/** Most pending ancestors one check follows (the mempool's own ancestor limit is 25). */
export const MAX_PENDING_ANCESTORS = 25

export type GetPendingTransactionParameters = { txid: Uint8Array; signal?: AbortSignal }

/**
 * A transaction that is in a node's mempool, verified in the client at the verified tip: its
 * bytes hash to the txid, every input spends an output proven unspent (or one of a pending parent
 * verified the same way), and its spend policies and signatures hold. `verification.header` is
 * the block the inputs were proven at (the verified tip then: `depth` 0 unless the tip moved
 * since). Pending is not confirmed: a conflicting spend may still be mined first.
 */
export type GetPendingTransactionReturnType = Verified<{
  state: 'pending'
  tx: Transaction
  txid: Uint8Array
  wtxid: Uint8Array
  /** Encoded size in bytes, witnesses included. */
  size: number
  /** Σ proven inputs − Σ outputs, base units. */
  fee: bigint
  /** fee ÷ size, base units per byte. */
  feeRate: number
  /** When the serving node first saw it (ms, that node's clock: a claim). */
  firstSeen: number
  /** The node that served it. */
  peer: string
  /** Each input with the output it spends, in input order. */
  inputs: PendingInput[]
  /** Txids of the pending transactions it depends on (verified with it), parents first. */
  ancestors: Uint8Array[]
}>

export type { PendingInput } from './pendingChecks.js'

/**
 * Asks nodes for a pending transaction and verifies it (see `GetPendingTransactionReturnType`).
 * A node whose bytes hash to another txid, or whose witnesses fail, is reported (evidence, ban)
 * and the next node is asked.
 * @throws {LightClientError} NOT_FOUND (no node asked has it in its mempool), INVALID_AT_TIP (an
 * input is spent at the tip — mined or conflicted — or a chain-state rule fails), NO_PEER,
 * ALL_PEERS_FAILED, ABORTED
 */
export async function getVerifiedPendingTransaction(
  ctx: VerifyContext,
  schemes: () => SignatureSchemes,
  { txid, signal }: GetPendingTransactionParameters,
): Promise<GetPendingTransactionReturnType> {
  return askPeers({
    ctx,
    what: 'getPendingTransaction',
    signal,
    attempt: async (peer) => {
      const opts = requestOptions(ctx, peer, signal)
      const root = fetched(peer, txid, await ctx.network.getMempoolTx({ txid, ...opts }))
      checkStructure(root, ctx.chain.params)
      const { pool, confirmed } = await discover(ctx, root, signal)
      const ordered = parentsFirst(pool, root)
      if (confirmed.length === 0)
        throw invalidAtTip('TX_MISSING_INPUT', 'no input reaches a confirmed output')
      const proven = await proveOutpoints(ctx, confirmed, signal)
      const checked = await validatePending({ ctx, ordered, proven, schemes: schemes() })
      const mine = checked.get(toHex(txid))!
      const size = root.bytes.length
      return {
        state: 'pending',
        tx: root.tx,
        txid,
        wtxid: root.wtxid,
        size,
        fee: mine.fee,
        feeRate: Number(mine.fee) / size,
        firstSeen: root.firstSeen,
        peer,
        inputs: mine.inputs,
        ancestors: ordered.slice(0, -1).map((t) => t.txid),
        verification: verificationFor(ctx.chain, proven.at),
      }
    },
  })
}

/**
 * The node's answer with its txid checked.
 * @throws {VerificationError} TXID_MISMATCH: bytes that hash to another txid (a lie).
 */
function fetched(peer: string, txid: Uint8Array, a: GetMempoolTxReturnType): FetchedPending {
  const ids = computeTransactionIds(a.tx)
  if (!equalBytes(ids.txid, txid))
    throw new VerificationError({
      code: 'TXID_MISMATCH',
      message: `asked the mempool for ${toHex(txid)}, got a transaction with txid ${toHex(ids.txid)}`,
      peer,
      request: { protocol: 'mempool-tx', txid },
      answer: { bytes: a.bytes, firstSeen: a.firstSeen },
    })
  return { tx: a.tx, txid, wtxid: ids.wtxid, bytes: a.bytes, firstSeen: a.firstSeen, peer }
}

/**
 * The pending ancestors the serving node holds (asked of that node, txids checked) and the
 * outpoints that must be confirmed: those whose transaction is not in its pool.
 */
async function discover(ctx: VerifyContext, root: FetchedPending, signal?: AbortSignal) {
  const pool = new Map<string, FetchedPending>([[toHex(root.txid), root]])
  const notPending = new Set<string>()
  const confirmed = new Map<string, OutPoint>()
  const queue = [root]
  for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
    for (const { prevout } of t.tx.inputs) {
      const id = toHex(prevout.txid)
      if (pool.has(id)) continue
      if (!notPending.has(id)) {
        const parent = await fetchParent(ctx, root.peer, prevout.txid, signal)
        if (parent !== undefined) {
          if (pool.size > MAX_PENDING_ANCESTORS)
            throw invalidAtTip(
              'TOO_MANY_ANCESTORS',
              `more than ${MAX_PENDING_ANCESTORS} pending ancestors`,
            )
          checkStructure(parent, ctx.chain.params)
          pool.set(id, parent)
          queue.push(parent)
          continue
        }
        notPending.add(id)
      }
      confirmed.set(outpointKey(prevout), prevout)
    }
  }
  return { pool, confirmed: [...confirmed.values()] }
}

/** A parent from the same node's pool, or undefined when it does not hold it (confirmed). */
async function fetchParent(
  ctx: VerifyContext,
  peer: string,
  txid: Uint8Array,
  signal?: AbortSignal,
): Promise<FetchedPending | undefined> {
  try {
    const a = await ctx.network.getMempoolTx({ txid, ...requestOptions(ctx, peer, signal) })
    return fetched(peer, txid, a)
  } catch (e) {
    if (e instanceof NetworkError && e.code === 'NOT_FOUND') return undefined
    throw e
  }
}

/** The pool's transactions that `root` depends on, parents before children, `root` last. */
function parentsFirst(pool: Map<string, FetchedPending>, root: FetchedPending): FetchedPending[] {
  const out: FetchedPending[] = []
  const seen = new Set<string>()
  const visit = (t: FetchedPending) => {
    const id = toHex(t.txid)
    if (seen.has(id)) return
    seen.add(id)
    for (const { prevout } of t.tx.inputs) {
      const parent = pool.get(toHex(prevout.txid))
      if (parent !== undefined) visit(parent)
    }
    out.push(t)
  }
  visit(root)
  return out
}
