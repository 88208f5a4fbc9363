import type { GossipSub, Message } from '@libp2p/gossipsub'
import { TopicValidatorResult } from '@libp2p/gossipsub'
import type { PeerId } from '@libp2p/interface'
import {
  type Block,
  computeTxid,
  type DecodedBlock,
  decodeBlockWithIds,
  decodeTransaction,
  encodeBlock,
  encodeTransaction,
  hashHeader,
  type Network,
  STATE_INDEPENDENT_TX_CODES,
  type Transaction,
} from '@supernova/protocol'
import type { Logger } from 'pino'
import type { ChainView } from '../chain/types.js'
import type { MempoolViews } from './mempoolViews.js'
import type { PeerManager } from './peers.js'
import { gossipTopics } from './protocols.js'

/**
 * The mempool as the network sees it: admission and a duplicate check. A refusal's `code` is the
 * consensus `ValidationErrorCode` when the transaction breaks a rule (the relaying peer is then
 * penalized unless the rule depends on chain state), else the mempool's own reason (ignored);
 * `COINBASE` (a relayed coinbase) is penalized too. Its views (`MempoolViews`) answer
 * `mempool-summary` and `mempool-tx`.
 */
export type NetworkMempool = MempoolViews & {
  /** `message` (optional) is the refusal's human-readable reason, passed on to `send-tx` clients. */
  add(
    tx: Transaction,
  ): Promise<{ accepted: boolean; txid: Uint8Array; code?: string; message?: string }>
  has(txid: Uint8Array): boolean
  /**
   * The mempool's fee estimate for `targetBlocks` (units per byte, rounded up, never below the
   * floor) and the observations behind it; what `fee-estimate` answers.
   */
  estimateFee(targetBlocks: number): { feeRate: bigint; samples: number }
  /** The fee rate a newcomer needs now (the floor, or the rolling minimum when full). */
  minFeeRate(): number
}

/** Penalties for gossip that breaks consensus: an invalid block bans at once. */
const INVALID_BLOCK_POINTS = 100
const UNDECODABLE_POINTS = 20
export const INVALID_TX_POINTS = 10

/**
 * Transaction rejections that make the relaying peer at fault: the protocol's state-independent
 * rules, and relaying a coinbase. Anything else (missing or immature inputs, locks not yet final,
 * mempool policy) is ignored.
 */
export function isPeerFault(code: string): boolean {
  return code === 'COINBASE' || (STATE_INDEPENDENT_TX_CODES as ReadonlySet<string>).has(code)
}

export type GossipComponents = {
  chain: ChainView
  mempool: NetworkMempool
  peers: PeerManager
  logger: Logger
  /** A block arrived whose parent we lack: the peer is ahead of us. */
  onOrphan: (peer: PeerId) => void
}

/**
 * Block and transaction gossip. Incoming messages are decoded strictly and validated before
 * gossipsub forwards them: Accept what the chain or mempool took, Reject (and penalize) what
 * breaks consensus, Ignore duplicates, orphans and policy refusals.
 */
export class Gossip {
  readonly topics: { blocks: string; txs: string }
  private pubsub: GossipSub | undefined

  constructor(
    network: Network,
    private readonly c: GossipComponents,
  ) {
    this.topics = gossipTopics(network)
  }

  attach(pubsub: GossipSub): void {
    this.pubsub = pubsub
    pubsub.topicValidators.set(this.topics.blocks, (peer, msg) =>
      this.validateBlock(peer, msg).catch((err) => this.validatorFailed('block', err)),
    )
    pubsub.topicValidators.set(this.topics.txs, (peer, msg) =>
      this.validateTx(peer, msg).catch((err) => this.validatorFailed('tx', err)),
    )
    pubsub.subscribe(this.topics.blocks)
    pubsub.subscribe(this.topics.txs)
  }

  detach(): void {
    const pubsub = this.pubsub
    if (pubsub === undefined) return
    for (const topic of [this.topics.blocks, this.topics.txs]) {
      pubsub.topicValidators.delete(topic)
      pubsub.unsubscribe(topic)
    }
    this.pubsub = undefined
  }

  subscribers(): { blocks: string[]; txs: string[] } {
    const of = (topic: string) => (this.pubsub?.getSubscribers(topic) ?? []).map(String)
    return { blocks: of(this.topics.blocks), txs: of(this.topics.txs) }
  }

  /** Publishes a block; duplicates (already seen on the topic) are ignored. */
  async publishBlock(block: Block): Promise<void> {
    await this.publish(this.topics.blocks, encodeBlock(block), { height: block.header.height })
  }

  /** Publishes a transaction the mempool accepted. */
  async publishTransaction(tx: Transaction): Promise<void> {
    await this.publish(this.topics.txs, encodeTransaction(tx), { kind: tx.kind })
  }

  private async publish(
    topic: string,
    data: Uint8Array,
    what: Record<string, unknown>,
  ): Promise<void> {
    const pubsub = this.pubsub
    if (pubsub === undefined) return
    try {
      const { recipients } = await pubsub.publish(topic, data)
      this.c.logger.debug({ topic, ...what, recipients: recipients.length }, 'published')
    } catch (err) {
      this.c.logger.warn({ topic, ...what, err: String(err) }, 'publish failed')
    }
  }

  /** Our own failure (a store error, a stopped mempool) is not the peer's: ignore the message. */
  private validatorFailed(what: string, err: unknown): TopicValidatorResult {
    this.c.logger.error({ err, what }, 'gossip validation failed')
    return TopicValidatorResult.Ignore
  }

  private async validateBlock(peer: PeerId, msg: Message): Promise<TopicValidatorResult> {
    let block: DecodedBlock
    try {
      block = decodeBlockWithIds(msg.data)
    } catch (err) {
      this.c.peers.penalize(peer, UNDECODABLE_POINTS, `undecodable block gossip: ${String(err)}`)
      return TopicValidatorResult.Reject
    }
    const known = await this.c.chain.getHeaderByHash(hashHeader(block.block.header))
    if (known?.hasBlock === true) return TopicValidatorResult.Ignore
    const result = await this.c.chain.processBlock(block)
    switch (result.status) {
      case 'connected':
      case 'reorg':
      case 'side':
        return TopicValidatorResult.Accept
      case 'orphan':
        this.c.onOrphan(peer)
        return TopicValidatorResult.Ignore
      case 'duplicate':
      case 'refused':
        // A branch we will not keep is not ours to relay (nor the sender's fault).
        return TopicValidatorResult.Ignore
      case 'invalid':
        if (result.error.peerAction !== 'penalize') return TopicValidatorResult.Ignore
        this.c.peers.penalize(
          peer,
          INVALID_BLOCK_POINTS,
          `gossiped an invalid block: ${result.error.code}`,
        )
        return TopicValidatorResult.Reject
    }
  }

  private async validateTx(peer: PeerId, msg: Message): Promise<TopicValidatorResult> {
    let tx: Transaction
    try {
      tx = decodeTransaction(msg.data)
    } catch (err) {
      this.c.peers.penalize(peer, UNDECODABLE_POINTS, `undecodable tx gossip: ${String(err)}`)
      return TopicValidatorResult.Reject
    }
    if (this.c.mempool.has(computeTxid(tx))) return TopicValidatorResult.Ignore
    const result = await this.c.mempool.add(tx)
    if (result.accepted) return TopicValidatorResult.Accept
    if (result.code !== undefined && isPeerFault(result.code)) {
      this.c.peers.penalize(peer, INVALID_TX_POINTS, `gossiped an invalid tx: ${result.code}`)
      return TopicValidatorResult.Reject
    }
    return TopicValidatorResult.Ignore
  }
}
