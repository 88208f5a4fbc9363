'use client'
import type { AddressUpdate, Verification, Wallet } from '@supernova/light-client'
import { useChainInfo, useWatchAddress } from '@supernova/light-client/react'
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  historyVerification,
  latestTip,
  mergeHistory,
  scannedHeight,
  sumBalances,
  usedAddresses,
  type WalletBalance,
  type WalletHistoryRow,
  watchedAddresses,
} from '../../lib/walletActivity'
import { isChainRace } from '../../lib/walletErrors'

export type WalletActivity = {
  /** The addresses watched (each re-verified on every new head). */
  watched: string[]
  /**
   * Verified balance summed over `watched`, all proven against one header: the latest such
   * snapshot (the addresses are re-checked one by one on each head). Undefined until the first.
   */
  balance: WalletBalance | undefined
  /** Verified history, newest first. */
  history: WalletHistoryRow[]
  /** The header the history is complete up to (the lowest scanned tip). */
  historyProof: Verification | undefined
  /** The verified tip the figures were checked against. */
  tipHeight: number | undefined
  /** The first failing watch (no peer, every peer failed…); the light client retries. */
  error: Error | undefined
  /** The scan start (the wallet's birth height, or 0 when the chain is lower than that). */
  fromHeight: number
  /** Render these once: the subscriptions themselves. */
  watchers: ReactNode
}

/**
 * Watches the wallet's addresses through the light client (`useWatchAddress`: history scanned
 * through committed filters, balance from UTXO proofs, both re-verified on every head), sums them,
 * and marks an address used once it has history so that the next receive and change addresses
 * move on (and get watched in turn).
 */
export function useWalletActivity(p: {
  wallet: Wallet
  revision: number
  birthHeight: number
  refresh: () => void
}): WalletActivity {
  const { wallet, revision, birthHeight, refresh } = p
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` stands for the wallet's mutable records.
  const watched = useMemo(() => {
    const account = wallet.accounts()[0]!
    return watchedAddresses(wallet.addresses({ account: 0 }), {
      receive: account.nextReceive,
      change: account.nextChange,
    })
  }, [wallet, revision])
  const [updates, setUpdates] = useState<ReadonlyMap<string, AddressUpdate>>(() => new Map())
  const [errors, setErrors] = useState<ReadonlyMap<string, Error>>(() => new Map())
  const onUpdate = useCallback((address: string, u: AddressUpdate) => {
    setUpdates((m) => new Map(m).set(address, u))
    setErrors((m) => {
      if (!m.has(address)) return m
      const next = new Map(m)
      next.delete(address)
      return next
    })
  }, [])
  const onError = useCallback((address: string, e: Error) => {
    // A node one head ahead of the light client: the next head's check succeeds.
    if (!isChainRace(e)) setErrors((m) => new Map(m).set(address, e))
  }, [])

  useMarkUsed(wallet, updates, watched, refresh)

  const { data: chain } = useChainInfo()
  const seen = latestTip(updates)
  const tipHeight =
    seen === undefined ? chain?.tip.height : Math.max(seen, chain?.tip.height ?? seen)
  // A chain lower than the birth height (a devnet started afresh) is scanned from genesis.
  const fromHeight = chain !== undefined && chain.tip.height < birthHeight ? 0 : birthHeight
  const snapshot = useMemo(() => sumBalances(updates, watched), [updates, watched])
  const lastBalance = useRef<WalletBalance>(undefined)
  if (snapshot) lastBalance.current = snapshot
  const balance = snapshot ?? lastBalance.current
  const upTo = scannedHeight(updates, watched)
  const history = useMemo(
    () => (upTo === undefined ? [] : mergeHistory(updates, tipHeight ?? 0, upTo)),
    [updates, tipHeight, upTo],
  )
  const historyProof = useMemo(
    () => historyVerification(updates, watched, tipHeight ?? 0),
    [updates, watched, tipHeight],
  )
  const error = watched.map((a) => errors.get(a)).find((e) => e !== undefined)
  // One scan at a time: an address's watch starts once the one before it has reported, so its
  // history scan reads the block filters the first one left in the light client's cache instead
  // of asking the node for every filter again.
  const started = watched.findIndex((a) => !updates.has(a))
  const live = started === -1 ? watched : watched.slice(0, started + 1)
  const watchers = live.map((address) => (
    <AddressWatch
      key={`${address}@${fromHeight}`}
      address={address}
      fromHeight={fromHeight}
      onUpdate={onUpdate}
      onError={onError}
    />
  ))
  return { watched, balance, history, historyProof, tipHeight, error, fromHeight, watchers }
}

/** Moves the next receive/change index past addresses that turned out to have history. */
function useMarkUsed(
  wallet: Wallet,
  updates: ReadonlyMap<string, AddressUpdate>,
  watched: readonly string[],
  refresh: () => void,
): void {
  useEffect(() => {
    const account = wallet.accounts()[0]!
    const next = { receive: account.nextReceive, change: account.nextChange }
    const fresh = usedAddresses(updates, watched).filter((address) => {
      const a = wallet.findAddress({ address })
      return a !== undefined && a.index >= next[a.chain]
    })
    if (fresh.length === 0) return
    void (async () => {
      for (const address of fresh) await wallet.markUsed({ address })
      refresh()
    })().catch(() => {
      // The store refused the write: the next update tries again.
    })
  }, [wallet, updates, watched, refresh])
}

/** One `useWatchAddress` subscription, reporting up. Renders nothing. */
function AddressWatch(p: {
  address: string
  fromHeight: number
  onUpdate: (address: string, u: AddressUpdate) => void
  onError: (address: string, e: Error) => void
}): null {
  const { address, onUpdate, onError } = p
  const { error } = useWatchAddress({
    address,
    fromHeight: p.fromHeight,
    onUpdate: (u) => onUpdate(address, u),
  })
  useEffect(() => {
    if (error) onError(address, error)
  }, [error, address, onError])
  return null
}
