'use client'
import {
  createWallet,
  type LightClientStorage,
  openClientStorage,
  openWallet,
  type Wallet,
  WalletError,
} from '@supernova/light-client'
import { useLightClient } from '@supernova/light-client/react'
import { getChainParams, type Network } from '@supernova/protocol'
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { createIdleTimer, IDLE_LOCK_MS } from '../../lib/idleTimer'
import { readBirthHeight, removeWalletRecords, writeBirthHeight } from '../../lib/walletMeta'

/** The wallet's own backstop: its keys leave memory 15 minutes after they were last used. */
const KEY_IDLE_MS = 15 * 60_000

/** Why a wallet is locked right now (what the unlock screen says). */
export type LockReason = 'opened' | 'manual' | 'idle' | 'keys-idle'

export type WalletSessionState =
  | { phase: 'opening' }
  | { phase: 'unavailable'; error: string }
  | { phase: 'empty' }
  | { phase: 'locked'; wallet: Wallet; reason: LockReason }
  | { phase: 'unlocked'; wallet: Wallet }

export type WalletSessionValue = {
  state: WalletSessionState
  network: Network
  /** Where the wallet lives: IndexedDB (kept) or memory (lost on reload). */
  storageKind: 'indexeddb' | 'memory' | 'given' | undefined
  /** Height below which the wallet's addresses have no history. */
  birthHeight: number
  /** Bumped whenever the wallet's public records change (addresses marked used). */
  revision: number
  refresh(): void
  /** Saves a new wallet (generated or imported phrase) and opens it unlocked. */
  create(p: {
    mnemonic: string
    password: string
    passphrase?: string
    fresh: boolean
  }): Promise<void>
  /** @throws {KeystoreError} WRONG_PASSWORD (the wallet stays locked; nothing changes). */
  unlock(password: string): Promise<void>
  lock(reason?: LockReason): void
  /** Deletes the wallet from this browser (its keystore and records). */
  remove(): Promise<void>
}

const SessionContext = createContext<WalletSessionValue | undefined>(undefined)

/** The wallet session of the nearest {@link WalletSessionProvider}. */
export function useWalletSession(): WalletSessionValue {
  const v = useContext(SessionContext)
  if (v === undefined) throw new Error('useWalletSession: no WalletSessionProvider above')
  return v
}

/**
 * Opens this browser's wallet store (IndexedDB, the same database the light client's worker
 * keeps its headers in) and holds the wallet: opening, none yet, locked or unlocked. Locks after
 * {@link IDLE_LOCK_MS} without input, and reflects the wallet's own auto-lock.
 */
export function WalletSessionProvider({ children }: { children: ReactNode }) {
  const client = useLightClient()
  const network = client.network
  const [state, setState] = useState<WalletSessionState>({ phase: 'opening' })
  const [storage, setStorage] = useState<{
    storage: LightClientStorage
    kind: WalletSessionValue['storageKind']
  }>()
  const [birthHeight, setBirthHeight] = useState(0)
  const [revision, setRevision] = useState(0)
  const refresh = useCallback(() => setRevision((r) => r + 1), [])

  useEffect(() => {
    let closed = false
    let opened: LightClientStorage | undefined
    void (async () => {
      try {
        const { storage: s, kind } = await openClientStorage({ params: getChainParams(network) })
        opened = s
        if (closed) return void s.close()
        setStorage({ storage: s, kind })
        setBirthHeight(await readBirthHeight(s.wallet))
        const wallet = await openWallet({ store: s.wallet, network, autoLockMs: KEY_IDLE_MS })
        if (!closed) setState({ phase: 'locked', wallet, reason: 'opened' })
      } catch (e) {
        if (closed) return
        if (e instanceof WalletError && e.code === 'WALLET_NOT_FOUND') setState({ phase: 'empty' })
        else setState({ phase: 'unavailable', error: e instanceof Error ? e.message : String(e) })
      }
    })()
    return () => {
      closed = true
      void opened?.close()
    }
  }, [network])

  const wallet = state.phase === 'locked' || state.phase === 'unlocked' ? state.wallet : undefined
  const lock = useCallback(
    (reason: LockReason = 'manual') => {
      if (!wallet) return
      wallet.lock()
      setState({ phase: 'locked', wallet, reason })
    },
    [wallet],
  )
  useAutoLock(state.phase === 'unlocked' ? wallet : undefined, lock)

  const store = storage?.storage.wallet
  const create = useCallback<WalletSessionValue['create']>(
    async ({ mnemonic, password, passphrase, fresh }) => {
      if (!store) throw new Error('the wallet store is not open yet')
      // A new phrase has no history before today's tip; an imported one may have any.
      const birth = fresh ? await tipHeight(client) : 0
      const { wallet: created } = await createWallet({
        store,
        network,
        password,
        mnemonic,
        ...(passphrase ? { passphrase } : {}),
        autoLockMs: KEY_IDLE_MS,
      })
      await writeBirthHeight(store, birth)
      setBirthHeight(birth)
      setState({ phase: 'unlocked', wallet: created })
    },
    [store, network, client],
  )
  const unlock = useCallback(
    async (password: string) => {
      if (!wallet) return
      await wallet.unlock({ password })
      setState({ phase: 'unlocked', wallet })
    },
    [wallet],
  )
  const remove = useCallback(async () => {
    if (!store) return
    wallet?.lock()
    await removeWalletRecords(store)
    setBirthHeight(0)
    setState({ phase: 'empty' })
  }, [store, wallet])

  const value = useMemo<WalletSessionValue>(
    () => ({
      state,
      network,
      storageKind: storage?.kind,
      birthHeight,
      revision,
      refresh,
      create,
      unlock,
      lock,
      remove,
    }),
    [state, network, storage, birthHeight, revision, refresh, create, unlock, lock, remove],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

/**
 * A new phrase's birth height: the verified tip, preferably once the light client has synced (a
 * fresh browser may still be fetching headers), a few blocks back. Any verified height is safe —
 * a phrase made now has no history before now; 0 (scan from genesis) when there is none.
 */
async function tipHeight(client: ReturnType<typeof useLightClient>): Promise<number> {
  const info = await client
    .waitForSync({ timeoutMs: 8_000 })
    .catch(() => client.getChainInfo())
    .catch(() => undefined)
  // A few blocks of margin: a reorganisation could move the tip back a little.
  return Math.max(0, (info?.tip.height ?? 0) - 10)
}

/** Locks after input stops for a while, and notices the wallet's own auto-lock. */
function useAutoLock(wallet: Wallet | undefined, lock: (reason: LockReason) => void): void {
  const lockRef = useRef(lock)
  lockRef.current = lock
  useEffect(() => {
    if (!wallet) return undefined
    const idle = createIdleTimer({ timeoutMs: IDLE_LOCK_MS, onIdle: () => lockRef.current('idle') })
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const
    for (const e of events) window.addEventListener(e, idle.touch, { passive: true })
    const poll = setInterval(() => {
      if (wallet.isLocked()) lockRef.current('keys-idle')
    }, 1_000)
    return () => {
      idle.stop()
      clearInterval(poll)
      for (const e of events) window.removeEventListener(e, idle.touch)
    }
  }, [wallet])
}
