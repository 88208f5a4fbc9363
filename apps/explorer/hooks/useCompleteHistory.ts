'use client'
import type { AddressHistoryEntry } from '@supernova/light-client'
import { lightClientKeys, useChainInfo, useLightClient } from '@supernova/light-client/react'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { EMPTY_SCAN, type HistoryScanState, runHistoryScan } from '../lib/historyScan'
import { sleep } from '../lib/pacer'
import { usePacer } from './usePacer'

/** Blocks per history chunk: one `filters` range request covers up to 1,000. */
const HISTORY_CHUNK = 1_000

export type CompleteHistory = HistoryScanState<AddressHistoryEntry> & {
  /** Whether the history is complete up to the verified tip (else it is still catching up). */
  caughtUp: boolean
}

/**
 * An address's complete, filter-proven history, scanned from genesis through the light client in
 * chunks of HISTORY_CHUNK blocks and kept following the tip. The state lives in the query cache, so coming back to
 * the address resumes the scan instead of starting over; a reorganisation starts it afresh.
 */
export function useCompleteHistory(address: string): CompleteHistory {
  const client = useLightClient()
  const pacer = usePacer()
  const queryClient = useQueryClient()
  const info = useChainInfo().data
  const key = [...lightClientKeys.all(client.network), 'explorerHistory', { address }] as const
  const keyText = JSON.stringify(key)
  const [state, setState] = useState<HistoryScanState<AddressHistoryEntry>>(
    () => queryClient.getQueryData<HistoryScanState<AddressHistoryEntry>>(key) ?? EMPTY_SCAN,
  )
  // Until the first sync round the tip is the stored one, perhaps far behind: no scan before.
  const tip = useRef<number | undefined>(undefined)
  if (info !== undefined && (info.sync.state === 'synced' || tip.current !== undefined))
    tip.current = info.tip.height
  const [generation, setGeneration] = useState(0)
  useEffect(
    () =>
      client.on('reorg', () => {
        queryClient.removeQueries({ queryKey: JSON.parse(keyText) })
        setState(EMPTY_SCAN)
        setGeneration((g) => g + 1)
      }),
    [client, queryClient, keyText],
  )
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` restarts the scan after a reorganisation.
  useEffect(() => {
    const abort = new AbortController()
    const cacheKey = JSON.parse(keyText) as readonly unknown[]
    void runHistoryScan<AddressHistoryEntry>({
      scan: ({ fromHeight, toHeight, signal }) =>
        client.getAddressHistory({ address, fromHeight, toHeight, concurrency: 2, signal }),
      tip: () => tip.current,
      // The light client fetches a chunk's filters in a few range requests and paces the matching
      // blocks itself: one token of the page's budget per chunk.
      take: (_blocks, signal) => pacer.take(1, signal),
      chunk: HISTORY_CHUNK,
      wait: sleep,
      onUpdate: (s) => {
        queryClient.setQueryData(cacheKey, s)
        setState(s)
      },
      signal: abort.signal,
      from: queryClient.getQueryData<HistoryScanState<AddressHistoryEntry>>(cacheKey) ?? EMPTY_SCAN,
    })
    return () => abort.abort()
  }, [client, pacer, queryClient, address, keyText, generation])
  return { ...state, caughtUp: info !== undefined && state.scannedTo >= info.tip.height }
}
