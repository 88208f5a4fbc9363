'use client'
import type { GetPendingTransactionReturnType, PendingInput } from '@supernova/light-client'
import { usePendingTransaction } from '@supernova/light-client/react'
import { type TxOutput, toHex } from '@supernova/protocol'
import {
  Card,
  DataTable,
  type DataTableColumn,
  formatBytes,
  Notice,
  Stat,
  StatList,
} from '@supernova/ui'
import { ProofDetails } from '@supernova/ui/chain'
import { useChainParams } from '../hooks/useChainParams'
import { nameLock } from '../lib/addresses'
import { errorCode } from '../lib/errors'
import { formatFeeRate } from '../lib/fees'
import { shortPeerId } from '../lib/mempool'
import { paths } from '../lib/routes'
import { Amount } from './Amount'
import { HashLink } from './HashLink'
import { Loading, QueryError } from './QueryState'
import { Age } from './Time'
import { OwnerCell } from './tx/OwnerCell'

type Verified = GetPendingTransactionReturnType
type InputRow = PendingInput & { index: number }
type OutputRow = TxOutput & { index: number }

/** What the browser checked, for the "Show proof" panel. */
function proofText(p: Verified): string {
  const at = p.verification.header.height.toLocaleString('en-US')
  const parents = p.ancestors.length
  return `The transaction's bytes hash to this txid. Each input spends an output proven unspent by a sparse-Merkle membership proof against the utxoRoot of block ${at}${parents > 0 ? `, or an output of ${parents === 1 ? 'a pending parent' : `${parents} pending ancestors`} checked the same way` : ''}. Every spend policy and signature was verified in your browser against those outputs, and the fee is the proven inputs minus the outputs.`
}

function InputsTable({ p }: { p: Verified }) {
  const params = useChainParams()
  const columns: DataTableColumn<InputRow>[] = [
    { id: 'n', header: '#', mono: true, cell: (r) => r.index },
    {
      id: 'spends',
      header: 'Spends output',
      cell: (r) => {
        const txid = toHex(r.outpoint.txid)
        return (
          <span className="inline-flex items-center gap-1">
            <HashLink value={txid} href={paths.tx(txid)} label="spent transaction id" />
            <span className="font-mono text-sm">:{r.outpoint.vout}</span>
          </span>
        )
      },
    },
    {
      id: 'from',
      header: 'From address',
      cell: (r) => <OwnerCell name={nameLock(r.entry.lock, params)} />,
    },
    {
      id: 'amount',
      header: 'Amount',
      align: 'end',
      cell: (r) => <Amount units={r.entry.amount} />,
    },
    {
      id: 'proof',
      header: 'Checked',
      cell: (r) =>
        r.source === 'utxo' ? 'Proven unspent' : 'Output of a pending parent (checked with it)',
    },
  ]
  return (
    <DataTable
      caption="Inputs and the outputs they spend"
      captionHidden
      columns={columns}
      rows={p.inputs.map((x, index) => ({ ...x, index }))}
      rowKey={(r) => r.index}
    />
  )
}

function OutputsTable({ p }: { p: Verified }) {
  const params = useChainParams()
  const columns: DataTableColumn<OutputRow>[] = [
    { id: 'n', header: '#', mono: true, cell: (r) => r.index },
    { id: 'to', header: 'To address', cell: (r) => <OwnerCell name={nameLock(r.lock, params)} /> },
    { id: 'amount', header: 'Amount', align: 'end', cell: (r) => <Amount units={r.amount} /> },
  ]
  return (
    <DataTable
      caption="Outputs"
      captionHidden
      columns={columns}
      rows={p.tx.outputs.map((o, index) => ({ ...o, index }))}
      rowKey={(r) => r.index}
    />
  )
}

function PendingDetails({ p }: { p: Verified }) {
  const at = p.verification.header.height.toLocaleString('en-US')
  return (
    <div className="space-y-6">
      <Card
        title="Pending transaction"
        description={`Pending — inputs proven unspent at block ${at}, signatures checked. Not in a block yet: it confirms once a block includes it.`}
        action={<ProofDetails verification={p.verification} proof={proofText(p)} />}
      >
        <StatList className="sm:grid-cols-2 lg:grid-cols-4">
          <Stat label="Fee" value={<Amount units={p.fee} />} hint="Proven inputs − outputs" />
          <Stat label="Fee rate" value={formatFeeRate(p.feeRate)} hint="Fee ÷ size" />
          <Stat label="Size" value={formatBytes(p.size)} hint="Witnesses included" />
          <Stat
            label="First seen"
            value={<Age ms={p.firstSeen} />}
            hint={`Unverified: node ${shortPeerId(p.peer)}'s clock`}
          />
        </StatList>
      </Card>
      <Card title="Inputs" description="Each spent output's amount and owner come from its proof.">
        <InputsTable p={p} />
      </Card>
      <Card title="Outputs" description="Part of the transaction the txid commits to.">
        <OutputsTable p={p} />
      </Card>
    </div>
  )
}

/** Why a pending check ended without a transaction to show, for people. */
function NotPending({ code, details }: { code: string; details: Record<string, unknown> }) {
  if (code === 'NOT_FOUND')
    return (
      <Notice title="Not found in any mempool">
        No connected node has this transaction in its mempool, and it is in no block your browser
        has verified. It may never have been sent, have been dropped, or not have reached these
        nodes yet. Your browser asks again on every new verified block.
      </Notice>
    )
  const spent = details.reason === 'INPUT_SPENT'
  return (
    <Notice tone="warning" title="No longer pending">
      {spent
        ? 'An output this transaction spends is already spent in the verified chain: it was mined, or a conflicting transaction was.'
        : `It cannot go in the next block on the verified chain (${String(details.reason ?? code)}).`}{' '}
      If it was mined, its page shows it as confirmed once your browser verifies the block.
    </Notice>
  )
}

/**
 * A transaction that is not in a verified block, checked by the light client at the verified
 * tip: its txid, its inputs proven unspent, its policies and signatures and its fee — or an
 * honest "not found" / "no longer pending". Rechecked on every new verified block.
 */
export function PendingTransaction({ txid }: { txid: string }) {
  const { data, error } = usePendingTransaction({ txid })
  if (data !== undefined) return <PendingDetails p={data} />
  const code = errorCode(error)
  if (code === 'NOT_FOUND' || code === 'INVALID_AT_TIP')
    return (
      <NotPending
        code={code}
        details={
          ((error as { details?: Record<string, unknown> }).details ?? {}) as Record<
            string,
            unknown
          >
        }
      />
    )
  return (
    <Card title="Pending transaction">
      {error ? (
        <QueryError error={error} what="the pending transaction" />
      ) : (
        <Loading lines={4}>
          Looking for it in the nodes' mempools and checking its inputs and signatures…
        </Loading>
      )}
    </Card>
  )
}
