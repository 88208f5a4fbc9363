import type { Network } from '@supernova/protocol'
import { Card, EmptyState, HashText, Notice } from '@supernova/ui'
import type { Metadata } from 'next'
import { SearchForm } from '../../components/SearchForm'
import { classifySearch, type SearchClassification } from '../../lib/search'

export const metadata: Metadata = { title: 'Search' }

type SearchPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const NETWORK_NAMES: Record<Network, string> = {
  mainnet: 'main network',
  testnet: 'test network',
  devnet: 'development network',
}

function Interpretation({
  query,
  result,
}: {
  query: string
  result: Exclude<SearchClassification, { kind: 'invalid' }>
}) {
  switch (result.kind) {
    case 'height':
      return (
        <p>
          A <strong>block height</strong>: block number{' '}
          <span className="font-mono">{result.height.toLocaleString('en-US')}</span>.
        </p>
      )
    case 'hash':
      return (
        <div className="space-y-2">
          <p>
            A <strong>64-digit hash</strong>: either a block hash or a transaction id (they look the
            same, so both are searched).
          </p>
          <HashText value={result.hex} head={16} tail={16} label="hash" />
        </div>
      )
    case 'address':
      return (
        <div className="space-y-2">
          <p>
            An <strong>address</strong> on the {NETWORK_NAMES[result.network]} ({result.network}
            ). Its checksum, format version and lock type are all valid.
          </p>
          {result.address !== query.trim() && (
            <p>
              In lowercase: <span className="break-all font-mono">{result.address}</span>
            </p>
          )}
        </div>
      )
  }
}

function whatWouldBeShown(result: Exclude<SearchClassification, { kind: 'invalid' }>): string {
  switch (result.kind) {
    case 'height':
      return `block ${result.height.toLocaleString('en-US')}, its header and transactions`
    case 'hash':
      return 'the block or transaction with this hash'
    case 'address':
      return "this address's balance and history"
  }
}

export default async function SearchPage({ searchParams }: SearchPageProps) {
  const raw = (await searchParams).q
  const query = (Array.isArray(raw) ? raw[0] : raw) ?? ''
  const result = query.trim() === '' ? undefined : classifySearch(query)

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Search</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">
          Look up a block by height or hash, a transaction by id, or an address.
        </p>
      </div>
      <SearchForm defaultValue={query} />

      {result === undefined ? (
        <EmptyState title="Type something to search for">
          <p>
            A block height (<span className="font-mono">1234</span>), a 64-digit block hash or
            transaction id, or an address starting with <span className="font-mono">nova1</span>,{' '}
            <span className="font-mono">tnova1</span> or <span className="font-mono">dnova1</span>.
          </p>
        </EmptyState>
      ) : (
        <Card title="You searched for">
          <p className="break-all rounded-md bg-zinc-100 px-3 py-2 font-mono text-sm dark:bg-zinc-800">
            {query.length > 120 ? `${query.slice(0, 120)}…` : query}
          </p>
          <div className="mt-5 text-sm leading-relaxed">
            {result.kind === 'invalid' ? (
              <Notice tone="warning" title="This is not something the explorer can look up">
                {result.reason}
              </Notice>
            ) : (
              <>
                <h3 className="mb-2 font-semibold">This looks like</h3>
                <Interpretation query={query} result={result} />
                <EmptyState title="Not found" className="mt-6">
                  <p>
                    The explorer would show {whatWouldBeShown(result)} here, after your browser
                    verified it against the chain. The light client that fetches and checks chain
                    data is not connected, so nothing can be looked up yet, and no unverified answer
                    is shown instead.
                  </p>
                </EmptyState>
              </>
            )}
          </div>
        </Card>
      )}
    </div>
  )
}
