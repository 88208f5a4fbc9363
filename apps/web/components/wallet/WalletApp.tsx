'use client'
import { Notice } from '@supernova/ui'
import { LightClientStatus } from '@supernova/ui/chain'
import { Onboarding } from './Onboarding'
import { PaymentsProvider } from './Payments'
import { UnlockForm } from './UnlockForm'
import { WalletHome } from './WalletHome'
import { useWalletSession, WalletSessionProvider } from './WalletSession'

/** The web wallet: set-up, lock screen or the open wallet, and the light client's status. */
export function WalletApp() {
  return (
    <WalletSessionProvider>
      <PaymentsProvider>
        <div className="space-y-8">
          <header className="max-w-3xl">
            <h1 className="text-3xl font-semibold tracking-tight">Wallet</h1>
            <p className="mt-2 text-zinc-700 dark:text-zinc-300">
              Keys made and encrypted in this browser; balances and history verified by the light
              client before they are shown.
            </p>
          </header>
          <WalletView />
          <LightClientStatus />
        </div>
      </PaymentsProvider>
    </WalletSessionProvider>
  )
}

function WalletView() {
  const { state, network } = useWalletSession()
  switch (state.phase) {
    case 'opening':
      return (
        <p role="status" className="min-h-40 text-sm text-zinc-600 dark:text-zinc-400">
          Opening the wallet stored in this browser…
        </p>
      )
    case 'unavailable':
      return (
        <Notice tone="error" title="This browser’s wallet store cannot be opened">
          {state.error}. Another tab may be upgrading it: close other tabs of this site and reload.
        </Notice>
      )
    case 'empty':
      return <Onboarding />
    case 'locked':
      return <UnlockForm reason={state.reason} />
    case 'unlocked':
      return network === state.wallet.network ? <WalletHome wallet={state.wallet} /> : null
  }
}
