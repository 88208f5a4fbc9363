import { type Lock, outpointKey } from '@supernova/protocol'
import type { NetworkLogger } from '../network/types.js'
import type { HeaderSync } from '../sync/headerSync.js'
import { type AddressHistoryEntry, scanAddressHistory } from '../verify/addressHistory.js'
import type { VerifyContext } from '../verify/askPeers.js'
import type { FilterCache } from '../verify/filterCache.js'
import type { AddressUpdate, GetBalanceReturnType } from './types.js'

export type StartAddressWatchParameters = {
  ctx: VerifyContext
  sync: HeaderSync
  cache: FilterCache
  lock: Lock
  fromHeight: number
  getBalance: () => Promise<GetBalanceReturnType>
  onUpdate: (u: AddressUpdate) => void
  onError: ((e: unknown) => void) | undefined
  logger: NetworkLogger
}

/**
 * Re-checks an address on every new verified head: scans the new blocks' filters (from the fork
 * point after a reorganisation), then asks its verified balance, and hands both on. Checks run one
 * at a time; heads that arrive meanwhile are folded into one more check.
 */
export function startAddressWatch(p: StartAddressWatchParameters): () => void {
  let history: AddressHistoryEntry[] = []
  let coins = new Map<string, bigint>()
  let scannedTo = p.fromHeight - 1
  let lowestFork: number | undefined
  let running = false
  let again = false
  let closed = false

  const check = async (): Promise<void> => {
    if (lowestFork !== undefined && lowestFork < scannedTo) {
      const fork = lowestFork
      history = history.filter((e) => e.height <= fork)
      coins = coinsOf(history)
      scannedTo = Math.max(p.fromHeight - 1, fork)
    }
    lowestFork = undefined
    const tip = p.sync.tip()
    let newEntries: AddressHistoryEntry[] = []
    if (tip.height > scannedTo) {
      const scan = await scanAddressHistory(p.ctx, p.cache, {
        lock: p.lock,
        fromHeight: scannedTo + 1,
        toHeight: tip.height,
        coins,
      })
      newEntries = scan.entries
      history = [...history, ...newEntries]
      scannedTo = scan.toHeight
    }
    const balance = await p.getBalance()
    if (!closed) p.onUpdate({ tip, balance, newEntries, history: history.slice() })
  }

  const run = async (): Promise<void> => {
    if (running) {
      again = true
      return
    }
    running = true
    try {
      do {
        again = false
        try {
          await check()
        } catch (e) {
          if (closed) return
          if (p.onError) p.onError(e)
          else p.logger.warn({ err: String(e) }, 'watchAddress: check failed')
        }
      } while (again && !closed)
    } finally {
      running = false
    }
  }

  const offHeads = p.sync.on('heads', () => void run())
  const offReorg = p.sync.on('reorg', (e) => {
    lowestFork = Math.min(lowestFork ?? e.forkHeight, e.forkHeight)
  })
  void run()
  return () => {
    closed = true
    offHeads()
    offReorg()
  }
}

/** The amounts of the outputs a history paid to its lock, by outpoint. */
function coinsOf(history: readonly AddressHistoryEntry[]): Map<string, bigint> {
  const coins = new Map<string, bigint>()
  for (const e of history)
    for (const o of e.outputs) coins.set(outpointKey({ txid: e.txid, vout: o.vout }), o.amount)
  return coins
}
