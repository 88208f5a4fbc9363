'use client'
import type { AddressHistoryEntry } from '@supernova/light-client'
import { useChainInfo } from '@supernova/light-client/react'
import { toHex } from '@supernova/protocol'
import { Card, DataTable, type DataTableColumn } from '@supernova/ui'
import { ProofDetails } from '@supernova/ui/chain'
import Link from 'next/link'
import { useState } from 'react'
import { useCompleteHistory } from '../../hooks/useCompleteHistory'
import { historyTotals, scanPercent } from '../../lib/history'
import { pageOf } from '../../lib/pagination'
import { paths } from '../../lib/routes'
import { atTip } from '../../lib/verification'
import { Amount } from '../Amount'
import { HashLink } from '../HashLink'
import { Pagination } from '../Pagination'
import { QueryError } from '../QueryState'

const PAGE_SIZE = 25
const LINK = 'font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300'

const COLUMNS: DataTableColumn<AddressHistoryEntry>[] = [
  {
    id: 'txid',
    header: 'Transaction',
    cell: (e) => (
      <HashLink
        value={toHex(e.txid)}
        href={paths.tx(toHex(e.txid))}
        label="transaction id"
        head={8}
        tail={8}
      />
    ),
  },
  {
    id: 'block',
    header: 'Block',
    mono: true,
    cell: (e) => (
      <Link href={paths.block(e.height)} className={LINK}>
        {e.height.toLocaleString('en-US')}
      </Link>
    ),
  },
  {
    id: 'received',
    header: 'Received',
    align: 'end',
    cell: (e) => (e.received === 0n ? '—' : <Amount units={e.received} />),
  },
  {
    id: 'sent',
    header: 'Sent',
    align: 'end',
    cell: (e) => {
      if (e.spends.length === 0) return '—'
      const unknown = e.spends.filter((s) => s.amount === undefined).length
      return (
        <span>
          <Amount units={e.sent} />
          {unknown > 0 && (
            <span className="block text-xs text-zinc-600 dark:text-zinc-400">
              + {unknown} spent output{unknown === 1 ? '' : 's'} of unknown amount
            </span>
          )}
        </span>
      )
    },
  },
]

function ScanProgress({
  progress,
}: {
  progress: { height: number; toHeight: number } | undefined
}) {
  const percent = progress === undefined ? 0 : scanPercent(progress, 0)
  return (
    <div className="space-y-2">
      <p className="text-sm text-zinc-700 dark:text-zinc-300" id="history-progress-label">
        Checking every block's address filter against its header
        {progress === undefined || progress.height < 0
          ? '…'
          : `: ${(progress.height + 1).toLocaleString('en-US')} of ${(progress.toHeight + 1).toLocaleString('en-US')} blocks (${percent}%)`}
      </p>
      <div
        role="progressbar"
        aria-labelledby="history-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div
          className="h-full bg-indigo-600 transition-[width] dark:bg-indigo-400"
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  )
}

/** The address's complete history, proven by the committed block filters. */
export function AddressHistory({ address }: { address: string }) {
  const history = useCompleteHistory(address)
  const tip = useChainInfo().data?.tip.height
  const [page, setPage] = useState(1)
  const { entries, verification, scannedTo } = history
  const totals = historyTotals(entries)
  const { items, window } = pageOf(entries, page, PAGE_SIZE)
  const upTo = scannedTo.toLocaleString('en-US')
  const blocks = (scannedTo + 1).toLocaleString('en-US')
  return (
    <Card
      title="History"
      description={
        scannedTo < 0
          ? 'Every transaction that paid or spent from this address.'
          : `${totals.transactions.toLocaleString('en-US')} transaction${totals.transactions === 1 ? '' : 's'} from genesis to block ${upTo}${history.caughtUp ? ', the verified tip' : ' so far'}.`
      }
      action={
        verification !== undefined && (
          <ProofDetails
            verification={atTip(verification, tip)}
            proof={`Complete from genesis to block ${upTo}: each of the ${blocks} blocks' committed address filters was fetched, checked against its header's filterHash and matched against this address in your browser. A filter never misses a match, so no transaction can be left out; each matching block (${history.blocksFetched.toLocaleString('en-US')}) was fetched and its txRoot and filter recomputed before its transactions were read.`}
          />
        )
      }
    >
      <div className="space-y-4">
        {history.error !== null && (
          <QueryError error={history.error} what="the next blocks of the history" />
        )}
        {!history.caughtUp && (
          <ScanProgress
            progress={tip === undefined ? undefined : { height: scannedTo, toHeight: tip }}
          />
        )}
        {scannedTo >= 0 && (
          <>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              Received <Amount units={totals.received} /> · sent <Amount units={totals.sent} />
            </p>
            <DataTable
              className="relative"
              caption="Transactions of this address, newest first"
              captionHidden
              columns={COLUMNS}
              rows={items}
              rowKey={(e) => toHex(e.txid)}
              empty={`No transaction paid or spent from this address up to block ${upTo}.`}
            />
            <Pagination window={window} onPage={setPage} label="History" />
          </>
        )}
      </div>
    </Card>
  )
}
