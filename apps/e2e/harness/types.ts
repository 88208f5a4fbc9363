/** What the global setup hands the tests (through Vitest's provide/inject). */

/** Chain state the setup made, for the block, transaction and address pages. */
export type ChainFixture = {
  /** A confirmed faucet payment. */
  txid: string
  /** Its recipient (devnet account 3). */
  address: string
  /** The block that confirmed it. */
  blockHeight: number
  blockHash: string
}

export type SiteInfo = {
  /** The site's one origin, e.g. `http://127.0.0.1:41234`. */
  url: string
  /** The devnet node's JSON-RPC endpoint. */
  rpcUrl: string
  /** The node's p2p WebSocket port (browsers dial it). */
  nodeWsPort: number
  /** The node's admin token (setMining). */
  apiKey: string
  /** POST `/devnet/stop` and `/devnet/start` here. */
  controlUrl: string
  chain: ChainFixture
}

declare module 'vitest' {
  export interface ProvidedContext {
    site: SiteInfo
  }
}
