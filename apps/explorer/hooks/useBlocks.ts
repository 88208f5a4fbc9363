'use client'
import type { VerifiedBlock } from '@supernova/light-client'
import { lightClientKeys, useLightClient } from '@supernova/light-client/react'
import { type UseQueryResult, useQueries } from '@tanstack/react-query'
import { usePacer } from './usePacer'

/**
 * Verified blocks by hash, fetched in parallel and cached under the same keys as `useBlock({ hash })`
 * (a block page opened later finds them). A block never changes for its hash, so it is never refetched.
 * Call it with hashes read from verified headers (the client is started by then).
 */
export function useBlocksByHash(
  hashes: readonly Uint8Array[],
): UseQueryResult<VerifiedBlock, Error>[] {
  const client = useLightClient()
  const pacer = usePacer()
  return useQueries({
    queries: hashes.map((hash) => ({
      queryKey: lightClientKeys.block(client.network, { hash }),
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        await pacer.take(1, signal)
        return client.getBlock({ hash, signal })
      },
      staleTime: Number.POSITIVE_INFINITY,
    })),
  })
}
