'use client'
import {
  type BrowserLightClientMode,
  createBrowserLightClient,
  type LightClient,
} from '@supernova/light-client'
import { LightClientProvider, useWatchHeads } from '@supernova/light-client/react'
import type { Network } from '@supernova/protocol'
import { QueryClient } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react'
import { createDeferredClient, type DeferredClient } from './deferredClient'
import { type Bootstrap, fetchSiteBootstrap } from './siteBootstrap'

/** Where the site's light client is on its way to answering. */
export type SiteClientStatus =
  | { phase: 'bootstrapping'; attempt: number; error?: string }
  | { phase: 'connecting'; bootstrap: Bootstrap }
  | { phase: 'ready'; mode: BrowserLightClientMode; bootstrap: Bootstrap }
  | { phase: 'failed'; error: string }

const StatusContext = createContext<SiteClientStatus>({ phase: 'bootstrapping', attempt: 0 })

/** How the site's light client is doing: for status panels and connection notices. */
export function useSiteClientStatus(): SiteClientStatus {
  return useContext(StatusContext)
}

export type SiteLightClientProps = {
  /** The network this site serves (the bootstrap list must be for the same one). */
  network: Network
  /** The bootstrap endpoint. Default `/api/bootstrap` (served by apps/web). */
  bootstrapUrl?: string
  /** The worker script, same origin. Default `/light-client-worker.js` (served by apps/web). */
  workerUrl?: string
  children?: ReactNode
}

/** Longest wait between bootstrap attempts while the node does not answer. */
const MAX_RETRY_MS = 10_000

/**
 * The site's one light client: fetches the node's multiaddrs from `/api/bootstrap` (again and
 * again, backing off, while the node is down), then joins the SharedWorker every tab of the site
 * shares (`/light-client-worker.js`; a dedicated worker or the page where there is none). Pages
 * render at once: their queries wait for the client. Every verified head refreshes the queries
 * it makes stale.
 */
export function SiteLightClient(props: SiteLightClientProps): ReactNode {
  const {
    network,
    bootstrapUrl = '/api/bootstrap',
    workerUrl = '/light-client-worker.js',
    children,
  } = props
  const [client] = useState(() => createDeferredClient(network))
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: false } },
      }),
  )
  const [status, setStatus] = useState<SiteClientStatus>({ phase: 'bootstrapping', attempt: 0 })

  useEffect(() => {
    if (client.current() !== undefined) return undefined
    const abort = new AbortController()
    void connect({ client, network, bootstrapUrl, workerUrl, signal: abort.signal, setStatus })
    return () => abort.abort()
  }, [client, network, bootstrapUrl, workerUrl])

  return (
    <StatusContext.Provider value={status}>
      <LightClientProvider client={client} queryClient={queryClient}>
        <HeadsWatcher />
        {children}
      </LightClientProvider>
    </StatusContext.Provider>
  )
}

/** Refreshes tip-dependent queries on each verified head (one subscription for the page). */
function HeadsWatcher(): null {
  useWatchHeads()
  return null
}

async function connect(p: {
  client: DeferredClient
  network: Network
  bootstrapUrl: string
  workerUrl: string
  signal: AbortSignal
  setStatus: (s: SiteClientStatus) => void
}): Promise<void> {
  const { signal, setStatus } = p
  let bootstrap: Bootstrap | undefined
  for (let attempt = 1; bootstrap === undefined; attempt++) {
    try {
      bootstrap = await fetchSiteBootstrap(p.bootstrapUrl, signal)
    } catch (e) {
      if (signal.aborted) return
      setStatus({ phase: 'bootstrapping', attempt, error: (e as Error).message })
      const wait = Math.min(MAX_RETRY_MS, 1_000 * 2 ** Math.min(attempt - 1, 4))
      await new Promise((r) => setTimeout(r, wait))
      if (signal.aborted) return
    }
  }
  if (bootstrap.network !== p.network) {
    setStatus({
      phase: 'failed',
      error: `this site is for ${p.network}, but its node runs ${bootstrap.network}`,
    })
    return
  }
  setStatus({ phase: 'connecting', bootstrap })
  let real: LightClient & { mode: BrowserLightClientMode }
  try {
    real = await createBrowserLightClient({
      network: p.network,
      bootstrap: bootstrap.bootstrap,
      workerUrl: p.workerUrl,
    })
  } catch (e) {
    if (signal.aborted) return
    // A worker that will not start (blocked, or its script failed) leaves the page itself.
    try {
      real = await createBrowserLightClient({
        network: p.network,
        bootstrap: bootstrap.bootstrap,
        workerUrl: p.workerUrl,
        modes: ['in-page'],
      })
    } catch {
      setStatus({ phase: 'failed', error: (e as Error).message })
      return
    }
  }
  if (signal.aborted) {
    ;(real as { close?: () => void }).close?.()
    return
  }
  p.client.resolve(real)
  setStatus({ phase: 'ready', mode: real.mode, bootstrap })
}
