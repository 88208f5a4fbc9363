import type { GetMempoolReturnType } from '@supernova/light-client'
import { Card, formatBytes, Stat, StatList } from '@supernova/ui'
import { formatFeeRate } from '../../lib/fees'
import { formatFeeRateRange } from '../../lib/mempool'
import { Amount } from '../Amount'
import { ClaimBadge } from './NodeClaim'

/** Count, size and floor of the pool, and the block the node would mine next. */
export function MempoolStats({ summary }: { summary: GetMempoolReturnType }) {
  const p = summary.projected
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card
        title="Pending transactions"
        description={`In the node's mempool at its height ${summary.tipHeight.toLocaleString('en-US')}.`}
        action={<ClaimBadge claim={summary.verification} />}
      >
        <StatList className="sm:grid-cols-3">
          <Stat label="Transactions" value={summary.txCount.toLocaleString('en-US')} />
          <Stat
            label="Total size"
            value={formatBytes(summary.totalBytes)}
            hint="Witnesses included"
          />
          <Stat
            label="Relay floor"
            value={formatFeeRate(summary.minFeeRate)}
            hint="The lowest fee rate it accepts now"
          />
        </StatList>
      </Card>
      <Card
        title="Projected next block"
        description="What the node's block template would take now: best fee rate first, within the block's size and signature budgets."
        action={<ClaimBadge claim={summary.verification} />}
      >
        <dl className="grid grid-cols-1 gap-6 sm:grid-cols-2">
          <Stat label="Transactions" value={p.txCount.toLocaleString('en-US')} />
          <Stat label="Size" value={formatBytes(p.bytes)} />
          <Stat label="Total fees" value={<Amount units={p.fees} />} />
          <Stat
            label="Fee rates"
            value={p.txCount === 0 ? 'None' : formatFeeRateRange(p.minFeeRate, p.maxFeeRate)}
            hint="Lowest – highest among them"
          />
        </dl>
      </Card>
    </div>
  )
}
