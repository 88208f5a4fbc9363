import {
  type BlockFilterItem,
  computeTxid,
  DEVNET,
  emptyFeeHistogram,
  genesisHashBytes,
  hashHeader,
  type StatusMessage,
  type Transaction,
  workForBits,
} from '@supernova/protocol'
import { NetworkError, type PeerOutcome } from '../../src/network/errors.js'
import { createEmitter } from '../../src/network/events.js'
import type { LightClientNetwork } from '../../src/network/network.js'
import { BAN_SCORE } from '../../src/network/peerBook.js'
import {
  type LightClientNetworkEvents,
  type NetworkPeer,
  SILENT_LOGGER,
} from '../../src/network/types.js'
import type { TestChain } from './testChain.js'

type Answers = {
  status: StatusMessage
  headers: Awaited<ReturnType<LightClientNetwork['getHeaders']>>['headers']
  block: Awaited<ReturnType<LightClientNetwork['getBlock']>>
  filter: Uint8Array
  filters: BlockFilterItem[]
  'tx-proof': NonNullable<ReturnType<TestChain['txProof']>>
  utxos: ReturnType<TestChain['utxos']>
  outpoint: ReturnType<TestChain['outpoint']>
  'fee-estimate': Awaited<ReturnType<LightClientNetwork['getFeeEstimate']>>
}

/** Rewrites one kind of answer: how a test makes a peer lie. */
export type Tamper = { [K in keyof Answers]?: (answer: Answers[K], request: unknown) => Answers[K] }

/** How a fake peer behaves beyond its answers. */
export type FakePeerOptions = {
  /** A node without `filters` (an older node): DIAL_FAILED, `details.unsupported`. */
  noFilters?: boolean
  /** The node's per-peer token bucket (docs/network.md §2.3): RATE_LIMITED beyond it. */
  rateLimit?: { burst: number; ratePerSecond: number }
}

type FakePeer = {
  id: string
  chain: TestChain
  tamper: Tamper
  options: FakePeerOptions
  score: number
  requests: number
  /** Requests per protocol, and the RATE_LIMITED answers given. */
  asked: Map<string, number>
  rateLimited: number
  bucket: { tokens: number; at: number }
}

/**
 * An in-process stand-in for the libp2p network: each peer serves a real TestChain (headers,
 * blocks, filters, Merkle and SMT proofs built by the protocol package), optionally tampered.
 * Penalties and bans behave like the real peer book (−100 bans and disconnects).
 */
export function createFakeNetwork() {
  const peers = new Map<string, FakePeer>()
  const emitter = createEmitter<LightClientNetworkEvents>(SILENT_LOGGER)
  const banned = new Set<string>()
  const sent: Transaction[] = []
  const statusOf = (p: FakePeer): StatusMessage => {
    const tip = p.chain.mc.tip
    const work = p.chain.mc.entries.reduce((s, e) => s + workForBits(e.header.bits), 0n)
    const s = {
      genesisHash: genesisHashBytes(DEVNET),
      tipHash: tip.hash,
      tipHeight: tip.header.height,
      cumulativeWork: work,
      finalizedHeight: 0,
    }
    return p.tamper.status ? p.tamper.status(s, {}) : s
  }
  const view = (p: FakePeer): NetworkPeer => ({
    id: p.id,
    address: `/memory/${p.id}`,
    transport: 'websockets',
    status: statusOf(p),
    statusAt: 0,
    latencyMs: 1,
    score: p.score,
    connectedAt: 0,
  })
  const pick = (protocol: string, id: string | undefined): FakePeer => {
    const p =
      id === undefined ? [...peers.values()].sort((a, b) => b.score - a.score)[0] : peers.get(id)
    if (p === undefined)
      throw new NetworkError({ code: 'NO_PEER', message: `${protocol}: no peer` })
    p.requests++
    p.asked.set(protocol, (p.asked.get(protocol) ?? 0) + 1)
    const limit = p.options.rateLimit
    if (limit !== undefined) {
      // The node's bucket, on the real clock like the node's.
      const now = Date.now()
      const b = p.bucket
      b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.ratePerSecond)
      b.at = now
      if (b.tokens < 1) {
        p.rateLimited++
        throw new NetworkError({
          code: 'RATE_LIMITED',
          message: `${protocol}: the node answered RATE_LIMITED`,
          peer: p.id,
          details: { source: 'peer' },
        })
      }
      b.tokens -= 1
    }
    return p
  }
  const notFound = (peer: string): never => {
    throw new NetworkError({ code: 'NOT_FOUND', message: 'not found', peer })
  }
  const apply = <K extends keyof Answers>(
    p: FakePeer,
    k: K,
    a: Answers[K],
    req: unknown,
  ): Answers[K] => {
    const t = p.tamper[k] as ((x: Answers[K], r: unknown) => Answers[K]) | undefined
    return t ? t(a, req) : a
  }

  const network: LightClientNetwork = {
    network: 'devnet',
    start: async () => {},
    stop: async () => {},
    isStarted: () => true,
    peers: () => [...peers.values()].map(view),
    on: (e, l) => emitter.on(e, l),
    waitForPeers: async () => {
      const all = [...peers.values()].map(view)
      if (all.length === 0) throw new NetworkError({ code: 'NO_PEER', message: 'no peer' })
      return all
    },
    getStatus: async (q = {}) => {
      const p = pick('status', q.peer)
      const status = statusOf(p)
      emitter.emit('status', { peer: p.id, status })
      return { peer: p.id, status, latencyMs: 1 }
    },
    getHeaders: async (q) => {
      const p = pick('headers', q.peer)
      const headers = p.chain.headers.slice(q.fromHeight, q.fromHeight + q.count)
      return { peer: p.id, headers: apply(p, 'headers', headers, q) }
    },
    getBlock: async (q) => {
      const p = pick('block', q.peer)
      const block = p.chain.block(q.hash) ?? notFound(p.id)
      return apply(p, 'block', { peer: p.id, block, bytes: new Uint8Array(0) }, q)
    },
    getFilter: async (q) => {
      const p = pick('filter', q.peer)
      const filter = p.chain.filter(q.blockHash) ?? notFound(p.id)
      return { peer: p.id, filter: apply(p, 'filter', filter, q) }
    },
    getFilters: async (q) => {
      const p = pick('filters', q.peer)
      if (p.options.noFilters)
        throw new NetworkError({
          code: 'DIAL_FAILED',
          message: 'filters: protocol selection failed',
          peer: p.id,
          details: { source: 'local', unsupported: true },
        })
      const filters = p.chain.blocks.slice(q.fromHeight, q.fromHeight + q.count).map((b) => {
        const blockHash = hashHeader(b.header)
        return { blockHash, filter: p.chain.filter(blockHash)! }
      })
      return { peer: p.id, filters: apply(p, 'filters', filters, q) }
    },
    getTxProof: async (q) => {
      const p = pick('tx-proof', q.peer)
      const proof = p.chain.txProof(q.txid) ?? notFound(p.id)
      return { peer: p.id, ...apply(p, 'tx-proof', proof, q) }
    },
    getUtxos: async (q) => {
      const p = pick('utxos', q.peer)
      return { peer: p.id, ...apply(p, 'utxos', p.chain.utxos(q.lock, q.limit), q) }
    },
    getOutpoint: async (q) => {
      const p = pick('outpoint', q.peer)
      return { peer: p.id, ...apply(p, 'outpoint', p.chain.outpoint(q.outpoint), q) }
    },
    sendTransaction: async (q) => {
      const p = pick('send-tx', q.peer)
      sent.push(q.tx)
      return { peer: p.id, txid: computeTxid(q.tx), outcomes: [{ peer: p.id, accepted: true }] }
    },
    // Advice at the devnet relay floor: what a node with no observations answers.
    getFeeEstimate: async (q) => {
      const p = pick('fee-estimate', q.peer)
      const tipHeight = p.chain.mc.tip.header.height
      const advice = {
        peer: p.id,
        targetBlocks: q.targetBlocks,
        feeRate: 1n,
        minFeeRate: 1n,
        tipHeight,
        samples: 0,
      }
      return apply(p, 'fee-estimate', advice, q)
    },
    // An empty pool: nothing pending, and an empty report.
    getMempoolSummary: async (q = {}) => {
      const p = pick('mempool-summary', q.peer)
      return {
        peer: p.id,
        tipHeight: p.chain.mc.tip.header.height,
        time: 0,
        txCount: 0,
        totalBytes: 0,
        minFeeRate: 1,
        histogram: emptyFeeHistogram(),
        projected: { txCount: 0, bytes: 0, fees: 0n, minFeeRate: 0, maxFeeRate: 0 },
        recent: [],
      }
    },
    getMempoolTx: async (q) => {
      return notFound(pick('mempool-tx', q.peer).id)
    },
    penalize({ peer, points }): PeerOutcome {
      const p = peers.get(peer)
      if (p === undefined) return 'none'
      p.score -= points
      if (p.score > BAN_SCORE) return 'penalized'
      remove(peer, 'banned')
      return 'disconnected'
    },
    disconnect: async ({ peer }) => remove(peer, 'requested'),
  }
  const remove = (peer: string, reason: 'banned' | 'requested') => {
    if (!peers.delete(peer)) return
    if (reason === 'banned') banned.add(peer)
    emitter.emit('peer:disconnect', { peer, reason })
  }
  return {
    network,
    banned,
    sent,
    peer: (id: string) => peers.get(id),
    /** Connects a peer serving `chain` (and announces its status). */
    add(id: string, chain: TestChain, tamper: Tamper = {}, options: FakePeerOptions = {}) {
      const bucket = { tokens: options.rateLimit?.burst ?? 0, at: Date.now() }
      const p: FakePeer = {
        ...{ id, chain, tamper, options, bucket },
        ...{ score: 0, requests: 0, asked: new Map(), rateLimited: 0 },
      }
      peers.set(id, p)
      emitter.emit('peer:connect', { peer: view(p) })
      emitter.emit('status', { peer: id, status: statusOf(p) })
      return p
    },
    /** Announces a peer's current status (after its chain grew). */
    announce(id: string) {
      const p = peers.get(id)
      if (p) emitter.emit('status', { peer: id, status: statusOf(p) })
    },
  }
}
