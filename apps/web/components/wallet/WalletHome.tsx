'use client'
import type { Wallet } from '@supernova/light-client'
import { useEffect, useRef } from 'react'
import { BalanceCard } from './BalanceCard'
import { FaucetCard } from './FaucetCard'
import { BUTTON_SECONDARY } from './Field'
import { HistoryCard } from './HistoryCard'
import { outstandingPayments, usePayments } from './Payments'
import { ReceiveCard, useReceiveAddress } from './ReceiveCard'
import { SendCard } from './SendCard'
import { useWalletActivity } from './useWalletActivity'
import { useWalletSession } from './WalletSession'

/** The open wallet: balance, receive (and the devnet faucet), send, history. */
export function WalletHome({ wallet }: { wallet: Wallet }) {
  const session = useWalletSession()
  const { payments } = usePayments()
  const activity = useWalletActivity({
    wallet,
    revision: session.revision,
    birthHeight: session.birthHeight,
    refresh: session.refresh,
  })
  const receive = useReceiveAddress(wallet, session.revision)
  // Where focus lands once the wallet opens (after create, import or unlock): its state.
  const opened = useRef<HTMLParagraphElement>(null)
  useEffect(() => opened.current?.focus(), [])
  const outstanding = outstandingPayments(payments, activity.balance?.verification.header.height)
  return (
    <div className="space-y-6">
      {activity.watchers}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p
          ref={opened}
          tabIndex={-1}
          className="text-sm text-zinc-700 outline-none dark:text-zinc-300"
        >
          Unlocked. It locks itself after 5 minutes without activity.
        </p>
        <button type="button" className={BUTTON_SECONDARY} onClick={() => session.lock('manual')}>
          Lock wallet
        </button>
      </div>
      <BalanceCard activity={activity} pending={outstanding} />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="min-w-0 space-y-6">
          <ReceiveCard
            wallet={wallet}
            address={receive.address}
            error={receive.error}
            onNewAddress={session.refresh}
          />
          {session.network === 'devnet' && (
            <FaucetCard address={receive.address?.address} history={activity.history} />
          )}
        </div>
        <SendCard
          wallet={wallet}
          spendable={activity.balance?.spendable}
          outstanding={outstanding}
        />
      </div>
      <HistoryCard activity={activity} />
    </div>
  )
}
