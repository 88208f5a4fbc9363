'use client'
import { useChainInfo } from '@supernova/light-client/react'
import { computeTransactionIds, type TxOutput, toHex } from '@supernova/protocol'
import { Card, formatBytes } from '@supernova/ui'
import { ProofDetails } from '@supernova/ui/chain'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { useProvenTransactions } from '../../hooks/useProvenTransactions'
import { type FeeResult, feeRate, formatFeeRate, transactionFee } from '../../lib/fees'
import { paths } from '../../lib/routes'
import { spentOutputs, txidsToFetch } from '../../lib/spentOutputs'
import type { ProvenTransaction } from '../../lib/types'
import { atTip, confirmations } from '../../lib/verification'
import { Amount } from '../Amount'
import { ExplorerPage } from '../ExplorerPage'
import { HashLink } from '../HashLink'
import { TxInputs } from './TxInputs'
import { TxOutputs } from './TxOutputs'

const LINK = 'font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300'
const NO_OUTPUTS: ReadonlyMap<string, TxOutput> = new Map()

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 border-b border-zinc-100 py-2 last:border-0 sm:grid-cols-[12rem_1fr] dark:border-zinc-800/70">
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 text-sm text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  )
}

function feeText(fee: FeeResult | 'failed', size: number): { fee: ReactNode; rate: ReactNode } {
  if (fee === 'failed') return { fee: 'Not verified: a spent output did not match', rate: '—' }
  if (fee.kind === 'coinbase')
    return { fee: 'None: a coinbase creates the block reward', rate: '—' }
  if (fee.kind === 'unknown') {
    const text = `Proving ${fee.missing} spent output${fee.missing === 1 ? '' : 's'}…`
    return { fee: text, rate: text }
  }
  return { fee: <Amount units={fee.fee} />, rate: formatFeeRate(feeRate(fee.fee, size)) }
}

/** A Merkle-proven transaction: status, fee, inputs with what they spent, outputs with their state. */
export function TxDetails({ proven }: { proven: ProvenTransaction }) {
  const tip = useChainInfo().data?.tip.height
  const { tx, height } = proven
  const txid = toHex(proven.txid)
  const { size } = computeTransactionIds(tx)
  const fetched = useProvenTransactions(txidsToFetch([tx]))
  const spent = spentOutputs(tx, NO_OUTPUTS, fetched.byTxid)
  let fee: FeeResult | 'failed'
  try {
    fee = transactionFee({ tx, inputAmounts: spent.map((o) => o?.amount) })
  } catch {
    fee = 'failed'
  }
  const shown = feeText(fee, size)
  const verification = atTip(proven.verification, tip)
  return (
    <ExplorerPage
      title="Transaction"
      description={<HashLink value={txid} label="transaction id" full />}
      aside={
        <ProofDetails
          verification={verification}
          proof={`Merkle proof of the wtxid against the txRoot of block ${height.toLocaleString('en-US')}, whose header is on the chain your browser verified; the txid was recomputed from the transaction.`}
        />
      }
    >
      <Card title="Summary">
        <dl>
          <Field label="Status">
            Confirmed in block{' '}
            <Link href={paths.block(height)} className={LINK}>
              {height.toLocaleString('en-US')}
            </Link>{' '}
            (position {proven.index})
            {tip !== undefined &&
              `, ${confirmations(height, tip).toLocaleString('en-US')} confirmations`}
          </Field>
          <Field label="Block hash">
            <HashLink
              value={toHex(proven.blockHash)}
              href={paths.block(toHex(proven.blockHash))}
              label="block hash"
              full
            />
          </Field>
          <Field label="wtxid">
            <HashLink value={toHex(proven.wtxid)} label="witness transaction id" full />
          </Field>
          <Field label="Kind">
            {tx.kind === 'coinbase' ? 'Coinbase' : tx.kind === 'transfer' ? 'Transfer' : tx.kind}
          </Field>
          <Field label="Fee">{shown.fee}</Field>
          <Field label="Fee rate">{shown.rate}</Field>
          <Field label="Size">{`${formatBytes(size)} (${size.toLocaleString('en-US')} bytes, witnesses included)`}</Field>
          <Field label="Inputs → outputs">{`${tx.inputs.length} → ${tx.outputs.length}`}</Field>
          <Field label="Locktime">{tx.locktime === 0 ? 'None' : tx.locktime}</Field>
          <Field label="Version">{tx.version}</Field>
        </dl>
      </Card>
      <TxInputs proven={proven} spent={spent} fetched={fetched} tip={tip} />
      <TxOutputs proven={proven} />
    </ExplorerPage>
  )
}
