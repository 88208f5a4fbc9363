'use client'
import { useBlock, useChainInfo, useHeaders } from '@supernova/light-client/react'
import { toHex } from '@supernova/protocol'
import Link from 'next/link'
import { isUnknownBlock } from '../../lib/errors'
import { parseBlockId, paths } from '../../lib/routes'
import { ExplorerPage } from '../ExplorerPage'
import { NotFoundPanel } from '../NotFoundPanel'
import { Loading, QueryError } from '../QueryState'
import { BlockDetails } from './BlockDetails'
import { BLOCK_DESCRIPTION } from './blockDescription'

const LINK = 'font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300'

/** The block page for a URL's `[id]`: a height or a block hash, each looked up in the verified chain. */
export function BlockView({ id }: { id: string }) {
  const parsed = parseBlockId(id)
  if (parsed.kind === 'invalid')
    return (
      <ExplorerPage title="Not a block">
        <NotFoundPanel title="This address names no block">{parsed.reason}</NotFoundPanel>
      </ExplorerPage>
    )
  if (parsed.kind === 'height') return <BlockByHeight height={parsed.height} />
  return <BlockByHash hash={parsed.hash} />
}

/** A height: its verified header (local), then the block by that header's hash. */
function BlockByHeight({ height }: { height: number }) {
  const headers = useHeaders({ fromHeight: height, count: 1 })
  const info = useChainInfo().data
  const tip = info?.tip.height
  const header = headers.data?.headers[0]
  if (header !== undefined) return <BlockByHash hash={toHex(header.hash)} />
  const title = `Block ${height.toLocaleString('en-US')}`
  if (headers.error !== null)
    return (
      <ExplorerPage title={title} description={BLOCK_DESCRIPTION}>
        <QueryError error={headers.error} what={`the header at height ${height}`} />
      </ExplorerPage>
    )
  // Still syncing towards a peer that claims this height: not "no such block", just not yet.
  const syncing = info !== undefined && info.sync.state !== 'synced'
  if (headers.data === undefined || syncing)
    return (
      <ExplorerPage title={title} description={BLOCK_DESCRIPTION}>
        <Loading>
          {syncing
            ? `Verifying headers from the nodes (at ${info.tip.height.toLocaleString('en-US')}${
                info.sync.targetHeight === undefined
                  ? ''
                  : ` of ${info.sync.targetHeight.toLocaleString('en-US')}`
              })…`
            : 'Reading the verified header at this height…'}
        </Loading>
      </ExplorerPage>
    )
  return (
    <ExplorerPage title={title} description={BLOCK_DESCRIPTION}>
      <NotFoundPanel title={`No block ${height.toLocaleString('en-US')} yet`}>
        The verified chain in your browser ends at height{' '}
        {tip === undefined ? (
          'a lower one'
        ) : (
          <Link href={paths.block(tip)} className={LINK}>
            {tip.toLocaleString('en-US')}
          </Link>
        )}
        . This page shows the block as soon as a verified header reaches this height.
      </NotFoundPanel>
    </ExplorerPage>
  )
}

/** A block hash: the block, verified against the header of that hash on the verified chain. */
function BlockByHash({ hash }: { hash: string }) {
  const block = useBlock({ hash })
  if (block.data !== undefined) return <BlockDetails block={block.data} />
  const title = 'Block'
  if (block.error !== null && isUnknownBlock(block.error))
    return (
      <ExplorerPage title={title} description={BLOCK_DESCRIPTION}>
        <NotFoundPanel
          title="No block with this hash on the verified chain"
          tried={[
            <>
              a block with hash <span className="break-all font-mono">{hash}</span> among the
              verified headers, after syncing with the connected nodes: none;
            </>,
            <>
              it may be a transaction id instead:{' '}
              <Link href={paths.tx(hash)} className={LINK}>
                look for a transaction with this id
              </Link>
              .
            </>,
          ]}
        />
      </ExplorerPage>
    )
  if (block.error !== null)
    return (
      <ExplorerPage title={title} description={BLOCK_DESCRIPTION}>
        <QueryError error={block.error} what="this block" />
      </ExplorerPage>
    )
  return (
    <ExplorerPage title={title} description={BLOCK_DESCRIPTION}>
      <Loading lines={8}>Fetching the block and checking it against its verified header…</Loading>
    </ExplorerPage>
  )
}
