import type { Transaction } from '@supernova/protocol'
import type { Logger } from 'pino'
import { INVALID_TX_POINTS, isPeerFault, type NetworkMempool } from './gossip.js'
import {
  decodeSendTxRequest,
  encodeSendTxResponse,
  isRejectReason,
  type ResponseFrame,
} from './messages.js'
import type { PeerManager } from './peers.js'

export type SendTxComponents = {
  mempool: NetworkMempool
  /** Gossips a transaction the mempool accepted (never throws: failures are logged). */
  relay: (tx: Transaction) => Promise<void>
  peers: PeerManager
  logger: Logger
}

/** Reason sent when the mempool gave a refusal no code that fits the wire (never expected). */
const UNKNOWN_REASON = 'UNKNOWN'

/**
 * The `send-tx` handler (docs/network.md §2.1): the transaction goes to the mempool as the API's
 * `sendTransaction` sends it; accepted, it is gossiped and its txid answered; refused, the answer
 * is REJECTED with the mempool's code (the consensus rule's code for an invalid transaction).
 * A transaction that breaks a context-free rule, or a coinbase, costs the sender the points a
 * gossiped one would: it is the sender's provable fault, however it is answered.
 * @throws {DecodeError} a request that is not exactly one transaction (BAD_REQUEST, penalized).
 */
export function createSendTxHandler(
  c: SendTxComponents,
): (request: Uint8Array, peer: string) => Promise<ResponseFrame> {
  return async (request, peer) => {
    const tx = decodeSendTxRequest(request)
    const result = await c.mempool.add(tx)
    if (result.accepted) {
      // Not awaited: the client's answer does not wait on gossip (publish logs its own failures).
      void c
        .relay(tx)
        .catch((err: unknown) =>
          c.logger.warn({ err: String(err) }, 'send-tx: could not gossip an accepted transaction'),
        )
      return { result: 'OK', body: encodeSendTxResponse(result.txid) }
    }
    const reason =
      result.code !== undefined && isRejectReason(result.code) ? result.code : UNKNOWN_REASON
    if (isPeerFault(reason))
      c.peers.penalize(peer, INVALID_TX_POINTS, `send-tx: an invalid transaction (${reason})`)
    const message = result.message ?? `the mempool refused the transaction: ${reason}`
    return { result: 'REJECTED', reason, message }
  }
}
