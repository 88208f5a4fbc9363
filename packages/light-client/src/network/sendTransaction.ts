import {
  computeTxid,
  decodeSendTxResponse,
  encodeSendTxRequest,
  equalBytes,
  type Transaction,
} from '@supernova/protocol'
import { NetworkError } from './errors.js'
import { notAnAnswer, type RequestContext, request } from './requests.js'
import type { FromPeer, RequestOptions } from './types.js'

/** Most peers one broadcast sends to. */
export const MAX_BROADCAST_PEERS = 16
/** Peers a broadcast sends to when `maxPeers` is not given. */
export const DEFAULT_BROADCAST_PEERS = 3

export type SendTransactionParameters = RequestOptions & {
  /** The signed transaction. */
  tx: Transaction
  /**
   * Send it to several connected peers at once (best first, `peer` first when given) instead of
   * one. Resolves as soon as the answers are in if any peer accepted it.
   */
  broadcast?: boolean
  /** With `broadcast`: how many peers at most, 1..16. Default 3. */
  maxPeers?: number
}

/** What one peer answered: accepted, or the error (REJECTED with its reason, or a failure). */
export type SendTransactionOutcome =
  | { peer: string; accepted: true }
  | { peer: string; accepted: false; error: NetworkError }

export type SendTransactionReturnType = FromPeer & {
  /** The transaction's id (checked: the node answered this one). */
  txid: Uint8Array
  /** One entry per peer asked, in the order asked; a single one without `broadcast`. */
  outcomes: SendTransactionOutcome[]
}

/**
 * Broadcasts a signed transaction through full nodes' `send-tx` (docs/network.md §2.1): the node
 * submits it to its mempool and, accepted, gossips it to the network. `peer` names the node that
 * accepted it (the best such one with `broadcast`). A node's acceptance is a claim: follow the
 * transaction with `getTxProof` until it is confirmed.
 *
 * @throws {RangeError} an encoding over 1,000,000 bytes; `maxPeers` outside 1..16.
 * @throws {NetworkError} REJECTED when the node refused it (`details.reason`: `DOUBLE_SPEND`,
 * `FEE_TOO_LOW`, `MISSING_INPUTS`, `TX_BAD_SIGNATURE`, …; `details.message`; the peer is not
 * blamed), BAD_RESPONSE (it answered another txid), and the codes of any request. With
 * `broadcast`, thrown only when no peer accepted: the best peer's REJECTED if any peer rejected,
 * else the best peer's failure.
 * @example
 * const { txid, peer } = await net.sendTransaction({ tx: signed })
 * // or to several nodes: const { outcomes } = await net.sendTransaction({ tx: signed, broadcast: true })
 */
export async function sendTransaction(
  ctx: RequestContext,
  p: SendTransactionParameters,
): Promise<SendTransactionReturnType> {
  const payload = encodeSendTxRequest(p.tx)
  const txid = computeTxid(p.tx)
  const send = (peer: string | undefined) =>
    request(ctx, 'send-tx', payload, withPeer(p, peer), (body) => {
      if (!equalBytes(decodeSendTxResponse(body), txid))
        throw notAnAnswer('the node answered the txid of another transaction')
      return {}
    })
  const targets = p.broadcast === true ? broadcastTargets(ctx, p) : []
  if (targets.length === 0) {
    // One peer; also how a broadcast with nobody to ask fails (NO_PEER, NOT_STARTED).
    const { peer } = await send(p.peer)
    return { txid, peer, outcomes: [{ peer, accepted: true }] }
  }
  const settled = await Promise.allSettled(targets.map((peer) => send(peer)))
  const outcomes = settled.map((s, i): SendTransactionOutcome => {
    const peer = targets[i] as string
    if (s.status === 'fulfilled') return { peer, accepted: true }
    if (!(s.reason instanceof NetworkError)) throw s.reason
    return { peer, accepted: false, error: s.reason }
  })
  const accepted = outcomes.find((o) => o.accepted)
  if (accepted !== undefined) return { txid, peer: accepted.peer, outcomes }
  const errors = outcomes.flatMap((o) => (o.accepted ? [] : [o.error]))
  throw errors.find((e) => e.code === 'REJECTED') ?? (errors[0] as NetworkError)
}

/** The request options for one peer (`peer` unset: the best one). */
function withPeer(p: SendTransactionParameters, peer: string | undefined): RequestOptions {
  return {
    ...(peer !== undefined ? { peer } : {}),
    ...(p.signal !== undefined ? { signal: p.signal } : {}),
    ...(p.timeoutMs !== undefined ? { timeoutMs: p.timeoutMs } : {}),
  }
}

/** `p.peer` (when given) then the best connected peers, `maxPeers` at most. */
function broadcastTargets(ctx: RequestContext, p: SendTransactionParameters): string[] {
  const max = p.maxPeers ?? DEFAULT_BROADCAST_PEERS
  if (!Number.isInteger(max) || max < 1 || max > MAX_BROADCAST_PEERS)
    throw new RangeError(`maxPeers ${max} outside 1..${MAX_BROADCAST_PEERS}`)
  const ids = ctx.book.ranked().map((peer) => peer.id)
  const first = p.peer === undefined ? [] : [p.peer]
  return [...first, ...ids.filter((id) => id !== p.peer)].slice(0, max)
}
