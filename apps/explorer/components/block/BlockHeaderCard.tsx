'use client'
import type { VerifiedBlock } from '@supernova/light-client'
import { bitsToTarget, toHex, workForBits } from '@supernova/protocol'
import { Card, formatBytes } from '@supernova/ui'
import { formatWork } from '@supernova/ui/chain'
import type { ReactNode } from 'react'
import { useChainParams } from '../../hooks/useChainParams'
import { useCumulativeWork } from '../../hooks/useCumulativeWork'
import { summarizeBlock } from '../../lib/blockSummary'
import { difficultyOf } from '../../lib/chainStats'
import { paths } from '../../lib/routes'
import { confirmations } from '../../lib/verification'
import { Amount } from '../Amount'
import { HashLink } from '../HashLink'
import { Timestamp } from '../Time'

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 border-b border-zinc-100 py-2 last:border-0 sm:grid-cols-[12rem_1fr] dark:border-zinc-800/70">
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 text-sm text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  )
}

const PENDING = <span className="text-zinc-500 dark:text-zinc-400">Summing verified headers…</span>

/** Every header field of a verified block, with the figures derived from it. */
export function BlockHeaderCard({ block, tip }: { block: VerifiedBlock; tip: number | undefined }) {
  const params = useChainParams()
  const h = block.block.header
  const summary = summarizeBlock(block, params)
  const cumulative = useCumulativeWork(block.height)
  const target = bitsToTarget(h.bits)
  return (
    <Card
      title="Header"
      description="Fields of the verified header and figures computed from it and the block's transactions."
    >
      <dl>
        <Field label="Hash">
          <HashLink value={toHex(block.hash)} label="block hash" full />
        </Field>
        <Field label="Height">{block.height.toLocaleString('en-US')}</Field>
        <Field label="Confirmations">
          {tip === undefined ? '…' : confirmations(block.height, tip).toLocaleString('en-US')}
        </Field>
        <Field label="Time">
          <Timestamp ms={h.timestamp} />
        </Field>
        <Field label="Previous block">
          {block.height === 0 ? (
            'None (genesis)'
          ) : (
            <HashLink
              value={toHex(h.prevHash)}
              href={paths.block(toHex(h.prevHash))}
              label="previous block hash"
              full
            />
          )}
        </Field>
        <Field label="Transactions">{summary.txCount.toLocaleString('en-US')}</Field>
        <Field label="Size">{`${formatBytes(summary.size)} (${summary.size.toLocaleString('en-US')} bytes)`}</Field>
        <Field label="Coinbase reward">
          <Amount units={summary.coinbaseTotal} />{' '}
          <span className="text-zinc-600 dark:text-zinc-400">
            (subsidy <Amount units={summary.subsidy} /> plus at most the fees)
          </span>
        </Field>
        <Field label="Bits">
          <span className="font-mono">0x{h.bits.toString(16).padStart(8, '0')}</span>
        </Field>
        <Field label="Target">
          <span className="break-all font-mono">{target.toString(16).padStart(64, '0')}</span>
        </Field>
        <Field label="Difficulty">
          {difficultyOf(h.bits, params.powLimitBits).toLocaleString('en-US', {
            maximumSignificantDigits: 6,
          })}
        </Field>
        <Field label="Work">{`${formatWork(workForBits(h.bits))} expected hashes`}</Field>
        <Field label="Cumulative work">
          {cumulative === undefined
            ? PENDING
            : cumulative === null
              ? 'Not summed: more than 2,000 headers from both genesis and the tip'
              : `${formatWork(cumulative)} expected hashes since genesis`}
        </Field>
        <Field label="Nonce">
          <span className="font-mono">{h.nonce.toString()}</span>
        </Field>
        <Field label="Version">{h.version}</Field>
        <Field label="txRoot">
          <HashLink value={toHex(h.txRoot)} label="transaction root" full />
        </Field>
        <Field label="utxoRoot">
          <HashLink value={toHex(h.utxoRoot)} label="UTXO root" full />
        </Field>
        <Field label="filterHash">
          <HashLink value={toHex(h.filterHash)} label="filter hash" full />
        </Field>
        <Field label="validatorSetHash">
          <HashLink value={toHex(h.validatorSetHash)} label="validator set hash" full />
        </Field>
        <Field label="Randomness">
          <HashLink value={toHex(h.randomness)} label="randomness beacon" full />
        </Field>
      </dl>
    </Card>
  )
}
