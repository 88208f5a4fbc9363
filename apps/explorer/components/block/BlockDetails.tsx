'use client'
import type { VerifiedBlock } from '@supernova/light-client'
import { useChainInfo } from '@supernova/light-client/react'
import { toHex } from '@supernova/protocol'
import { cx, FOCUS_RING } from '@supernova/ui'
import { ProofDetails } from '@supernova/ui/chain'
import Link from 'next/link'
import { paths } from '../../lib/routes'
import { atTip } from '../../lib/verification'
import { ExplorerPage } from '../ExplorerPage'
import { BlockHeaderCard } from './BlockHeaderCard'
import { BlockTransactions } from './BlockTransactions'
import { BLOCK_DESCRIPTION } from './blockDescription'

/** What the browser checked for every figure of a block page. */
export const BLOCK_PROOF =
  'The header is on the chain your browser verified from the pinned genesis (proof of work, retarget, timestamps, links). The block’s transactions were fetched from a node and checked against that header: their wtxids hash to its txRoot and the address filter rebuilt from them hashes to its filterHash.'

const NAV_LINK = cx(
  'inline-flex items-center gap-1 rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800',
  FOCUS_RING,
)
const NAV_OFF =
  'inline-flex items-center rounded-md border border-dashed border-zinc-300 px-3 py-1.5 text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400'

/** Links to the parent and the child block (the child once a verified header has it). */
function BlockNav({
  height,
  prevHash,
  tip,
}: {
  height: number
  prevHash: string
  tip: number | undefined
}) {
  return (
    <nav aria-label="Neighbouring blocks" className="flex flex-wrap gap-2">
      {height > 0 ? (
        <Link href={paths.block(prevHash)} className={NAV_LINK} rel="prev">
          <span aria-hidden="true">←</span> Block {(height - 1).toLocaleString('en-US')}
        </Link>
      ) : (
        <span className={NAV_OFF}>Genesis: no previous block</span>
      )}
      {tip !== undefined && tip > height ? (
        <Link href={paths.block(height + 1)} className={NAV_LINK} rel="next">
          Block {(height + 1).toLocaleString('en-US')} <span aria-hidden="true">→</span>
        </Link>
      ) : (
        <span className={NAV_OFF}>
          {tip === undefined ? 'Next block…' : 'No next block yet (this is the verified tip)'}
        </span>
      )}
    </nav>
  )
}

/** A verified block: header fields, confirmations, neighbours and its transactions. */
export function BlockDetails({ block }: { block: VerifiedBlock }) {
  const tip = useChainInfo().data?.tip.height
  const verification = atTip(block.verification, tip)
  const prevHash = toHex(block.block.header.prevHash)
  return (
    <ExplorerPage
      title={`Block ${block.height.toLocaleString('en-US')}`}
      description={BLOCK_DESCRIPTION}
      aside={<ProofDetails verification={verification} proof={BLOCK_PROOF} />}
    >
      <BlockNav height={block.height} prevHash={prevHash} tip={tip} />
      <BlockHeaderCard block={block} tip={tip} />
      <BlockTransactions block={block} />
    </ExplorerPage>
  )
}
