import { type HistoryEntryLike, mergeHistory } from './history'
import type { Verification } from './verification'

/** Where a paced history scan is: what it found so far and up to which height it is complete. */
export type HistoryScanState<E> = {
  entries: E[]
  /** Complete from genesis up to this height; -1 before the first chunk. */
  scannedTo: number
  /** The tip the scan is heading for. */
  target: number | undefined
  /** The header of the last chunk: the history is complete up to it. */
  verification: Verification | undefined
  blocksFetched: number
  /** The last failure; cleared by the next chunk that succeeds. */
  error: unknown
}

export const EMPTY_SCAN: HistoryScanState<never> = {
  entries: [],
  scannedTo: -1,
  target: undefined,
  verification: undefined,
  blocksFetched: 0,
  error: null,
}

export type ScanChunk<E> = (p: {
  fromHeight: number
  toHeight: number
  signal: AbortSignal
}) => Promise<{
  entries: E[]
  verification: Verification
  blocksFetched: number
}>

export type RunHistoryScanParameters<E> = {
  scan: ScanChunk<E>
  /** The verified tip now; undefined while the client is not synced. */
  tip: () => number | undefined
  /** Request budget: one request per block's filter, one per matching block fetched. */
  take: (requests: number, signal: AbortSignal) => Promise<void>
  wait: (ms: number, signal: AbortSignal) => Promise<void>
  onUpdate: (state: HistoryScanState<E>) => void
  signal: AbortSignal
  /** Where to resume (a state an earlier run reported). */
  from?: HistoryScanState<E>
  /** Blocks per chunk. Default 10. */
  chunk?: number
  /** Wait between looks at the tip once caught up. Default 1 s. */
  idleMs?: number
}

/**
 * Scans an address's history from genesis to the tip and keeps following the tip, a chunk of
 * blocks at a time within a request budget, so a long chain never floods the node (which would
 * penalise and then ban the site's light client). Chunks merge into one history (`mergeHistory`
 * fills in spent amounts found in earlier chunks). A failed chunk is retried with back-off.
 * Returns when `signal` aborts.
 */
export async function runHistoryScan<E extends HistoryEntryLike>(
  p: RunHistoryScanParameters<E>,
): Promise<void> {
  const chunk = p.chunk ?? 10
  const idleMs = p.idleMs ?? 1000
  let state: HistoryScanState<E> = p.from ?? EMPTY_SCAN
  let failures = 0
  while (!p.signal.aborted) {
    const tip = p.tip()
    try {
      if (tip === undefined || state.scannedTo >= tip) {
        await p.wait(idleMs, p.signal)
        continue
      }
      const fromHeight = state.scannedTo + 1
      const toHeight = Math.min(tip, state.scannedTo + chunk)
      await p.take(toHeight - fromHeight + 1, p.signal)
      const found = await p.scan({ fromHeight, toHeight, signal: p.signal })
      state = {
        entries: mergeHistory(state.entries, found.entries),
        scannedTo: toHeight,
        target: tip,
        verification: found.verification,
        blocksFetched: state.blocksFetched + found.blocksFetched,
        error: null,
      }
      failures = 0
      p.onUpdate(state)
      await p.take(found.blocksFetched, p.signal)
    } catch (error) {
      if (p.signal.aborted) return
      failures++
      state = { ...state, error }
      p.onUpdate(state)
      try {
        await p.wait(Math.min(30_000, 1000 * 2 ** failures), p.signal)
      } catch {
        return
      }
    }
  }
}
