'use client'
import { useTransaction } from '@supernova/light-client/react'
import Link from 'next/link'
import { isNotFound } from '../../lib/errors'
import { parseTxid, paths } from '../../lib/routes'
import { ExplorerPage } from '../ExplorerPage'
import { HashLink } from '../HashLink'
import { NotFoundPanel } from '../NotFoundPanel'
import { PendingTransaction } from '../PendingTransaction'
import { Loading, QueryError } from '../QueryState'
import { TxDetails } from './TxDetails'

const LINK = 'font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300'

/** The transaction page for a URL's `[txid]`: proven in a verified block, or pending. */
export function TxView({ txid: raw }: { txid: string }) {
  const parsed = parseTxid(raw)
  if (parsed.kind === 'invalid')
    return (
      <ExplorerPage title="Not a transaction id">
        <NotFoundPanel title="This address names no transaction">{parsed.reason}</NotFoundPanel>
      </ExplorerPage>
    )
  return <TxByTxid txid={parsed.txid} />
}

function TxByTxid({ txid }: { txid: string }) {
  const tx = useTransaction({ txid })
  if (tx.data !== undefined) return <TxDetails proven={tx.data} />
  const heading = <HashLink value={txid} label="transaction id" head={12} tail={12} />
  const title = 'Transaction'
  if (tx.error !== null && isNotFound(tx.error))
    return (
      <ExplorerPage title={title} description={heading}>
        <PendingTransaction txid={txid} />
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Not in any block your browser verified (yet): every node asked said it has not confirmed
          it. If it is a block hash instead,{' '}
          <Link href={paths.block(txid)} className={LINK}>
            look for a block with this hash
          </Link>
          . This page checks again on every new verified block.
        </p>
      </ExplorerPage>
    )
  if (tx.error !== null)
    return (
      <ExplorerPage title={title} description={heading}>
        <QueryError error={tx.error} what="this transaction" />
      </ExplorerPage>
    )
  return (
    <ExplorerPage title={title} description={heading}>
      <Loading lines={6}>
        Fetching the transaction and its Merkle proof, and checking it against the verified header…
      </Loading>
    </ExplorerPage>
  )
}
