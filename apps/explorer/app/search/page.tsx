import { Card, Notice } from '@supernova/ui'
import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { ExplorerPage } from '../../components/ExplorerPage'
import { HashLink } from '../../components/HashLink'
import { SearchForm } from '../../components/SearchForm'
import { HashSearch } from '../../components/search/HashSearch'
import { searchTarget } from '../../lib/routes'
import { classifySearch } from '../../lib/search'

export const metadata: Metadata = { title: 'Search' }

type SearchPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/**
 * Search: a height or an address opens its page at once; a 64-hex hash is looked up (block, then
 * transaction) in the browser; anything else is explained.
 */
export default async function SearchPage({ searchParams }: SearchPageProps) {
  const raw = (await searchParams).q
  const query = (Array.isArray(raw) ? raw[0] : raw) ?? ''
  const target = query.trim() === '' ? undefined : searchTarget(classifySearch(query))
  if (target?.kind === 'page') redirect(target.href)
  return (
    <ExplorerPage
      title="Search"
      description="Look up a block by height or hash, a transaction by id, or an address."
    >
      <SearchForm defaultValue={query} />
      {target === undefined && (
        <Notice title="Type something to search for">
          A block height (<span className="font-mono">1234</span>), a 64-digit block hash or
          transaction id, or an address starting with <span className="font-mono">nova1</span>,{' '}
          <span className="font-mono">tnova1</span> or <span className="font-mono">dnova1</span>.
        </Notice>
      )}
      {target?.kind === 'invalid' && (
        <Card title="You searched for">
          <p className="break-all rounded-md bg-zinc-100 px-3 py-2 font-mono text-sm dark:bg-zinc-800">
            {query.length > 120 ? `${query.slice(0, 120)}…` : query}
          </p>
          <Notice
            tone="warning"
            title="This is not something the explorer can look up"
            className="mt-4"
          >
            {target.reason}
          </Notice>
        </Card>
      )}
      {target?.kind === 'hash' && (
        <Card
          title="A 64-digit hash"
          description="Block hashes and transaction ids look the same, so both are searched."
        >
          <HashLink value={target.hex} label="hash" full />
          <div className="mt-4">
            <HashSearch hex={target.hex} />
          </div>
        </Card>
      )}
    </ExplorerPage>
  )
}
