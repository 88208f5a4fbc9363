'use client'
import { useChainInfo } from '@supernova/light-client/react'
import { toHex } from '@supernova/protocol'
import { HashText } from '../components/HashText'
import { Notice } from '../components/Notice'
import { useSiteClientStatus } from './SiteLightClient'

const MODE_TEXT = {
  'shared-worker': 'a shared worker (one client for every tab of this site)',
  worker: 'a worker of this tab',
  'in-page': 'this page',
} as const

const SYNC_TEXT = {
  idle: 'waiting for a peer',
  restoring: 'reading stored headers back and re-checking them',
  syncing: 'fetching and verifying headers',
  synced: 'in sync with its peers',
  stopped: 'stopped',
} as const

/**
 * The light client's state for people who want to know what their browser checked: how it runs,
 * its peers, the verified and finalized heights and header-sync progress. While the node cannot
 * be reached it says so, and that it keeps trying.
 */
export function LightClientStatus({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const status = useSiteClientStatus()
  const ready = status.phase === 'ready'
  const { data: info, error } = useChainInfo({
    query: { enabled: ready, refetchInterval: 2_000 },
  })
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <section
      aria-labelledby="light-client-status"
      className="rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="light-client-status"
    >
      <Heading id="light-client-status" className="font-semibold">
        Light client
      </Heading>
      {status.phase === 'bootstrapping' && (
        <Notice tone={status.error ? 'warning' : 'info'} title="Looking for a full node">
          {status.error
            ? `Cannot reach a node yet: ${status.error}. Trying again (attempt ${status.attempt}).`
            : 'Asking this site for the addresses of its full nodes…'}
        </Notice>
      )}
      {status.phase === 'connecting' && (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400" role="status">
          Starting the light client and dialing {status.bootstrap.bootstrap.length} address
          {status.bootstrap.bootstrap.length === 1 ? '' : 'es'}…
        </p>
      )}
      {status.phase === 'failed' && (
        <Notice tone="error" title="The light client could not start">
          {status.error}
        </Notice>
      )}
      {ready && (
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-zinc-500 dark:text-zinc-400">Runs in</dt>
          <dd>{MODE_TEXT[status.mode]}</dd>
          {info && (
            <>
              <dt className="text-zinc-500 dark:text-zinc-400">Peers</dt>
              <dd data-testid="lc-peers">
                {info.peers.length === 0
                  ? 'none connected — reconnecting'
                  : info.peers.map((p) => `${p.id.slice(-8)} (${p.transport})`).join(', ')}
              </dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Verified height</dt>
              <dd className="font-mono" data-testid="lc-height">
                {info.tip.height}
              </dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Verified tip</dt>
              <dd>
                <HashText value={toHex(info.tip.hash)} label="tip hash" />
              </dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Finalized height</dt>
              <dd className="font-mono">{info.finalizedHeight}</dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Header sync</dt>
              <dd>
                {SYNC_TEXT[info.sync.state]}
                {info.sync.targetHeight !== undefined &&
                  info.sync.targetHeight > info.tip.height && (
                    <SyncProgress height={info.tip.height} target={info.sync.targetHeight} />
                  )}
              </dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Headers stored in</dt>
              <dd>
                {info.storage === 'indexeddb' ? 'IndexedDB (kept across reloads)' : info.storage}
              </dd>
            </>
          )}
        </dl>
      )}
      {ready && error && (
        <p className="mt-2 text-sm text-amber-800 dark:text-amber-300" role="status">
          {error.message}
        </p>
      )}
    </section>
  )
}

function SyncProgress({ height, target }: { height: number; target: number }) {
  return (
    <span className="mt-1 flex items-center gap-2">
      <progress
        className="h-2 w-40"
        value={height}
        max={target}
        aria-label={`header sync: ${height} of ${target}`}
      />
      <span className="font-mono text-xs">
        {height} / {target}
      </span>
    </span>
  )
}
