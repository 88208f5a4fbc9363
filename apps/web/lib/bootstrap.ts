/**
 * The bootstrap list the site serves to browsers: the local full node's multiaddrs that a light
 * client in a page can dial (WebSockets and WebRTC-direct), read from the node's JSON-RPC
 * `getNodeInfo`. Pages fetch `/api/bootstrap` and need no configuration.
 */
export type Bootstrap = {
  network: string
  peerId: string | null
  /** Multiaddrs ending in `/p2p/<peerId>`, WebSockets first. */
  bootstrap: string[]
}

export type BootstrapErrorCode = 'NODE_UNREACHABLE' | 'NODE_ERROR' | 'BAD_ANSWER'

export class BootstrapError extends Error {
  override name = 'BootstrapError'
  constructor(
    readonly code: BootstrapErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** The node's JSON-RPC endpoint: `SUPERNOVA_RPC_URL`, default the devnet's `http://127.0.0.1:7700/rpc`. */
export function rpcUrlFromEnv(env: Record<string, string | undefined>): string {
  return env.SUPERNOVA_RPC_URL ?? 'http://127.0.0.1:7700/rpc'
}

const isStringArray = (x: unknown): x is string[] =>
  Array.isArray(x) && x.every((s) => typeof s === 'string')

/**
 * Asks the node for its browser-dialable multiaddrs.
 * @throws {BootstrapError} NODE_UNREACHABLE (no answer within `timeoutMs`), NODE_ERROR (a
 *   JSON-RPC error), BAD_ANSWER (not the shape `getNodeInfo` documents).
 */
export async function fetchBootstrap({
  rpcUrl,
  timeoutMs = 3_000,
}: {
  rpcUrl: string
  timeoutMs?: number
}): Promise<Bootstrap> {
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
    throw new BootstrapError(
      'NODE_UNREACHABLE',
      `the node at ${rpcUrl} did not answer: ${String(e)}`,
    )
  }
  const msg = body as { error?: { message?: unknown }; result?: Record<string, unknown> }
  if (msg.error)
    throw new BootstrapError(
      'NODE_ERROR',
      `the node refused getNodeInfo: ${String(msg.error.message)}`,
    )
  const r = msg.result
  if (
    !r ||
    typeof r.network !== 'string' ||
    (r.peerId !== null && typeof r.peerId !== 'string') ||
    !isStringArray(r.browserMultiaddrs)
  )
    throw new BootstrapError('BAD_ANSWER', 'getNodeInfo answered in an unexpected shape')
  const ws = r.browserMultiaddrs.filter((a) => a.includes('/ws'))
  const rest = r.browserMultiaddrs.filter((a) => !a.includes('/ws'))
  return { network: r.network, peerId: r.peerId as string | null, bootstrap: [...ws, ...rest] }
}
