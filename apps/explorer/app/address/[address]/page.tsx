import type { Metadata } from 'next'
import { AddressView } from '../../../components/address/AddressView'
import { PacerProvider } from '../../../hooks/usePacer'
import { decodeSegment } from '../../../lib/routes'

type AddressPageProps = { params: Promise<{ address: string }> }

export async function generateMetadata({ params }: AddressPageProps): Promise<Metadata> {
  const address = decodeSegment((await params).address)
  return { title: `Address ${address.slice(0, 14)}…${address.slice(-6)}` }
}

export default async function AddressPage({ params }: AddressPageProps) {
  const { address } = await params
  // Keyed: another address is a fresh page (its pagination and scans start over).
  return (
    <PacerProvider>
      <AddressView key={address} address={address} />
    </PacerProvider>
  )
}
