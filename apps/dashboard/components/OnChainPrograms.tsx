'use client'
import { useBalance } from '@supernova/light-client/react'
import { encodeAddress, getChainParams, type Network } from '@supernova/protocol'
import { Card, formatAmount, HashText, Notice, Stat, StatList } from '@supernova/ui'
import { ProofDetails, type VerificationInfo } from '@supernova/ui/chain'
import type { BlockCounts } from '../lib/blocks'
import { ScrollTable } from './ScrollTable'

export type ProgramsProps = {
  network: Network
  /** Counts over the measured blocks; undefined while being counted. */
  counts: BlockCounts | undefined
  range: { from: number; to: number }
  verification: VerificationInfo
}

/** Which figures the proof disclosure after it covers, when a card has more than one. */
function ProofLabel({ children }: { children: string }) {
  return <p className="mt-3 text-xs font-medium text-zinc-600 dark:text-zinc-400">{children}</p>
}

const countedProof = (range: ProgramsProps['range']) =>
  `Counted in blocks ${range.from}–${range.to}, each fetched and checked against its verified header’s txRoot.`

/**
 * Green-miner declarations: the transaction kind is reserved in the protocol and rejected by
 * consensus until its rules exist, so there are none — said plainly, with the count the browser
 * made in the measured blocks.
 */
export function GreenMinersCard({ counts, range, verification }: Omit<ProgramsProps, 'network'>) {
  return (
    <Card
      title="Green-miner declarations"
      description="Miners declaring renewable electricity, verified on chain."
    >
      <Notice tone="info" title="None exist on chain yet">
        The chain does not carry green-miner declarations yet: the{' '}
        <code>greenMinerRegistration</code> transaction kind is reserved in the protocol and
        consensus rejects it until its rules are defined. Until then the renewable share comes from
        the grid data of your region mix, not from miners.
      </Notice>
      <StatList className="mt-4">
        <Stat
          label="Declarations in the measured blocks"
          value={
            counts === undefined ? null : counts.greenMinerDeclarations.toLocaleString('en-US')
          }
          hint={`blocks ${range.from}–${range.to}`}
        />
      </StatList>
      <ProofDetails className="mt-3" verification={verification} proof={countedProof(range)} />
    </Card>
  )
}

/**
 * The environmental treasury: its verified balance and the share of fees each coinbase paid it
 * (2% of fees, enforced by consensus), and plainly no governance or purchases, which the chain
 * does not carry yet.
 */
export function TreasuryCard({ network, counts, range, verification }: ProgramsProps) {
  const params = getChainParams(network)
  const address = encodeAddress({ network, lock: params.treasuryLock })
  const balance = useBalance({ address })
  const recent = counts?.treasuryAllocations.slice(0, 10) ?? []
  return (
    <Card
      title="Environmental treasury"
      description={`Consensus pays ${params.treasuryFeeShareBps / 100}% of each block’s fees to a lock no key can spend.`}
    >
      <StatList>
        <Stat
          label="Treasury balance"
          value={balance.data === undefined ? null : formatAmount(balance.data.total)}
          hint={
            balance.error
              ? `Could not verify it yet: ${balance.error.message}`
              : 'verified unspent outputs of the treasury lock'
          }
        />
        <Stat
          label="Paid in the measured blocks"
          value={counts === undefined ? null : formatAmount(counts.treasuryPaid)}
          hint={`${counts?.treasuryAllocations.length ?? 0} of blocks ${range.from}–${range.to} paid it`}
        />
      </StatList>
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
        Treasury address: <HashText value={address} label="treasury address" />
      </p>
      {balance.data !== undefined && <ProofLabel>Proof of the balance</ProofLabel>}
      {balance.data !== undefined && (
        <ProofDetails
          className="mt-1"
          verification={balance.data.verification}
          proof="Each unspent output of the treasury lock proven in the UTXO tree committed by this header (utxoRoot)."
        />
      )}
      <ScrollTable
        className="mt-4"
        caption="Allocations in the measured blocks, newest first"
        columns={[
          {
            id: 'height',
            header: 'Block',
            cell: (a: { height: number; amount: bigint }) => a.height,
            mono: true,
          },
          {
            id: 'amount',
            header: 'Paid to the treasury',
            cell: (a) => formatAmount(a.amount),
            align: 'end',
            mono: true,
          },
        ]}
        rows={recent}
        rowKey={(a) => a.height}
        empty={
          counts === undefined
            ? 'Counting…'
            : 'No block in the measured window paid the treasury (no fees large enough).'
        }
      />
      <ProofLabel>Proof of the allocations</ProofLabel>
      <ProofDetails className="mt-1" verification={verification} proof={countedProof(range)} />
      <Notice className="mt-4" tone="info" title="No governance or purchases on chain yet">
        Votes on the allocation, purchases of renewable-energy certificates or carbon credits, and
        their impact reports do not exist on chain yet: the governance transaction kinds are
        reserved and rejected by consensus until their rules are defined. Nothing is shown in their
        place.
      </Notice>
    </Card>
  )
}
