'use client'
import type { VerifiedUtxo } from '@supernova/light-client'
import { useChainInfo, useUtxos } from '@supernova/light-client/react'
import { toHex } from '@supernova/protocol'
import { Card, DataTable, type DataTableColumn } from '@supernova/ui'
import { ProofDetails } from '@supernova/ui/chain'
import Link from 'next/link'
import { useState } from 'react'
import { useChainParams } from '../../hooks/useChainParams'
import { pageOf } from '../../lib/pagination'
import { paths } from '../../lib/routes'
import { atTip } from '../../lib/verification'
import { Amount } from '../Amount'
import { HashLink } from '../HashLink'
import { Pagination } from '../Pagination'
import { Loading, QueryError } from '../QueryState'

const PAGE_SIZE = 20
const LINK = 'font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300'

/** The address's unspent outputs, each with its membership proof against a verified UTXO root. */
export function AddressUtxos({ address }: { address: string }) {
  const params = useChainParams()
  const tip = useChainInfo().data?.tip.height
  const [page, setPage] = useState(1)
  const { data, error } = useUtxos({ address })
  const at = data?.verification.header.height
  const columns: DataTableColumn<VerifiedUtxo>[] = [
    {
      id: 'outpoint',
      header: 'Output',
      cell: (u) => {
        const txid = toHex(u.outpoint.txid)
        return (
          <span className="inline-flex items-center gap-1">
            <HashLink value={txid} href={paths.tx(txid)} label="transaction id" head={8} tail={8} />
            <span className="font-mono text-sm">:{u.outpoint.vout}</span>
          </span>
        )
      },
    },
    {
      id: 'amount',
      header: 'Amount',
      align: 'end',
      cell: (u) => <Amount units={u.entry.amount} />,
    },
    {
      id: 'created',
      header: 'Created in',
      mono: true,
      cell: (u) => (
        <Link href={paths.block(u.entry.height)} className={LINK}>
          {u.entry.height.toLocaleString('en-US')}
        </Link>
      ),
    },
    {
      id: 'kind',
      header: 'Spendable',
      cell: (u) => {
        const matures = u.entry.height + params.coinbaseMaturity
        if (!u.entry.coinbase || at === undefined || at + 1 >= matures)
          return u.entry.coinbase ? 'Yes (mature coinbase)' : 'Yes'
        return `From block ${matures.toLocaleString('en-US')} (coinbase)`
      },
    },
    {
      id: 'proof',
      header: 'Verification',
      cell: (u) =>
        data === undefined ? null : (
          <ProofDetails
            verification={atTip(data.verification, tip)}
            proof={`Membership proof of ${toHex(u.outpoint.txid).slice(0, 12)}…:${u.outpoint.vout} (its amount, lock, height and coinbase flag) in the UTXO tree whose root is in block ${at}'s header.`}
          />
        ),
    },
  ]
  // Newest first, then by outpoint, so pages do not reshuffle between refreshes.
  const sorted = [...(data?.utxos ?? [])].sort(
    (a, b) =>
      b.entry.height - a.entry.height ||
      toHex(a.outpoint.txid).localeCompare(toHex(b.outpoint.txid)) ||
      a.outpoint.vout - b.outpoint.vout,
  )
  const { items, window } = pageOf(sorted, page, PAGE_SIZE)
  return (
    <Card
      title="Unspent outputs"
      description={
        at === undefined ? undefined : `Proven unspent as of block ${at.toLocaleString('en-US')}.`
      }
    >
      {error !== null && data === undefined ? (
        <QueryError error={error} what="the unspent outputs" />
      ) : data === undefined ? (
        <Loading>Fetching the unspent outputs and checking each one's proof…</Loading>
      ) : (
        <>
          <DataTable
            className="relative"
            caption="Unspent outputs of this address"
            captionHidden
            columns={columns}
            rows={items}
            rowKey={(u) => `${toHex(u.outpoint.txid)}:${u.outpoint.vout}`}
            empty="No unspent outputs: this address holds nothing right now."
          />
          <Pagination window={window} onPage={setPage} label="Unspent outputs" />
        </>
      )}
    </Card>
  )
}
