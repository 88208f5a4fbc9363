'use client'
import {
  Card,
  cx,
  DataTable,
  FOCUS_RING,
  formatAmount,
  HashText,
  VerificationBadge,
} from '@supernova/ui'
import { ProofDetails } from '@supernova/ui/chain'
import { useState } from 'react'
import type { WalletHistoryRow } from '../../lib/walletActivity'
import type { WalletActivity } from './useWalletActivity'

/** Rows shown before "Show all". */
const FIRST_ROWS = 25

const LINK = cx(
  'rounded-sm text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300',
  FOCUS_RING,
)

function Amount({ row }: { row: WalletHistoryRow }) {
  const incoming = row.net >= 0n
  return (
    <span
      className={
        incoming ? 'text-emerald-700 dark:text-emerald-400' : 'text-zinc-900 dark:text-zinc-100'
      }
    >
      {incoming ? '+' : '−'}
      {formatAmount(incoming ? row.net : -row.net)}
      <span className="sr-only">{incoming ? ' received' : ' sent'}</span>
    </span>
  )
}

/**
 * The wallet's transactions, newest first, with confirmations: found by matching every block's
 * committed filter (checked against its verified header) for the wallet's addresses, so the list
 * is complete from the wallet's birth height, not just what a node chose to tell.
 */
export function HistoryCard({ activity }: { activity: WalletActivity }) {
  const { history, balance, historyProof, tipHeight, fromHeight, watched } = activity
  const [all, setAll] = useState(false)
  const rows = all ? history : history.slice(0, FIRST_ROWS)
  const ready = balance !== undefined
  return (
    <Card
      title="History"
      description="Transactions of this wallet's addresses, each verified in its block."
    >
      <DataTable
        // Positioned, so that screen-reader-only text in scrolled cells stays inside the scroller.
        className="relative"
        caption={`Transactions of this wallet, newest first${tipHeight === undefined ? '' : ` (verified tip ${tipHeight})`}`}
        captionHidden
        rowKey={(r) => r.txid}
        rows={rows}
        empty={
          ready
            ? 'No transactions yet. Coins you receive appear here once your browser verifies them in a block.'
            : `Scanning the chain from height ${fromHeight} for ${watched.length} address${watched.length === 1 ? '' : 'es'}…`
        }
        columns={[
          {
            id: 'height',
            header: 'Block',
            mono: true,
            cell: (r) => (
              <a href={`/explorer/block/${r.height}`} className={LINK}>
                {r.height}
              </a>
            ),
          },
          {
            id: 'txid',
            header: 'Transaction',
            cell: (r) => (
              <HashText value={r.txid} href={`/explorer/tx/${r.txid}`} label="transaction id" />
            ),
          },
          {
            id: 'amount',
            header: 'Amount',
            align: 'end',
            mono: true,
            cell: (r) => <Amount row={r} />,
          },
          {
            id: 'confirmations',
            header: 'Confirmations',
            align: 'end',
            mono: true,
            cell: (r) => r.confirmations.toLocaleString('en-US'),
          },
          {
            id: 'status',
            header: 'Status',
            cell: (r) => <VerificationBadge status={r.verification.status} />,
          },
        ]}
      />
      {history.length > FIRST_ROWS && (
        <button type="button" className={cx('mt-3 text-sm', LINK)} onClick={() => setAll(!all)}>
          {all ? 'Show the newest only' : `Show all ${history.length} transactions`}
        </button>
      )}
      {historyProof && (
        <ProofDetails
          className="mt-4"
          verification={historyProof}
          proof={`Complete from height ${fromHeight}: every block's committed filter was checked against its verified header and matched in your browser for the ${watched.length} addresses; each matching block's transactions were re-hashed to its Merkle root.`}
        />
      )}
    </Card>
  )
}
