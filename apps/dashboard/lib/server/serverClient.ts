/**
 * One server light client per server process, created on the first API request and kept.
 *
 * Why module-level state here, against the house rule of no singletons: a Next.js route handler
 * has no composition root of its own — each request calls an exported function, and nothing
 * outlives it but the module. Building a client per request would re-verify every header from
 * genesis and re-dial the node each time. So this module is the composition root of the
 * `/dashboard/api` route group: it owns the one client (on `globalThis`, under a registered
 * symbol, so a dev-server module reload reuses it instead of leaking a second one), and drops it
 * when the node stops answering so the next request bootstraps afresh.
 */
import { LightClientError } from '@supernova/light-client'
import { NodeUnavailableError, rpcUrlFromEnv } from './nodeBootstrap'
import { openServerChain, readVerifiedWindow, type ServerChain } from './serverChain'

type Holder = { chain?: ServerChain | undefined; opening?: Promise<ServerChain> | undefined }
const KEY = Symbol.for('supernova.dashboard.serverChain')

function holder(): Holder {
  const g = globalThis as { [KEY]?: Holder }
  g[KEY] ??= {}
  return g[KEY]
}

/** The process's verified chain, opened on first use (concurrent callers share the opening). */
export function getServerChain(): Promise<ServerChain> {
  const h = holder()
  if (h.chain) return Promise.resolve(h.chain)
  h.opening ??= openServerChain({ rpcUrl: rpcUrlFromEnv(process.env) })
    .then((chain) => {
      h.chain = chain
      return chain
    })
    .finally(() => {
      h.opening = undefined
    })
  return h.opening
}

/** Stops and forgets the chain (the next request opens a new one). */
async function dropServerChain(chain: ServerChain): Promise<void> {
  const h = holder()
  if (h.chain === chain) h.chain = undefined
  await chain.client.stop().catch(() => undefined)
}

/** Stops the process's client, if any (tests; a server shutting down). */
export async function closeServerChain(): Promise<void> {
  const h = holder()
  const chain = h.chain ?? (await h.opening?.catch(() => undefined))
  if (chain) await dropServerChain(chain)
}

/** How long one API request may spend on the chain. */
const REQUEST_TIMEOUT_MS = 20_000

/**
 * The newest verified window and its block counts, within REQUEST_TIMEOUT_MS.
 * @throws {NodeUnavailableError} no node (NODE_*), no sync, no peer left (NO_PEER: the client is
 *   dropped so the next request bootstraps again), or the timeout (SYNC_TIMEOUT).
 */
export async function readServerWindow() {
  const chain = await getServerChain()
  const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS)
  // Headers are read locally: without a peer they would be served however stale they got.
  if ((await chain.client.getChainInfo()).peers.length === 0) {
    await dropServerChain(chain)
    throw new NodeUnavailableError(
      'NO_PEER',
      'the server’s light client lost its full node; reconnecting',
    )
  }
  try {
    return { network: chain.network, ...(await readVerifiedWindow(chain, signal)) }
  } catch (e) {
    if (e instanceof LightClientError && (e.code === 'NO_PEER' || e.code === 'ALL_PEERS_FAILED')) {
      await dropServerChain(chain)
      throw new NodeUnavailableError('NO_PEER', 'the full node stopped answering; reconnecting', {
        cause: e,
      })
    }
    if (signal.aborted)
      throw new NodeUnavailableError('SYNC_TIMEOUT', 'the chain did not answer in time', {
        cause: e,
      })
    throw e
  }
}
