'use client'
import { useBlock, useTransaction } from '@supernova/light-client/react'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useEffect } from 'react'
import { isNotFound, isUnknownBlock } from '../../lib/errors'
import { paths } from '../../lib/routes'
import { NotFoundPanel } from '../NotFoundPanel'
import { Loading, QueryError } from '../QueryState'

const LINK = 'font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300'

/**
 * A 64-hex search: a block hash or a txid, which look alike. The block is tried first (a local
 * header look-up, then the block), then a confirmed transaction; the first found opens its page.
 */
export function HashSearch({ hex }: { hex: string }) {
  const router = useRouter()
  const block = useBlock({ hash: hex, query: { retry: false } })
  const notABlock = block.error !== null && isUnknownBlock(block.error)
  const tx = useTransaction({ txid: hex, query: { enabled: notABlock } })
  const target =
    block.data !== undefined ? paths.block(hex) : tx.data !== undefined ? paths.tx(hex) : undefined
  useEffect(() => {
    if (target !== undefined) router.replace(target)
  }, [router, target])
  if (target !== undefined) return <Loading>Found it: opening its page…</Loading>
  if (block.error !== null && !notABlock)
    return <QueryError error={block.error} what="whether this is a block" />
  if (tx.error !== null && !isNotFound(tx.error))
    return <QueryError error={tx.error} what="whether this is a transaction" />
  if (!notABlock || tx.error === null)
    return (
      <Loading>
        {notABlock
          ? 'Not a block on the verified chain; looking for a confirmed transaction…'
          : 'Looking for a block with this hash…'}
      </Loading>
    )
  return (
    <NotFoundPanel
      search={false}
      title="Nothing with this hash on the verified chain"
      tried={[
        'a block with this hash among the verified headers (after a sync with the connected nodes): none;',
        'a confirmed transaction with this id (every node asked for a Merkle proof): none.',
        <>
          It may be a transaction waiting in a mempool:{' '}
          <Link href={paths.tx(hex)} className={LINK}>
            open it as a pending transaction
          </Link>
          .
        </>,
      ]}
    />
  )
}
