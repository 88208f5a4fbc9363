import { type ChainParams, toHex } from '@supernova/protocol'
import type { HeaderChainState } from '../headers/headerChain.js'
import {
  HeaderStoreError,
  type RestoreFailureReason,
  restoreHeaderChain,
} from '../headers/headerStore.js'
import { NetworkError } from '../network/errors.js'
import { createEmitter } from '../network/events.js'
import type { LightClientNetwork } from '../network/network.js'
import { type NetworkLogger, SILENT_LOGGER } from '../network/types.js'
import { StorageError } from '../storage/errors.js'
import type { LightClientStorage } from '../storage/types.js'
import { VerificationError } from '../verify/errors.js'
import type { EvidenceLog } from '../verify/evidence.js'
import type { ChainHeader, VerifiedChain } from '../verify/types.js'
import { ChainView, tipOf } from './chainView.js'
import { followPeer } from './followPeer.js'
import type { Claim, SyncContext } from './syncContext.js'

export type HeaderSyncState = 'idle' | 'restoring' | 'syncing' | 'synced' | 'stopped'

export type HeaderSyncEvents = {
  /** A new verified tip (after each stored batch, and after a reorganisation). */
  heads: { tip: ChainHeader; cumulativeWork: bigint }
  /** Sync progress towards the best peer's claimed height. */
  progress: { height: number; target: number; peer: string }
  /** The verified chain switched to a heavier branch above `forkHeight`. */
  reorg: {
    forkHeight: number
    depth: number
    oldTip: { hash: Uint8Array; height: number }
    newTip: { hash: Uint8Array; height: number }
    peer: string
  }
  /** The stored chain was restored, or dropped for a clean re-sync (with the reason). */
  restore: { resumed: boolean; height: number; reason?: RestoreFailureReason; at?: number }
  state: { state: HeaderSyncState }
}

export type CreateHeaderSyncParameters = {
  network: LightClientNetwork
  storage: LightClientStorage
  params: ChainParams
  evidence: EvidenceLog
  /** Clock (ms). Default Date.now. */
  now?: () => number
  logger?: NetworkLogger
  /** A round is started this often even without news (status events start one at once). Default 15 s. */
  pollIntervalMs?: number
  /** Deepest reorganisation followed. Default `params.maxReorgDepth` (the full node's bound). */
  maxReorgDepth?: number
  /** Bound on each headers request (below the protocol's 15 s). */
  requestTimeoutMs?: number
}

/** Most peers one round syncs from (each one claiming more work than the chain has then). */
const MAX_PEERS_PER_ROUND = 8

export type HeaderSync = VerifiedChain & {
  /** Restores the stored chain (or starts over from genesis) and starts following peers. */
  start(): Promise<void>
  /** Stops following; waits for the running round to end. */
  stop(): Promise<void>
  /** Runs a round now, or the one after the running one; resolves when it is done. Never throws. */
  sync(): Promise<void>
  state(): HeaderSyncState
  /** The verified chain state (tip, recent timestamps, cumulative work). */
  chainState(): HeaderChainState
  /** The highest height a connected peer claims (unverified), when one claims more than ours. */
  target(): number | undefined
  on<K extends keyof HeaderSyncEvents>(event: K, l: (e: HeaderSyncEvents[K]) => void): () => void
}

/**
 * Header sync: follows the heaviest valid chain from the pinned genesis. Restores the stored
 * chain (a corrupt or evicted store means a clean re-sync, reported in `restore`); then, whenever
 * a peer claims more work than our chain (status events, and every `pollIntervalMs`), fetches its
 * headers — extending our tip, or verifying its branch from the fork point and switching only if
 * it really outweighs ours — verifies every header (`appendHeaders`) and stores them. A peer whose
 * headers fail verification is reported (evidence, ban) and the next best one is used. No
 * unverified header is ever stored or returned.
 * @example
 * const sync = createHeaderSync({ network, storage, params: DEVNET, evidence })
 * sync.on('heads', ({ tip }) => render(tip.height))
 * await sync.start()
 */
export function createHeaderSync(p: CreateHeaderSyncParameters): HeaderSync {
  const now = p.now ?? Date.now
  const logger = p.logger ?? SILENT_LOGGER
  const emitter = createEmitter<HeaderSyncEvents>(logger)
  const skipped = new Map<string, string>()
  let view: ChainView | undefined
  let state: HeaderSyncState = 'idle'
  let stopped = false
  let timer: ReturnType<typeof setInterval> | undefined
  let unsubscribe: (() => void)[] = []
  let current: Promise<void> | undefined
  let queued: Promise<void> | undefined
  let damaged = false

  const setState = (s: HeaderSyncState) => {
    if (s === state) return
    state = s
    emitter.emit('state', { state: s })
  }
  const started = (): ChainView => {
    if (view === undefined) throw new Error('header sync not started')
    return view
  }

  const ctx = (): SyncContext => ({
    network: p.network,
    storage: p.storage,
    params: p.params,
    view: started(),
    now,
    maxReorgDepth: p.maxReorgDepth ?? p.params.maxReorgDepth,
    requestTimeoutMs: p.requestTimeoutMs,
    stopped: () => stopped,
    adopted: ({ previous, next, added, forkHeight, peer, target }) => {
      started().adopt({ state: next, added, keepThrough: forkHeight, peer })
      const tip = tipOf(next)
      if (forkHeight < previous.tip.header.height)
        emitter.emit('reorg', {
          forkHeight,
          depth: previous.tip.header.height - forkHeight,
          oldTip: { hash: previous.tip.hash, height: previous.tip.header.height },
          newTip: { hash: tip.hash, height: tip.height },
          peer,
        })
      emitter.emit('progress', {
        height: tip.height,
        target: Math.max(tip.height, target.tipHeight),
        peer,
      })
      emitter.emit('heads', { tip, cumulativeWork: next.cumulativeWork })
    },
  })

  /** The connected peer claiming the most work above ours, not skipped for that same claim. */
  const bestClaim = (): Claim | undefined => {
    const work = started().state.cumulativeWork
    let best: Claim | undefined
    for (const peer of p.network.peers()) {
      const status = peer.status
      if (status === undefined || status.cumulativeWork <= work) continue
      if (skipped.get(peer.id) === toHex(status.tipHash)) continue
      if (best === undefined || status.cumulativeWork > best.status.cumulativeWork)
        best = { peer: peer.id, status }
    }
    return best
  }

  const syncFrom = async (claim: Claim): Promise<void> => {
    try {
      await followPeer(ctx(), claim)
    } catch (e) {
      if (e instanceof VerificationError) p.evidence.report(e)
      else if (e instanceof NetworkError)
        logger.debug({ peer: claim.peer, code: e.code }, 'header sync: request failed')
      else if (!stopped) throw e
    }
    if (started().state.cumulativeWork < claim.status.cumulativeWork)
      skipped.set(claim.peer, toHex(claim.status.tipHash))
  }

  /** Restores the stored chain (or starts over from genesis), reporting which. */
  const restore = async (): Promise<void> => {
    const restored = await restoreHeaderChain({ storage: p.storage, params: p.params, now: now() })
    view = new ChainView(p.storage, restored.state)
    const height = restored.state.tip.header.height
    if (restored.resumed) emitter.emit('restore', { resumed: true, height })
    else {
      logger.info({ reason: restored.reason, at: restored.height }, 'header store: clean re-sync')
      emitter.emit('restore', {
        resumed: false,
        height,
        reason: restored.reason,
        ...(restored.height === undefined ? {} : { at: restored.height }),
      })
    }
  }

  const round = async (): Promise<void> => {
    // A record found damaged after start (a read failed its integrity check) means the store is
    // restored again — a clean re-sync from genesis — before following peers.
    for (let pass = 0; pass < 2 && !stopped; pass++) {
      try {
        if (damaged) {
          damaged = false
          await restore()
        }
        for (let n = 0; n < MAX_PEERS_PER_ROUND && !stopped; n++) {
          const claim = bestClaim()
          if (claim === undefined) break
          setState('syncing')
          await syncFrom(claim)
        }
        break
      } catch (e) {
        if (isCorrupt(e)) damaged = true
        else {
          logger.warn({ err: String(e) }, 'header sync round failed')
          break
        }
      }
    }
    if (!stopped) setState('synced')
  }

  /** A read of the store; a damaged record schedules a restore (and the error is passed on). */
  const read = <T>(f: (v: ChainView) => Promise<T>): Promise<T> =>
    f(started()).catch((e: unknown) => {
      if (isCorrupt(e)) {
        damaged = true
        schedule()
      }
      throw e
    })

  const schedule = () => void sync()

  const sync = (): Promise<void> => {
    if (stopped || view === undefined) return Promise.resolve()
    if (current === undefined) {
      current = round().finally(() => {
        current = undefined
      })
      return current
    }
    queued ??= current.then(() => {
      queued = undefined
      return sync()
    })
    return queued
  }

  return {
    params: p.params,
    async start() {
      if (view !== undefined && !stopped) return
      stopped = false
      setState('restoring')
      await restore()
      unsubscribe = [
        p.network.on('status', (e) => {
          if (e.status.cumulativeWork > started().state.cumulativeWork) schedule()
        }),
        p.network.on('peer:connect', schedule),
      ]
      timer = setInterval(schedule, p.pollIntervalMs ?? 15_000)
      setState('synced')
      schedule()
    },
    async stop() {
      stopped = true
      if (timer !== undefined) clearInterval(timer)
      for (const u of unsubscribe) u()
      unsubscribe = []
      await current
      setState('stopped')
    },
    sync,
    catchUp: sync,
    state: () => state,
    chainState: () => started().state,
    target: () => {
      const claim = view === undefined ? undefined : bestClaim()
      return claim?.status.tipHeight
    },
    tip: () => started().tip(),
    finalizedHeight: () => 0,
    headerAt: (height) => read((v) => v.headerAt(height)),
    headerByHash: (hash) => read((v) => v.headerByHash(hash)),
    headersInRange: (from, count) => read((v) => v.headersInRange(from, count)),
    sourceOf: (hash) => view?.sourceOf(hash),
    on: (event, listener) => emitter.on(event, listener),
  }
}

/** A stored record failed its integrity check, or is not even the shape the store writes. */
function isCorrupt(e: unknown): boolean {
  return (
    (e instanceof HeaderStoreError && e.code === 'CORRUPT') ||
    (e instanceof StorageError && e.code === 'STORAGE_CORRUPT')
  )
}
