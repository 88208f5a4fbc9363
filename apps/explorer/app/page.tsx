import { Notice } from '@supernova/ui'
import { LatestTables } from '../components/LatestTables'
import { SearchForm } from '../components/SearchForm'

export default function ExplorerHome() {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Explorer</h1>
        <p className="mt-2 max-w-2xl text-zinc-600 dark:text-zinc-400">
          Blocks, transactions and addresses of the SuperNova chain, each checked by your browser
          before it is shown.
        </p>
      </div>
      <SearchForm />
      <Notice tone="warning" title="Light client not connected">
        Latest blocks and transactions appear here once the light client is connected: it fetches
        headers from the network, checks their proof of work and finality, and only then lists them.
        Until then there is nothing verified to show, so nothing is shown. Search still tells you
        what a query is.
      </Notice>
      {/* No rows until the light client exists: this page never shows unverified chain data. */}
      <LatestTables blocks={[]} transactions={[]} />
    </div>
  )
}
