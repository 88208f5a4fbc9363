'use client'
import { useMempool } from '@supernova/light-client/react'
import { Card, Notice } from '@supernova/ui'
import { describeError } from '../../lib/errors'
import { Loading } from '../QueryState'
import { FeeHistogram } from './FeeHistogram'
import { MempoolStats } from './MempoolStats'
import { NodeClaim } from './NodeClaim'
import { RecentPending } from './RecentPending'

/**
 * The mempool page's content: one node's report (refreshed every few seconds and on each new
 * verified block), every figure marked unverified with the node that reported it.
 */
export function MempoolView() {
  const { data, error, dataUpdatedAt } = useMempool()
  if (data === undefined)
    return (
      <Card title="Pending transactions">
        {error ? (
          <Notice tone="error" title="No mempool report">
            {describeError(error).text} Your browser asks again every few seconds.
          </Notice>
        ) : (
          <Loading lines={6}>Asking a connected node for its mempool…</Loading>
        )}
      </Card>
    )
  return (
    <div className="space-y-6">
      <NodeClaim claim={data.verification} />
      {error && (
        <Notice tone="error" title="The last refresh failed">
          {describeError(error).text} The report below is the previous one; your browser asks again
          every few seconds.
        </Notice>
      )}
      <MempoolStats summary={data} />
      <FeeHistogram summary={data} />
      <RecentPending summary={data} receivedAt={dataUpdatedAt} />
    </div>
  )
}
