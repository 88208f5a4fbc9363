'use client'
import { useChainInfo } from '@supernova/light-client/react'
import { type TxOutput, toHex } from '@supernova/protocol'
import { Card, DataTable, type DataTableColumn } from '@supernova/ui'
import { ProofDetails } from '@supernova/ui/chain'
import { useState } from 'react'
import { useChainParams } from '../../hooks/useChainParams'
import { useOutpointStatus } from '../../hooks/useOutpointStatus'
import { nameLock } from '../../lib/addresses'
import { pageOf } from '../../lib/pagination'
import type { ProvenTransaction } from '../../lib/types'
import { atTip } from '../../lib/verification'
import { Amount } from '../Amount'
import { Pagination } from '../Pagination'
import { OwnerCell } from './OwnerCell'

const PAGE_SIZE = 20

type Row = { txid: string; vout: number; output: TxOutput }

/** Spent or unspent, proven against the UTXO root of a verified header. */
function OutputStatus({ txid, vout }: { txid: string; vout: number }) {
  const status = useOutpointStatus(txid, vout)
  const tip = useChainInfo().data?.tip.height
  if (status.data === undefined)
    return (
      <span className="text-zinc-500 dark:text-zinc-400">
        {status.isError ? (
          'Not verified (retrying)'
        ) : (
          <>
            <span aria-hidden="true">…</span>
            <span className="sr-only">Proving</span>
          </>
        )}
      </span>
    )
  const unspent = status.data.entry !== undefined
  const at = status.data.verification.header.height.toLocaleString('en-US')
  return (
    <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <span className="font-medium">{unspent ? 'Unspent' : 'Spent'}</span>
      <ProofDetails
        verification={atTip(status.data.verification, tip)}
        proof={
          unspent
            ? `A membership proof of this output in the UTXO tree whose root is in block ${at}'s header: unspent as of that block.`
            : `A non-membership proof against the UTXO root of block ${at}: the output, created in a verified block, is no longer in the UTXO set — it was spent.`
        }
      />
    </span>
  )
}

/** Outputs: who they pay, how much, and whether each is still unspent. */
export function TxOutputs({ proven }: { proven: ProvenTransaction }) {
  const params = useChainParams()
  const [page, setPage] = useState(1)
  const txid = toHex(proven.txid)
  const rows = proven.tx.outputs.map((output, vout): Row => ({ txid, vout, output }))
  const { items, window } = pageOf(rows, page, PAGE_SIZE)
  const columns: DataTableColumn<Row>[] = [
    { id: 'vout', header: '#', mono: true, cell: (r) => r.vout },
    {
      id: 'to',
      header: 'To address',
      cell: (r) => <OwnerCell name={nameLock(r.output.lock, params)} />,
    },
    {
      id: 'amount',
      header: 'Amount',
      align: 'end',
      cell: (r) => <Amount units={r.output.amount} />,
    },
    { id: 'state', header: 'Spent?', cell: (r) => <OutputStatus txid={r.txid} vout={r.vout} /> },
  ]
  return (
    <Card
      title="Outputs"
      description="Amounts and locks are part of the proven transaction; spent or unspent is proven against a verified UTXO root."
    >
      <DataTable
        className="relative"
        caption="Outputs of this transaction"
        captionHidden
        columns={columns}
        rows={items}
        rowKey={(r) => r.vout}
      />
      <Pagination window={window} onPage={setPage} label="Outputs" />
    </Card>
  )
}
