'use client'
import type { VerifiedBlock } from '@supernova/light-client'
import { Card, DataTable, type DataTableColumn, VerificationBadge } from '@supernova/ui'
import Link from 'next/link'
import { type LatestTx, latestTransactions } from '../../lib/blockSummary'
import { paths } from '../../lib/routes'
import { Amount } from '../Amount'
import { HashLink } from '../HashLink'

const LINK = 'font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300'

type Row = LatestTx & { status: 'verified' | 'final' | 'unverified' }

const COLUMNS: DataTableColumn<Row>[] = [
  {
    id: 'txid',
    header: 'Transaction',
    cell: (t) => (
      <HashLink value={t.txid} href={paths.tx(t.txid)} label="transaction id" head={10} tail={10} />
    ),
  },
  {
    id: 'block',
    header: 'Block',
    mono: true,
    cell: (t) => (
      <Link href={paths.block(t.height)} className={LINK}>
        {t.height.toLocaleString('en-US')}
      </Link>
    ),
  },
  { id: 'kind', header: 'Kind', cell: (t) => (t.kind === 'coinbase' ? 'Coinbase' : 'Transfer') },
  { id: 'out', header: 'Outputs', align: 'end', cell: (t) => <Amount units={t.outputsTotal} /> },
  { id: 'status', header: 'Status', cell: (t) => <VerificationBadge status={t.status} /> },
]

/** How many transactions the home page lists. */
export const LATEST_TX_COUNT = 10

/** The newest transactions of the newest verified blocks (their txRoot recomputed in the browser). */
export function LatestTransactions({
  blocks,
  loading,
}: {
  blocks: readonly (VerifiedBlock | undefined)[]
  loading: React.ReactNode
}) {
  const verified = blocks.filter((b): b is VerifiedBlock => b !== undefined)
  const status = new Map(verified.map((b) => [b.height, b.verification.status]))
  const rows = latestTransactions(verified, LATEST_TX_COUNT).map(
    (t): Row => ({ ...t, status: status.get(t.height) ?? 'verified' }),
  )
  return (
    <Card
      title="Latest transactions"
      description="From the newest verified blocks: each is in a block whose transactions hash to its header's txRoot."
    >
      <DataTable
        className="relative"
        caption="Latest transactions in verified blocks, newest first"
        captionHidden
        columns={COLUMNS}
        rows={rows}
        rowKey={(t) => t.txid}
        empty={loading}
      />
    </Card>
  )
}
