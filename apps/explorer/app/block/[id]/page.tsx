import type { Metadata } from 'next'
import { BlockView } from '../../../components/block/BlockView'
import { PacerProvider } from '../../../hooks/usePacer'
import { decodeSegment } from '../../../lib/routes'

type BlockPageProps = { params: Promise<{ id: string }> }

export async function generateMetadata({ params }: BlockPageProps): Promise<Metadata> {
  const id = decodeSegment((await params).id)
  return { title: /^\d+$/.test(id) ? `Block ${id}` : `Block ${id.slice(0, 16)}…` }
}

export default async function BlockPage({ params }: BlockPageProps) {
  const { id } = await params
  return (
    <PacerProvider>
      <BlockView key={id} id={id} />
    </PacerProvider>
  )
}
