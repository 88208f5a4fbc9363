import type { Network } from '@supernova/protocol'

/**
 * Everything `createFullNode` can be told. The CLI builds this from defaults, a config file,
 * environment variables and flags (in that order of precedence, lowest first).
 */
export type FullNodeOptions = {
  network: Network
  /** Directory for the database, keys, cookie and logs. Created if missing. */
  dataDir: string
  /** Use an in-memory store instead of LevelDB (tests and tools only). */
  inMemory?: boolean
  api: {
    enabled: boolean
    /** Default 127.0.0.1. */
    host: string
    /** Default 7700. */
    port: number
    /** Optional static API key for admin methods, in addition to the cookie file. */
    apiKey?: string
    /** Browser origins allowed to call the API (CORS). Default: none. */
    corsOrigins: readonly string[]
  }
  p2p: {
    enabled: boolean
    /** Interface to listen on. Default 127.0.0.1 on devnet, 0.0.0.0 otherwise. */
    host: string
    /** Ports; 0 = any free port. Defaults 7701 (TCP), 7702 (WebSockets), 7703 (WebRTC-direct, UDP). */
    tcpPort: number
    wsPort: number
    webrtcPort: number
    /** Multiaddrs to dial at start and keep connected to. */
    bootstrap: readonly string[]
    maxConnections: number
  }
  mining: {
    enabled: boolean
    /** Worker threads grinding nonces. Default 1. */
    threads: number
    /** Address the block rewards go to (required when mining). */
    rewardAddress?: string
  }
  /** Devnet only: the faucet pays from the well-known prefunded accounts. */
  faucet: { enabled: boolean; maxAmount: bigint }
  /** Signature verification threads (worker pool). Default: the CPU count, at most 4. */
  verifyThreads: number
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'; pretty: boolean }
}

export const DEFAULT_PORTS = { api: 7700, tcp: 7701, ws: 7702, webrtc: 7703 } as const
