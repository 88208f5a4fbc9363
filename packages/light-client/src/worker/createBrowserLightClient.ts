import {
  type ConnectLightClientParameters,
  connectLightClient,
  type RemoteLightClient,
} from './connectLightClient.js'
import { LightClientWorkerError } from './errors.js'
import type { HostInfo, LightClientInit } from './protocol.js'
import { dialableTransports } from './transports.js'

export type BrowserLightClientMode = 'shared-worker' | 'worker' | 'in-page'

export type CreateBrowserLightClientParameters = LightClientInit & {
  /** The app's worker script (it calls `hostLightClient({ scope: self })`); same origin. */
  workerUrl: string | URL
  /** How the script is loaded. Default `module`. */
  workerType?: WorkerType
  /** Tabs share a SharedWorker by URL and name. Default `supernova-light-client-<network>`. */
  workerName?: string
  /** Modes to try, in order. Default shared-worker, worker, in-page (the first this browser has). */
  modes?: readonly BrowserLightClientMode[]
  /** Tuning of the worker connection. */
  connection?: Omit<ConnectLightClientParameters, 'port' | 'worker' | 'sharedWorker' | 'init'>
  /** Where the constructors are looked up (tests). Default globalThis. */
  scope?: {
    SharedWorker?: typeof SharedWorker | undefined
    Worker?: typeof Worker | undefined
  }
}

export type BrowserLightClient = RemoteLightClient & { readonly mode: BrowserLightClientMode }

/**
 * The light client for a web page in one call: in a SharedWorker where the browser has one (every
 * tab of the site then shares one client, one set of connections and one header sync), else in a
 * dedicated Worker, else in the page itself. Resolves once the worker has welcomed the page.
 *
 * In a worker the client dials WebSockets only — Chromium exposes no WebRTC to workers — so give
 * `/ws` bootstrap addresses; the in-page client also dials WebRTC-direct.
 * @throws {LightClientWorkerError} UNSUPPORTED when no mode is available; CLOSED, VERSION_MISMATCH,
 * NETWORK_MISMATCH or CREATE_FAILED when the worker does not welcome the page.
 * @example
 * const client = await createBrowserLightClient({
 *   network: 'devnet',
 *   bootstrap: await (await fetch('/bootstrap.json')).json(),
 *   workerUrl: new URL('./lightClientWorker.js', import.meta.url),
 * })
 * await client.start()
 * const { tip } = await client.waitForSync()
 */
export async function createBrowserLightClient(
  p: CreateBrowserLightClientParameters,
): Promise<BrowserLightClient> {
  const { workerUrl, workerType, workerName, modes, connection, scope, ...init } = p
  const g = scope ?? (globalThis as CreateBrowserLightClientParameters['scope'] & object)
  const options = {
    type: workerType ?? 'module',
    name: workerName ?? `supernova-light-client-${init.network}`,
  }
  const tried = modes ?? (['shared-worker', 'worker', 'in-page'] as const)
  for (const mode of tried) {
    if (mode === 'shared-worker' && typeof g.SharedWorker === 'function') {
      const sharedWorker = new g.SharedWorker(workerUrl, options)
      return remote(connectLightClient({ ...connection, sharedWorker, init }), mode)
    }
    if (mode === 'worker' && typeof g.Worker === 'function') {
      const worker = new g.Worker(workerUrl, options)
      const client = await remote(connectLightClient({ ...connection, worker, init }), mode)
      const close = client.close
      return Object.assign(client, {
        close() {
          close()
          worker.terminate()
        },
      })
    }
    if (mode === 'in-page') return inPage(init)
  }
  throw new LightClientWorkerError({
    code: 'UNSUPPORTED',
    message: `none of the modes ${tried.join(', ')} is available here`,
  })
}

async function remote(
  client: RemoteLightClient,
  mode: BrowserLightClientMode,
): Promise<BrowserLightClient> {
  try {
    await client.ready
  } catch (e) {
    client.close()
    throw e
  }
  return Object.assign(client, { mode })
}

/** The client in the page (no worker): loaded on demand, so a worker app does not bundle it twice. */
async function inPage(init: LightClientInit): Promise<BrowserLightClient> {
  const { createLightClient } = await import('../client/createLightClient.js')
  const transports = dialableTransports(init.p2p?.transports)
  const client = createLightClient({ ...init, p2p: { ...init.p2p, transports } })
  const info = (): HostInfo => ({
    mode: 'in-page',
    clientInstances: 1,
    sessions: 1,
    session: 1,
    transports,
  })
  return {
    ...client,
    mode: 'in-page',
    ready: Promise.resolve(info()),
    hostInfo: async () => info(),
    close: () => void client.stop(),
  }
}
