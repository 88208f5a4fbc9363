import type { Metadata } from 'next'
import { NetworkView } from '../../components/network/NetworkView'
import { PacerProvider } from '../../hooks/usePacer'

export const metadata: Metadata = { title: 'Network' }

export default function NetworkPage() {
  return (
    <PacerProvider>
      <NetworkView />
    </PacerProvider>
  )
}
