'use client'
import { type TxInput, type TxOutput, toHex } from '@supernova/protocol'
import { Card, DataTable, type DataTableColumn } from '@supernova/ui'
import { ProofDetails } from '@supernova/ui/chain'
import { useState } from 'react'
import { useChainParams } from '../../hooks/useChainParams'
import type { ProvenTransactions } from '../../hooks/useProvenTransactions'
import { nameLock } from '../../lib/addresses'
import { pageOf } from '../../lib/pagination'
import { paths } from '../../lib/routes'
import type { ProvenTransaction } from '../../lib/types'
import { atTip } from '../../lib/verification'
import { Amount } from '../Amount'
import { HashLink } from '../HashLink'
import { Pagination } from '../Pagination'
import { OwnerCell } from './OwnerCell'

const PAGE_SIZE = 20

type Row = {
  index: number
  input: TxInput
  output: TxOutput | undefined
  query: ReturnType<ProvenTransactions['queries']['get']>
}

function Pending({ failed }: { failed: boolean }) {
  return failed ? (
    <span className="text-zinc-600 dark:text-zinc-400">Not verified</span>
  ) : (
    <span className="text-zinc-500 dark:text-zinc-400">
      <span aria-hidden="true">…</span>
      <span className="sr-only">Proving the spent output</span>
    </span>
  )
}

function columns(
  tip: number | undefined,
  params: ReturnType<typeof useChainParams>,
): DataTableColumn<Row>[] {
  return [
    { id: 'index', header: '#', mono: true, cell: (r) => r.index },
    {
      id: 'spends',
      header: 'Spends output',
      cell: (r) => {
        const txid = toHex(r.input.prevout.txid)
        return (
          <span className="inline-flex items-center gap-1">
            <HashLink
              value={txid}
              href={paths.tx(txid)}
              label="spent transaction id"
              head={8}
              tail={8}
            />
            <span className="font-mono text-sm">:{r.input.prevout.vout}</span>
          </span>
        )
      },
    },
    {
      id: 'owner',
      header: 'From address',
      cell: (r) =>
        r.output === undefined ? (
          <Pending failed={r.query?.isError === true} />
        ) : (
          <OwnerCell name={nameLock(r.output.lock, params)} />
        ),
    },
    {
      id: 'amount',
      header: 'Amount',
      align: 'end',
      cell: (r) =>
        r.output === undefined ? (
          <Pending failed={r.query?.isError === true} />
        ) : (
          <Amount units={r.output.amount} />
        ),
    },
    {
      id: 'proof',
      header: 'Verification',
      cell: (r) =>
        r.query?.data === undefined ? (
          <Pending failed={r.query?.isError === true} />
        ) : (
          <ProofDetails
            verification={atTip(r.query.data.verification, tip)}
            proof={`The spent transaction's Merkle proof against the txRoot of block ${r.query.data.height}; its txid commits to the output's amount and lock.`}
          />
        ),
    },
  ]
}

export type TxInputsProps = {
  proven: ProvenTransaction
  /** The output each input spends, undefined until proven. */
  spent: readonly (TxOutput | undefined)[]
  fetched: ProvenTransactions
  tip: number | undefined
}

/** Inputs with the amount and address each spent, read from the spent transaction, itself proven. */
export function TxInputs({ proven, spent, fetched, tip }: TxInputsProps) {
  const params = useChainParams()
  const [page, setPage] = useState(1)
  const { tx } = proven
  if (tx.kind === 'coinbase')
    return (
      <Card title="Inputs">
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          None: this is the coinbase of block {proven.height.toLocaleString('en-US')}. It spends
          nothing; it creates the block subsidy and collects the block's fees for the miner (and the
          environmental treasury's share of the fees).
        </p>
      </Card>
    )
  const rows = tx.inputs.map(
    (input, index): Row => ({
      index,
      input,
      output: spent[index],
      query: fetched.queries.get(toHex(input.prevout.txid)),
    }),
  )
  const { items, window } = pageOf(rows, page, PAGE_SIZE)
  return (
    <Card
      title="Inputs"
      description="What each input spent, from the spent transaction, itself proven in its block."
    >
      <DataTable
        className="relative"
        caption="Inputs of this transaction"
        captionHidden
        columns={columns(tip, params)}
        rows={items}
        rowKey={(r) => r.index}
      />
      <Pagination window={window} onPage={setPage} label="Inputs" />
    </Card>
  )
}
