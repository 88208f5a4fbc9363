'use client'
import { useHeaders } from '@supernova/light-client/react'
import { Notice } from '@supernova/ui'
import { ProofDetails } from '@supernova/ui/chain'
import { useMemo } from 'react'
import { useBlocksByHash } from '../../hooks/useBlocks'
import { useChainParams } from '../../hooks/useChainParams'
import { chainSeries, volumeSeries } from '../../lib/chainStats'
import { ExplorerPage } from '../ExplorerPage'
import { Loading, QueryError } from '../QueryState'
import { HeaderCharts } from './HeaderCharts'
import { VolumeChart } from './VolumeChart'

/** Blocks charted (the header before the first gives its interval). */
const WINDOW = 100
/** Blocks the rolling hashrate averages over. */
const HASHRATE_WINDOW = 10

/**
 * Network charts over the newest verified blocks: interval, difficulty and hashrate from the
 * headers (local, no peer asked), transaction volume from the blocks (fetched at a paced rate).
 */
export function NetworkView() {
  const params = useChainParams()
  const query = useHeaders({ count: WINDOW + 1 })
  const headers = query.data?.headers
  const points = useMemo(
    () =>
      headers === undefined
        ? []
        : chainSeries({
            headers: headers.map((h) => ({
              height: h.height,
              timestamp: h.header.timestamp,
              bits: h.header.bits,
            })),
            powLimitBits: params.powLimitBits,
            window: HASHRATE_WINDOW,
          }),
    [headers, params.powLimitBits],
  )
  const hashes = useMemo(() => headers?.slice(1).map((h) => h.hash) ?? [], [headers])
  const blocks = useBlocksByHash(hashes)
  const volume = volumeSeries(
    blocks.flatMap((b) =>
      b.data === undefined
        ? []
        : [
            {
              height: b.data.height,
              timestamp: b.data.block.header.timestamp,
              txCount: b.data.block.transactions.length,
            },
          ],
    ),
  )
  const newest = headers?.at(-1)
  return (
    <ExplorerPage
      title="Network"
      description={`Block interval, difficulty, hashrate and transaction volume over the newest ${WINDOW} verified blocks. Nothing here is a node's claim: every figure is derived from headers and blocks your browser verified.`}
      aside={
        newest !== undefined && (
          <ProofDetails
            verification={newest.verification}
            proof={`The ${headers?.length ?? 0} newest headers are on the chain your browser verified from the pinned genesis (proof of work, retarget, timestamps, links). Intervals, difficulty and hashrate are computed from their timestamps and targets; transaction counts from blocks checked against them.`}
          />
        )
      }
    >
      {query.error !== null && headers === undefined && (
        <QueryError error={query.error} what="the newest headers" />
      )}
      {headers === undefined ? (
        <Loading lines={6}>Reading the newest verified headers…</Loading>
      ) : (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <HeaderCharts points={points} window={HASHRATE_WINDOW} />
          <VolumeChart
            points={volume}
            heights={headers.slice(1).map((h) => h.height)}
            failed={blocks.filter((b) => b.isError).length}
          />
        </div>
      )}
      <Notice title="How these are derived">
        Intervals are timestamp differences (a block may be stamped earlier than its parent: only
        the median of the last blocks must rise). Difficulty is each header's target against the
        easiest allowed one. Hashrate is estimated as the expected hashes of the last{' '}
        {HASHRATE_WINDOW} blocks (from their targets) over the time they took.
      </Notice>
    </ExplorerPage>
  )
}
