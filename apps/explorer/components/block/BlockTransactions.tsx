'use client'
import type { VerifiedBlock } from '@supernova/light-client'
import { toHex } from '@supernova/protocol'
import { Card, DataTable, type DataTableColumn, formatBytes } from '@supernova/ui'
import { useMemo, useState } from 'react'
import { useChainParams } from '../../hooks/useChainParams'
import { useProvenTransactions } from '../../hooks/useProvenTransactions'
import { type BlockTxRow, outputsInBlock, summarizeBlock } from '../../lib/blockSummary'
import { type FeeResult, transactionFee } from '../../lib/fees'
import { pageOf } from '../../lib/pagination'
import { paths } from '../../lib/routes'
import { spentOutputs, txidsToFetch } from '../../lib/spentOutputs'
import { Amount } from '../Amount'
import { HashLink } from '../HashLink'
import { Pagination } from '../Pagination'

/** Transactions per page. */
const PAGE_SIZE = 25

type Row = BlockTxRow & { fee: FeeResult | 'failed' }

function FeeCell({ fee }: { fee: Row['fee'] }) {
  if (fee === 'failed')
    return <span className="text-zinc-600 dark:text-zinc-400">Not verified</span>
  if (fee.kind === 'coinbase')
    return <span className="text-zinc-600 dark:text-zinc-400">None (coinbase)</span>
  if (fee.kind === 'fee') return <Amount units={fee.fee} />
  return (
    <span className="text-zinc-500 dark:text-zinc-400">
      <span aria-hidden="true">…</span>
      <span className="sr-only">Proving the {fee.missing} spent outputs</span>
    </span>
  )
}

const COLUMNS: DataTableColumn<Row>[] = [
  { id: 'index', header: '#', mono: true, cell: (r) => r.index },
  {
    id: 'txid',
    header: 'Transaction',
    cell: (r) => (
      <HashLink value={r.txid} href={paths.tx(r.txid)} label="transaction id" head={10} tail={10} />
    ),
  },
  {
    id: 'kind',
    header: 'Kind',
    cell: (r) => (r.kind === 'coinbase' ? 'Coinbase' : r.kind === 'transfer' ? 'Transfer' : r.kind),
  },
  { id: 'io', header: 'In → out', cell: (r) => `${r.inputs} → ${r.outputs}` },
  { id: 'out', header: 'Outputs', align: 'end', cell: (r) => <Amount units={r.outputsTotal} /> },
  { id: 'fee', header: 'Fee', align: 'end', cell: (r) => <FeeCell fee={r.fee} /> },
  { id: 'size', header: 'Size', align: 'end', cell: (r) => formatBytes(r.size) },
]

/**
 * A block's transactions, a page at a time. Fees need the outputs each input spent: from this
 * block when the parent is in it, else from the parent transaction, Merkle-proven in its block.
 */
export function BlockTransactions({ block }: { block: VerifiedBlock }) {
  const params = useChainParams()
  const [page, setPage] = useState(1)
  const summary = useMemo(() => summarizeBlock(block, params), [block, params])
  const known = useMemo(() => outputsInBlock(block), [block])
  const { items, window } = pageOf(summary.rows, page, PAGE_SIZE)
  const txs = items.map((r) => block.block.transactions[r.index]!)
  const fetchIds = txidsToFetch(txs, known)
  const proven = useProvenTransactions(fetchIds)
  const rows = items.map((r, i): Row => {
    const tx = txs[i]!
    const spent = spentOutputs(tx, known, proven.byTxid)
    const failed = tx.inputs.some(
      (inp, j) => spent[j] === undefined && proven.queries.get(toHex(inp.prevout.txid))?.isError,
    )
    return {
      ...r,
      fee: failed
        ? 'failed'
        : safeFee(
            tx,
            spent.map((o) => o?.amount),
          ),
    }
  })
  return (
    <Card
      title="Transactions"
      description="Each one hashes into this block's txRoot. Fees are inputs minus outputs, from the spent outputs proven in their own blocks."
    >
      <DataTable
        className="relative"
        caption={`Transactions of block ${block.height}`}
        captionHidden
        columns={COLUMNS}
        rows={rows}
        rowKey={(r) => r.txid}
      />
      <Pagination window={window} onPage={setPage} label="Transactions" />
    </Card>
  )
}

/** A fee, or 'failed' when the amounts cannot belong together (a node served another transaction). */
function safeFee(
  tx: Parameters<typeof transactionFee>[0]['tx'],
  amounts: (bigint | undefined)[],
): Row['fee'] {
  try {
    return transactionFee({ tx, inputAmounts: amounts })
  } catch {
    return 'failed'
  }
}
