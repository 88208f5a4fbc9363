import type { Metadata } from 'next'
import { ExplorerPage } from '../components/ExplorerPage'
import { NotFoundPanel } from '../components/NotFoundPanel'

export const metadata: Metadata = { title: 'Not found' }

export default function NotFound() {
  return (
    <ExplorerPage title="Not found" description="There is no explorer page at this address.">
      <NotFoundPanel title="Try a search instead">
        Search takes a block height, a block hash, a transaction id or an address.
      </NotFoundPanel>
    </ExplorerPage>
  )
}
