'use client'
import { useHeaders } from '@supernova/light-client/react'
import { useSiteClientStatus } from '@supernova/ui/chain'
import { useMemo } from 'react'
import { useBlocksByHash } from '../../hooks/useBlocks'
import { QueryError } from '../QueryState'
import { HomeStats } from './HomeStats'
import { LatestBlocks } from './LatestBlocks'
import { LatestTransactions } from './LatestTransactions'

/** Headers the headline statistics are computed over (one more than the intervals they span). */
const STATS_HEADERS = 101
/** Blocks listed. */
const LATEST_BLOCKS = 10

/** What an empty table says while the client connects or verifies. */
function ConnectingText() {
  const status = useSiteClientStatus()
  if (status.phase === 'failed') return <>The light client could not start: {status.error}</>
  if (status.phase !== 'ready') return <>Connecting the light client to a full node…</>
  return <>Verifying the newest headers…</>
}

/**
 * The explorer home: headline statistics and the latest blocks and transactions, all from the
 * verified header chain. `useHeaders` refetches on every verified head, so a new block appears
 * without a reload; its body is fetched and verified right after.
 */
export function HomeView() {
  const headersQuery = useHeaders({ count: STATS_HEADERS })
  const headers = headersQuery.data?.headers
  const newestFirst = useMemo(() => headers?.slice(-LATEST_BLOCKS).reverse(), [headers])
  const hashes = useMemo(() => newestFirst?.map((h) => h.hash) ?? [], [newestFirst])
  const blocks = useBlocksByHash(hashes)
  const loading = <ConnectingText />
  return (
    <div className="space-y-6">
      {headersQuery.error !== null && headers === undefined && (
        <QueryError error={headersQuery.error} what="the newest headers" />
      )}
      <HomeStats headers={headers} />
      <div className="space-y-6">
        <LatestBlocks headers={newestFirst} blocks={blocks} loading={loading} />
        <LatestTransactions blocks={blocks.map((b) => b.data)} loading={loading} />
      </div>
    </div>
  )
}
