import type { Metadata } from 'next'
import { TxView } from '../../../components/tx/TxView'
import { PacerProvider } from '../../../hooks/usePacer'
import { decodeSegment } from '../../../lib/routes'

type TxPageProps = { params: Promise<{ txid: string }> }

export async function generateMetadata({ params }: TxPageProps): Promise<Metadata> {
  return { title: `Transaction ${decodeSegment((await params).txid).slice(0, 16)}…` }
}

export default async function TxPage({ params }: TxPageProps) {
  const { txid } = await params
  return (
    <PacerProvider>
      <TxView key={txid} txid={txid} />
    </PacerProvider>
  )
}
