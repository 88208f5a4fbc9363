import type { Metadata } from 'next'
import { ExplorerPage } from '../../components/ExplorerPage'
import { MempoolView } from '../../components/mempool/MempoolView'

export const metadata: Metadata = { title: 'Mempool' }

export default function MempoolPage() {
  return (
    <ExplorerPage
      title="Mempool"
      description="Transactions waiting for a block, as a connected node reports them. Nothing in the chain commits to a mempool, so these figures are that node's word — marked unverified."
    >
      <MempoolView />
    </ExplorerPage>
  )
}
