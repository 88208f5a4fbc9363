'use client'
import type { ChainHeader, VerifiedBlock } from '@supernova/light-client'
import { toHex } from '@supernova/protocol'
import {
  Card,
  DataTable,
  type DataTableColumn,
  formatBytes,
  VerificationBadge,
} from '@supernova/ui'
import type { UseQueryResult } from '@tanstack/react-query'
import Link from 'next/link'
import { useChainParams } from '../../hooks/useChainParams'
import { type BlockSummary, summarizeBlock } from '../../lib/blockSummary'
import { paths } from '../../lib/routes'
import { Amount } from '../Amount'
import { HashLink } from '../HashLink'
import { Age } from '../Time'

type Row = {
  header: ChainHeader
  height: number
  summary: BlockSummary | undefined
  status: 'verified' | 'final' | 'unverified' | undefined
  failed: boolean
}

const LINK = 'font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300'

/** A figure that needs the block body: "…" while it is fetched and verified. */
function bodyCell(row: Row, cell: (s: BlockSummary) => React.ReactNode) {
  if (row.summary !== undefined) return cell(row.summary)
  return (
    <span className="text-zinc-500 dark:text-zinc-400">
      <span aria-hidden="true">…</span>
      <span className="sr-only">{row.failed ? 'Not verified yet' : 'Verifying'}</span>
    </span>
  )
}

const COLUMNS: DataTableColumn<Row>[] = [
  {
    id: 'height',
    header: 'Height',
    mono: true,
    cell: (r) => (
      <Link href={paths.block(r.height)} className={LINK}>
        {r.height.toLocaleString('en-US')}
      </Link>
    ),
  },
  {
    id: 'hash',
    header: 'Hash',
    cell: (r) => (
      <HashLink
        value={toHex(r.header.hash)}
        href={paths.block(toHex(r.header.hash))}
        label="block hash"
        head={10}
        tail={10}
      />
    ),
  },
  { id: 'age', header: 'Age', cell: (r) => <Age ms={r.header.header.timestamp} /> },
  {
    id: 'txs',
    header: 'Txs',
    align: 'end',
    mono: true,
    cell: (r) => bodyCell(r, (s) => s.txCount),
  },
  {
    id: 'size',
    header: 'Size',
    align: 'end',
    cell: (r) => bodyCell(r, (s) => formatBytes(s.size)),
  },
  {
    id: 'reward',
    header: 'Reward',
    align: 'end',
    cell: (r) => bodyCell(r, (s) => <Amount units={s.coinbaseTotal} />),
  },
  {
    id: 'status',
    header: 'Status',
    cell: (r) => <VerificationBadge status={r.status ?? 'pending'} />,
  },
]

export type LatestBlocksProps = {
  /** The newest verified headers, newest first. */
  headers: readonly ChainHeader[] | undefined
  /** Their blocks, in the same order. */
  blocks: readonly UseQueryResult<VerifiedBlock, Error>[]
  loading: React.ReactNode
}

/** The newest blocks: header figures at once, body figures as each block is verified. */
export function LatestBlocks({ headers, blocks, loading }: LatestBlocksProps) {
  const params = useChainParams()
  const rows = (headers ?? []).map((header, i): Row => {
    const block = blocks[i]?.data
    return {
      header,
      height: header.height,
      summary: block === undefined ? undefined : summarizeBlock(block, params),
      status: block?.verification.status,
      failed: blocks[i]?.isError === true,
    }
  })
  return (
    <Card
      title="Latest blocks"
      description="Each header's proof of work checked; Txs, size and reward once the block's transactions are checked against the header's txRoot and filter."
    >
      <DataTable
        className="relative"
        caption="Latest verified blocks, newest first"
        captionHidden
        columns={COLUMNS}
        rows={rows}
        rowKey={(r) => toHex(r.header.hash)}
        empty={loading}
      />
    </Card>
  )
}
