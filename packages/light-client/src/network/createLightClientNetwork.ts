import {
  equalBytes,
  genesisHashBytes,
  getChainParams,
  NETWORKS,
  type Network,
  type StatusMessage,
} from '@supernova/protocol'
import { cryptoRandom } from './backoff.js'
import { parseBootstrap } from './bootstrap.js'
import * as chain from './chainRequests.js'
import type { PeerOutcome } from './errors.js'
import { createEmitter } from './events.js'
import { getFeeEstimate } from './getFeeEstimate.js'
import { getMempoolSummary, getMempoolTx } from './mempoolRequests.js'
import type { LightClientNetwork } from './network.js'
import { PeerBook } from './peerBook.js'
import type { RequestContext } from './requests.js'
import { NetworkRuntime } from './runtime.js'
import { sendTransaction } from './sendTransaction.js'
import * as state from './stateRequests.js'
import {
  type DisconnectReason,
  type LightClientNetworkEvents,
  type NetworkLogger,
  type ReconnectOptions,
  SILENT_LOGGER,
  type TransportName,
} from './types.js'
import { waitForPeers } from './waitForPeers.js'

/** A peer on another genesis is refused this long (docs/network.md §2.3: "another genesis"). */
const WRONG_GENESIS_BAN_MS = 24 * 60 * 60 * 1000

export type CreateLightClientNetworkParameters = {
  network: Network
  /** Full-node multiaddrs, each ending in `/p2p/<peer id>` (the site serves the list). */
  bootstrap: readonly string[]
  logger?: NetworkLogger
  /** How many nodes to keep connected when more are known. Default 3 (1..16). */
  targetPeers?: number
  /** Transports to dial, in order of preference. Default WebSockets, then WebRTC-direct. */
  transports?: readonly TransportName[]
  reconnect?: ReconnectOptions
  /** Bound on one dial. Default 10 s. */
  dialTimeoutMs?: number
  /**
   * How often each peer's status is refreshed. Default 15 s. A peer that pushes its tips
   * (`heads`, docs/network.md §2.4) is asked only once its last status is 1.5 intervals old.
   */
  statusIntervalMs?: number
  /** How long a peer whose score fell to −100 is refused. Default 1 h. */
  banMs?: number
  /** Clock (ms). Default `Date.now`. */
  now?: () => number
  /** Uniform [0, 1) for back-off jitter. Default from `crypto.getRandomValues`. */
  random?: () => number
}

export type { LightClientNetwork } from './network.js'

/**
 * The light client's connection to full nodes over libp2p: dials the bootstrap nodes over
 * WebSockets and WebRTC-direct (same code in browsers and Node), keeps `targetPeers` of them
 * connected, reconnects with capped exponential back-off and jitter, tracks each peer's claimed
 * status and score, and offers one typed request per protocol (docs/network.md §2).
 *
 * Everything it returns is what a node CLAIMS — decoded, size- and shape-checked, never verified.
 * Nothing from this layer may be shown to a user before the verification layer has checked it
 * against the verified header chain; on a wrong answer that layer calls `penalize`/`disconnect`
 * and asks again (without `peer`, the next request goes to the best peer left).
 *
 * @throws {TypeError} unknown network, a bootstrap address that does not parse or lacks `/p2p/`.
 * @throws {RangeError} a tuning value out of range.
 * @example
 * const net = createLightClientNetwork({ network: 'devnet', bootstrap: await (await fetch('/bootstrap.json')).json() })
 * await net.start()
 * await net.waitForPeers({ timeoutMs: 10_000 })
 * const { headers, peer } = await net.getHeaders({ fromHeight: 1, count: 100 })
 * // verify `headers` before use; on failure: net.penalize({ peer, points: 100, reason: 'bad PoW' })
 */
export function createLightClientNetwork(
  p: CreateLightClientNetworkParameters,
): LightClientNetwork {
  const o = resolveOptions(p)
  const peersToDial = parseBootstrap(p.bootstrap, o.transports)
  const genesis = genesisHashBytes(getChainParams(p.network))
  const book = new PeerBook({ ...o.reconnect, banMs: o.banMs, now: o.now, random: o.random })
  for (const peer of peersToDial) book.addBootstrap(peer)
  const emitter = createEmitter<LightClientNetworkEvents>(o.logger)
  const runtime: NetworkRuntime = new NetworkRuntime(
    o,
    book,
    emitter,
    (peer) => chain.getStatus(ctx, { peer }),
    {
      network: p.network,
      // A pushed status has no round trip: the peer keeps the latency its last poll measured.
      onStatus: (peer, status) => onStatus(peer, status, undefined),
      punish: (peer, points, reason) => punish(peer, points, reason),
    },
  )
  const hangUp = (peer: string, reason: DisconnectReason) =>
    void runtime
      .hangUp(peer, reason)
      .catch((err: unknown) => o.logger.warn({ peer, err: String(err) }, 'hang-up failed'))

  const punish = (peer: string, points: number, reason: string): PeerOutcome => {
    const banned = book.penalize(peer, points)
    o.logger.info({ peer, points, score: book.score(peer), reason }, 'peer penalized')
    if (!banned) return 'penalized'
    hangUp(peer, 'banned')
    return 'disconnected'
  }

  const onStatus = (
    peer: string,
    status: StatusMessage,
    latencyMs: number | undefined,
  ): PeerOutcome => {
    if (!equalBytes(status.genesisHash, genesis)) {
      o.logger.warn({ peer }, 'peer on another genesis: dropped')
      book.ban(peer, WRONG_GENESIS_BAN_MS)
      hangUp(peer, 'wrong-genesis')
      return 'disconnected'
    }
    if (book.setStatus(peer, status, latencyMs)) emitter.emit('status', { peer, status })
    return 'none'
  }

  const ctx: RequestContext = {
    network: p.network,
    libp2p: () => runtime.libp2p,
    book,
    onStatus,
    punish,
    now: o.now,
  }

  const network: LightClientNetwork = {
    network: p.network,
    start: () => runtime.start(),
    stop: () => runtime.stop(),
    isStarted: () => runtime.libp2p !== undefined,
    peers: () => book.connected(),
    on: (event, listener) => emitter.on(event, listener),
    waitForPeers: (q = {}) => waitForPeers({ book, on: emitter.on, ...q }),
    getStatus: (q) => chain.getStatus(ctx, q),
    getHeaders: (q) => chain.getHeaders(ctx, q),
    getBlock: (q) => chain.getBlock(ctx, q),
    getFilter: (q) => chain.getFilter(ctx, q),
    getFilters: (q) => chain.getFilters(ctx, q),
    getTxProof: (q) => chain.getTxProof(ctx, q),
    getUtxos: (q) => state.getUtxos(ctx, q),
    getOutpoint: (q) => state.getOutpoint(ctx, q),
    sendTransaction: (q) => sendTransaction(ctx, q),
    getFeeEstimate: (q) => getFeeEstimate(ctx, q),
    getMempoolSummary: (q) => getMempoolSummary(ctx, q),
    getMempoolTx: (q) => getMempoolTx(ctx, q),
    penalize({ peer, points, reason }) {
      if (!Number.isFinite(points) || points <= 0)
        throw new RangeError('points must be a positive number')
      return punish(peer, points, reason)
    },
    async disconnect({ peer, banMs }) {
      if (banMs !== undefined) {
        if (!Number.isFinite(banMs) || banMs <= 0)
          throw new RangeError('banMs must be a positive number')
        book.ban(peer, banMs)
      }
      await runtime.hangUp(peer, banMs === undefined ? 'requested' : 'banned')
    },
  }
  return network
}

function resolveOptions(p: CreateLightClientNetworkParameters) {
  if (!NETWORKS.includes(p.network)) throw new TypeError(`unknown network ${String(p.network)}`)
  const o = {
    logger: p.logger ?? SILENT_LOGGER,
    targetPeers: p.targetPeers ?? 3,
    transports: p.transports ?? (['websockets', 'webrtc-direct'] as const),
    reconnect: {
      minMs: p.reconnect?.minMs ?? 1_000,
      maxMs: p.reconnect?.maxMs ?? 60_000,
      stableMs: p.reconnect?.stableMs ?? 60_000,
    },
    dialTimeoutMs: p.dialTimeoutMs ?? 10_000,
    statusIntervalMs: p.statusIntervalMs ?? 15_000,
    banMs: p.banMs ?? 60 * 60 * 1000,
    now: p.now ?? Date.now,
    random: p.random ?? cryptoRandom,
  }
  if (!Number.isInteger(o.targetPeers) || o.targetPeers < 1 || o.targetPeers > 16)
    throw new RangeError(`targetPeers ${o.targetPeers} outside 1..16`)
  for (const [name, v] of Object.entries({
    ...o.reconnect,
    dialTimeoutMs: o.dialTimeoutMs,
    statusIntervalMs: o.statusIntervalMs,
    banMs: o.banMs,
  }))
    if (!Number.isFinite(v) || v <= 0)
      throw new RangeError(`${name} must be a positive number of ms`)
  if (o.reconnect.minMs > o.reconnect.maxMs)
    throw new RangeError('reconnect.minMs above reconnect.maxMs')
  if (o.transports.length === 0) throw new RangeError('no transport to dial')
  return o
}
