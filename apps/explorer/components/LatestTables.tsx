import {
  Card,
  DataTable,
  type DataTableColumn,
  HashText,
  VerificationBadge,
  type VerificationStatus,
} from '@supernova/ui'

/** A block as the explorer lists it, once the light client has checked it. */
export type BlockRow = {
  height: number
  hash: string
  timestampMs: number
  txCount: number
  status: VerificationStatus
}

/** A transaction as the explorer lists it, once the light client has checked it. */
export type TransactionRow = { txid: string; height: number; status: VerificationStatus }

const utc = (ms: number) => (
  <time dateTime={new Date(ms).toISOString()}>{new Date(ms).toISOString().slice(0, 19)}Z</time>
)

const BLOCK_COLUMNS: DataTableColumn<BlockRow>[] = [
  { id: 'height', header: 'Height', cell: (b) => b.height.toLocaleString('en-US'), mono: true },
  { id: 'hash', header: 'Block hash', cell: (b) => <HashText value={b.hash} label="block hash" /> },
  { id: 'time', header: 'Time (UTC)', cell: (b) => utc(b.timestampMs) },
  {
    id: 'txs',
    header: 'Transactions',
    cell: (b) => b.txCount.toLocaleString('en-US'),
    align: 'end',
  },
  { id: 'status', header: 'Status', cell: (b) => <VerificationBadge status={b.status} /> },
]

const TX_COLUMNS: DataTableColumn<TransactionRow>[] = [
  {
    id: 'txid',
    header: 'Transaction id',
    cell: (t) => <HashText value={t.txid} label="transaction id" />,
  },
  { id: 'height', header: 'Block', cell: (t) => t.height.toLocaleString('en-US'), mono: true },
  { id: 'status', header: 'Status', cell: (t) => <VerificationBadge status={t.status} /> },
]

const NOT_CONNECTED = 'Nothing verified yet: the light client is not connected.'

/** Latest blocks and transactions; empty until the light client supplies verified rows. */
export function LatestTables({
  blocks,
  transactions,
}: {
  blocks: BlockRow[]
  transactions: TransactionRow[]
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <Card
        title="Latest blocks"
        description="Newest blocks whose proof of work your browser has checked."
        className="lg:col-span-3"
      >
        <DataTable
          caption="Latest blocks"
          captionHidden
          columns={BLOCK_COLUMNS}
          rows={blocks}
          rowKey={(b) => b.hash}
          empty={NOT_CONNECTED}
        />
      </Card>
      <Card
        title="Latest transactions"
        description="Newest transactions proved to be in a verified block."
        className="lg:col-span-2"
      >
        <DataTable
          caption="Latest transactions"
          captionHidden
          columns={TX_COLUMNS}
          rows={transactions}
          rowKey={(t) => t.txid}
          empty={NOT_CONNECTED}
        />
      </Card>
    </div>
  )
}
