/**
 * The server's view of the chain: a Node light client (memory storage, WebSockets) bootstrapped
 * from the local full node, which verifies every header from genesis before the API uses it, and
 * the counts of the blocks it verified (cached by hash, bounded).
 */
import { createLightClient, createMemoryStorage, type LightClient } from '@supernova/light-client'
import { getChainParams, type Network, toHex } from '@supernova/protocol'
import { type BlockCounts, countBlocks, mergeCounts } from '../blocks'
import { BLOCK_CONCURRENCY, WINDOW_BLOCKS } from '../chainWindow'
import { fetchBlocks } from '../fetchBlocks'
import { fetchNodeBootstrap, NodeUnavailableError } from './nodeBootstrap'

/** Per-block counts kept: a few windows' worth. */
const MAX_CACHED_BLOCKS = 1_000

export type ServerChain = {
  client: LightClient
  network: Network
  /** Counts of single verified blocks by block hash (hex), oldest evicted first. */
  counts: Map<string, BlockCounts>
}

export type OpenServerChainParameters = {
  rpcUrl: string
  /** How long to wait for a peer and a first sync round. Default 10 s. */
  syncTimeoutMs?: number
  fetch?: typeof globalThis.fetch
}

/**
 * Bootstraps from the node's `getNodeInfo`, starts a light client and waits until it has synced
 * (verified the headers from genesis to the tip the node claims).
 * @throws {NodeUnavailableError} no node, no WebSockets address, or no sync within the timeout
 *   (the client is stopped again).
 */
export async function openServerChain(p: OpenServerChainParameters): Promise<ServerChain> {
  const b = await fetchNodeBootstrap({ rpcUrl: p.rpcUrl, ...(p.fetch ? { fetch: p.fetch } : {}) })
  const client = createLightClient({
    network: b.network,
    bootstrap: b.bootstrap,
    storage: createMemoryStorage({ params: getChainParams(b.network) }),
    // Nodes push new heads; the polls bound how stale the API can be when a push is missed.
    p2p: { transports: ['websockets'], statusIntervalMs: 5_000 },
    sync: { pollIntervalMs: 5_000 },
  })
  try {
    await client.start()
    await client.waitForSync({ timeoutMs: p.syncTimeoutMs ?? 10_000 })
  } catch (e) {
    await client.stop().catch(() => undefined)
    throw new NodeUnavailableError(
      'SYNC_TIMEOUT',
      `no verified sync with the node at ${p.rpcUrl}`,
      {
        cause: e,
      },
    )
  }
  return { client, network: b.network, counts: new Map() }
}

/**
 * The newest verified window (WINDOW_BLOCKS + 1 headers) and the counts of its blocks after the
 * first; blocks not counted before are fetched and verified a few at a time.
 * @throws whatever the light client throws (LightClientError), or the signal's reason.
 */
export async function readVerifiedWindow(chain: ServerChain, signal?: AbortSignal) {
  const { headers } = await chain.client.getHeaders({
    count: WINDOW_BLOCKS + 1,
    ...(signal ? { signal } : {}),
  })
  const measured = headers.slice(1)
  const missing = measured.filter((h) => !chain.counts.has(toHex(h.hash)))
  const treasuryLock = getChainParams(chain.network).treasuryLock
  const blocks = await fetchBlocks({
    keys: missing.map((h) => h.hash),
    concurrency: BLOCK_CONCURRENCY,
    ...(signal ? { signal } : {}),
    getBlock: (hash, s) => chain.client.getBlock({ hash, ...(s ? { signal: s } : {}) }),
  })
  const fresh = new Map(
    blocks.map((b) => [toHex(b.hash), countBlocks({ blocks: [b], treasuryLock })] as const),
  )
  // Looked up before caching, so evicting old entries can never lose one of this window's.
  const counts = mergeCounts(
    measured.map((h) => {
      const key = toHex(h.hash)
      return fresh.get(key) ?? chain.counts.get(key)!
    }),
  )
  for (const [key, c] of fresh) {
    if (chain.counts.size >= MAX_CACHED_BLOCKS) {
      const oldest = chain.counts.keys().next().value
      if (oldest !== undefined) chain.counts.delete(oldest)
    }
    chain.counts.set(key, c)
  }
  return { headers, counts }
}
