import type { StatusMessage } from '@supernova/protocol'

/** The browser transports the light client dials (docs/network.md §1). */
export type TransportName = 'websockets' | 'webrtc-direct'

/** Where the network layer writes what it does; pino's `(data, message)` signature. */
export type NetworkLogger = {
  debug(data: Record<string, unknown>, message: string): void
  info(data: Record<string, unknown>, message: string): void
  warn(data: Record<string, unknown>, message: string): void
}

export const SILENT_LOGGER: NetworkLogger = {
  debug() {},
  info() {},
  warn() {},
}

/**
 * A connected full node as the network layer sees it. `status` is what the node CLAIMS (its
 * `status` answer) — unverified; only the verification layer can say whether its chain is real.
 */
export type NetworkPeer = {
  /** libp2p peer id (base58). */
  id: string
  /** The multiaddr of the connection in use, with `/p2p/<id>`. */
  address: string
  transport: TransportName
  /** The node's last `status` answer, or undefined until one arrived. */
  status: StatusMessage | undefined
  /** When `status` arrived (ms, the injected clock). */
  statusAt: number | undefined
  /** Round trip of the last `status` exchange (ms). */
  latencyMs: number | undefined
  /** 0 for a peer in good standing, lower for each penalty (decaying back); banned at −100. */
  score: number
  /** When the connection was opened (ms). */
  connectedAt: number
}

/** Why a peer is no longer connected. */
export type DisconnectReason =
  /** The connection closed (the node went away, the network failed, or it hung up on us). */
  | 'closed'
  /** `disconnect()` was called (by the verification layer, typically after a wrong answer). */
  | 'requested'
  /** Its score fell to the ban threshold. */
  | 'banned'
  /** It reported another genesis: a node of another chain. */
  | 'wrong-genesis'
  /** The network was stopped. */
  | 'stopped'

export type LightClientNetworkEvents = {
  'peer:connect': { peer: NetworkPeer }
  'peer:disconnect': { peer: string; reason: DisconnectReason }
  /**
   * A peer's (unverified) status arrived: pushed on its `heads` stream at every new tip, on
   * connect, on the status poll, and on `getStatus`.
   */
  status: { peer: string; status: StatusMessage }
}
export type LightClientNetworkEventName = keyof LightClientNetworkEvents

/** Reconnection tuning: capped exponential back-off with jitter (docs/network.md §5). */
export type ReconnectOptions = {
  /** First delay after a failed dial or a lost connection. Default 1 s. */
  minMs?: number
  /** Cap of the delay. Default 60 s. */
  maxMs?: number
  /** A connection that held this long resets the back-off. Default 60 s. */
  stableMs?: number
}

/** Options every request function takes. */
export type RequestOptions = {
  /** Peer id to ask; without it, the best connected peer (highest score, then lowest latency). */
  peer?: string
  /** Aborts the request (`ABORTED`); the peer is not blamed. */
  signal?: AbortSignal
  /** Bound below the protocol's own timeout (docs/network.md §2.2); never above it. */
  timeoutMs?: number
}

/** Every answer names the peer that gave it, so a wrong one can be penalized and retried elsewhere. */
export type FromPeer = { peer: string }
