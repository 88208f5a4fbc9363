/**
 * Where the server's light client finds a full node: the node's JSON-RPC `getNodeInfo` (at
 * `SUPERNOVA_RPC_URL`, default the devnet's http://127.0.0.1:7700/rpc) names its network and
 * multiaddrs; the WebSockets ones (`/ws`) are what a Node light client dials. The same question
 * apps/web's `/api/bootstrap` asks, answered here for this zone's own server.
 */
import { NETWORKS, type Network } from '@supernova/protocol'

export type NodeBootstrap = { network: Network; peerId: string | null; bootstrap: string[] }

export type NodeUnavailableCode = 'NODE_UNREACHABLE' | 'NODE_ERROR' | 'BAD_ANSWER' | 'NO_WS_ADDRESS'

/** No full node could be used: the API answers 503 with this code and message. */
export class NodeUnavailableError extends Error {
  override name = 'NodeUnavailableError'
  constructor(
    readonly code: NodeUnavailableCode | 'SYNC_TIMEOUT' | 'NO_PEER',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** The node's JSON-RPC endpoint from the environment. */
export function rpcUrlFromEnv(env: Record<string, string | undefined>): string {
  return env.SUPERNOVA_RPC_URL || 'http://127.0.0.1:7700/rpc'
}

const isStrings = (x: unknown): x is string[] =>
  Array.isArray(x) && x.every((s) => typeof s === 'string')

/**
 * Asks the node for its network and WebSockets multiaddrs (each ending in `/p2p/<id>`).
 * @throws {NodeUnavailableError} NODE_UNREACHABLE (no answer within `timeoutMs`), NODE_ERROR (a
 *   JSON-RPC error), BAD_ANSWER (not getNodeInfo's shape, or an unknown network), NO_WS_ADDRESS.
 */
export async function fetchNodeBootstrap(p: {
  rpcUrl: string
  timeoutMs?: number
  fetch?: typeof globalThis.fetch
}): Promise<NodeBootstrap> {
  const { rpcUrl, timeoutMs = 3_000, fetch = globalThis.fetch } = p
  let body: unknown
  try {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getNodeInfo', params: {} }),
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    })
    body = await res.json()
  } catch (e) {
    throw new NodeUnavailableError('NODE_UNREACHABLE', `the node at ${rpcUrl} did not answer`, {
      cause: e,
    })
  }
  const msg = body as { error?: { message?: unknown }; result?: Record<string, unknown> } | null
  if (msg?.error)
    throw new NodeUnavailableError(
      'NODE_ERROR',
      `the node refused getNodeInfo: ${String(msg.error.message)}`,
    )
  const r = msg?.result
  if (
    !r ||
    typeof r.network !== 'string' ||
    !(NETWORKS as readonly string[]).includes(r.network) ||
    (r.peerId !== null && typeof r.peerId !== 'string') ||
    !isStrings(r.multiaddrs)
  )
    throw new NodeUnavailableError('BAD_ANSWER', 'getNodeInfo answered in an unexpected shape')
  const browser = isStrings(r.browserMultiaddrs) ? r.browserMultiaddrs : []
  const ws = [...new Set([...browser, ...r.multiaddrs])].filter(
    (a) => a.includes('/ws/') && a.includes('/p2p/'),
  )
  if (ws.length === 0)
    throw new NodeUnavailableError('NO_WS_ADDRESS', 'the node offers no WebSockets address to dial')
  return {
    network: r.network as Network,
    peerId: (r.peerId as string | null) ?? null,
    bootstrap: ws,
  }
}
