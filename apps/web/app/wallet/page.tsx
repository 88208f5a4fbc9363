import type { Metadata } from 'next'
import { WalletApp } from '../../components/wallet/WalletApp'

export const metadata: Metadata = {
  title: 'Wallet',
  description:
    'A SuperNova wallet in your browser: keys encrypted here, balances and history verified by the light client.',
}

export default function WalletPage() {
  return <WalletApp />
}
