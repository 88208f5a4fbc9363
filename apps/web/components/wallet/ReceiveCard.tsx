'use client'
import type { Wallet, WalletAddress } from '@supernova/light-client'
import { Card } from '@supernova/ui'
import { QRCodeSVG } from 'qrcode.react'
import { useEffect, useRef, useState } from 'react'
import { explainError } from '../../lib/walletErrors'
import { BUTTON_SECONDARY } from './Field'

/**
 * The wallet's next unused receive address (the same until coins arrive on it or a new one is
 * asked for) as a QR code and as text with a copy button.
 */
export function useReceiveAddress(wallet: Wallet, revision: number) {
  const [address, setAddress] = useState<WalletAddress>()
  const [error, setError] = useState<string>()
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` stands for the wallet's mutable records.
  useEffect(() => {
    let live = true
    wallet.receiveAddress().then(
      (a) => {
        if (!live) return
        setAddress(a)
        setError(undefined)
      },
      (e) => {
        if (live) setError(explainError(e))
      },
    )
    return () => {
      live = false
    }
  }, [wallet, revision])
  return { address, error }
}

export function ReceiveCard({
  wallet,
  address,
  error,
  onNewAddress,
}: {
  wallet: Wallet
  address: WalletAddress | undefined
  error: string | undefined
  onNewAddress: () => void
}) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle')
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  const copy = async () => {
    if (!address) return
    clearTimeout(timer.current)
    try {
      await navigator.clipboard.writeText(address.address)
      setCopied('copied')
    } catch {
      setCopied('failed')
    }
    timer.current = setTimeout(() => setCopied('idle'), 2_000)
  }

  const fresh = async () => {
    if (!address || busy) return
    setBusy(true)
    setFailure(undefined)
    try {
      // Handing an address out for good is what marks it used: the next one comes up.
      await wallet.markUsed({ address: address.address })
      onNewAddress()
    } catch (e) {
      setFailure(explainError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card
      title="Receive"
      description="Give this address to the payer. A new one keeps payments apart."
    >
      <div className="flex flex-col items-center gap-4 sm:flex-row sm:items-start">
        <div className="flex size-48 shrink-0 items-center justify-center rounded-lg bg-white p-3 ring-1 ring-zinc-200 dark:ring-zinc-700">
          {address ? (
            <QRCodeSVG
              value={address.address}
              size={168}
              marginSize={0}
              level="M"
              role="img"
              aria-label="QR code of your receive address"
              title="Your receive address"
            />
          ) : (
            <span className="text-sm text-zinc-500">{error ? 'No address' : 'Loading…'}</span>
          )}
        </div>
        <div className="min-w-0 flex-1 space-y-3">
          <h3 className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
            Your receive address
          </h3>
          <p
            className="break-all rounded-lg bg-zinc-50 p-3 font-mono text-sm text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100"
            data-testid="receive-address"
          >
            {address?.address ?? (error ? '' : '…')}
          </p>
          {address && (
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              Address {address.index + 1} of this wallet · path{' '}
              <span className="font-mono">{address.path}</span>
            </p>
          )}
          {(error || failure) && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {error ?? failure}
            </p>
          )}
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              className={BUTTON_SECONDARY}
              onClick={copy}
              aria-disabled={!address || undefined}
            >
              Copy address
            </button>
            <button
              type="button"
              className={BUTTON_SECONDARY}
              onClick={fresh}
              aria-disabled={!address || busy || undefined}
            >
              New address
            </button>
            <span aria-live="polite" className="text-sm text-zinc-600 dark:text-zinc-400">
              {copied === 'copied'
                ? 'Copied'
                : copied === 'failed'
                  ? 'Copy failed: select the text instead'
                  : ''}
            </span>
          </div>
        </div>
      </div>
    </Card>
  )
}
