'use client'
import type { VerifiedBlock } from '@supernova/light-client'
import {
  lightClientKeys,
  useChainInfo,
  useHeaders,
  useLightClient,
} from '@supernova/light-client/react'
import { getChainParams, toHex } from '@supernova/protocol'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { type BlockCounts, countBlocks } from '../lib/blocks'
import { BLOCK_CONCURRENCY, CHART_HEADERS, windowSlice } from '../lib/chainWindow'
import { fetchBlocks } from '../lib/fetchBlocks'

type Headers = NonNullable<ReturnType<typeof useHeaders>['data']>['headers']
/** A verified header as `useHeaders` returns it (with its verification). */
export type DashboardHeader = Headers[number]

/** Counts over the blocks of one window, with the headers they belong to. */
export type WindowCounts = { headers: DashboardHeader[]; counts: BlockCounts }

/**
 * Counts transactions, treasury payments and declarations in the window's blocks: every block is
 * fetched and verified against its header (txRoot) a few at a time, cached under the same key as
 * `useBlock({ hash })`, so a window that moves by one block fetches one block.
 */
function useWindowCounts(window: DashboardHeader[]) {
  const client = useLightClient()
  const queryClient = useQueryClient()
  const [progress, setProgress] = useState<{ done: number; total: number }>()
  const first = window[0]
  const last = window[window.length - 1]
  const query = useQuery({
    queryKey: [
      'dashboard',
      client.network,
      'windowCounts',
      first ? toHex(first.hash) : null,
      last ? toHex(last.hash) : null,
    ],
    enabled: window.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async ({ signal }): Promise<WindowCounts> => {
      // The first header only opens the window; its block is not one of those measured.
      const measured = window.slice(1)
      const blocks = await fetchBlocks({
        keys: measured.map((h) => h.hash),
        concurrency: BLOCK_CONCURRENCY,
        signal,
        onProgress: (done, total) => setProgress({ done, total }),
        getBlock: (hash, s) =>
          queryClient.fetchQuery({
            queryKey: lightClientKeys.block(client.network, { hash }),
            queryFn: () => client.getBlock({ hash, ...(s ? { signal: s } : {}) }),
            staleTime: Number.POSITIVE_INFINITY,
          }) as Promise<VerifiedBlock>,
      })
      const params = getChainParams(client.network)
      return {
        headers: window,
        counts: countBlocks({ blocks, treasuryLock: params.treasuryLock }),
      }
    },
  })
  return { query, progress }
}

/**
 * Everything the dashboard reads from the verified chain: the newest headers (charts), the
 * measured window and its block counts, and the chain's identity.
 */
export function useDashboardData() {
  const info = useChainInfo()
  const headersQuery = useHeaders({ count: CHART_HEADERS })
  const headers = headersQuery.data?.headers
  const window = useMemo(() => (headers === undefined ? [] : windowSlice(headers)), [headers])
  const { query: countsQuery, progress } = useWindowCounts(window)
  return { info, headersQuery, headers, window, countsQuery, progress }
}

export type DashboardData = ReturnType<typeof useDashboardData>
