'use client'
import type { GetMempoolReturnType } from '@supernova/light-client'
import type { MempoolSummaryEntry } from '@supernova/protocol'
import { toHex } from '@supernova/protocol'
import { Card, DataTable, type DataTableColumn, formatBytes } from '@supernova/ui'
import { formatFeeRate } from '../../lib/fees'
import { toLocalTime } from '../../lib/mempool'
import { paths } from '../../lib/routes'
import { Amount } from '../Amount'
import { HashLink } from '../HashLink'
import { Age } from '../Time'
import { ClaimBadge } from './NodeClaim'

type Row = MempoolSummaryEntry & { id: string; seen: number }

const COLUMNS: DataTableColumn<Row>[] = [
  {
    id: 'txid',
    header: 'Transaction id',
    cell: (r) => <HashLink value={r.id} href={paths.tx(r.id)} label="transaction id" />,
  },
  { id: 'seen', header: 'First seen', cell: (r) => <Age ms={r.seen} /> },
  { id: 'size', header: 'Size', align: 'end', cell: (r) => formatBytes(r.size) },
  { id: 'fee', header: 'Fee', align: 'end', cell: (r) => <Amount units={r.fee} /> },
  { id: 'rate', header: 'Fee rate', align: 'end', cell: (r) => formatFeeRate(r.feeRate) },
]

/** The newest pending transactions the node reports, each linking to its (verified) page. */
export function RecentPending({
  summary,
  receivedAt,
}: {
  summary: GetMempoolReturnType
  /** When the report arrived (our clock): first-seen times are read against it. */
  receivedAt: number
}) {
  const rows = summary.recent.map((e) => ({
    ...e,
    id: toHex(e.txid),
    seen: toLocalTime(e.firstSeen, summary.time, receivedAt),
  }))
  return (
    <Card
      title="Latest pending transactions"
      description={`The ${rows.length === 1 ? 'newest one' : `${rows.length} newest`} the node reports, newest first. Open one to have your browser verify it: inputs proven unspent, signatures checked.`}
      action={<ClaimBadge claim={summary.verification} />}
    >
      <DataTable
        caption="Latest pending transactions, as the node reports them"
        captionHidden
        columns={COLUMNS}
        rows={rows}
        rowKey={(r) => r.id}
        empty="The node reports no pending transaction."
      />
    </Card>
  )
}
