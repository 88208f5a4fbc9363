'use client'
import { lightClientKeys, useLightClient } from '@supernova/light-client/react'
import { fromHex } from '@supernova/protocol'
import { type UseQueryResult, useQuery } from '@tanstack/react-query'
import type { ProvenOutpoint } from '../lib/types'
import { usePacer } from './usePacer'

/** How often an output's spent/unspent proof is renewed. */
const REFRESH_MS = 30_000

/**
 * An output proven unspent (a membership proof in the UTXO tree) or spent (a non-membership proof),
 * against the verified header named in its verification. Unlike `useOutpoint` it is not renewed on
 * every head — a transaction page lists many outputs — but every 30 s.
 */
export function useOutpointStatus(
  txid: string,
  vout: number,
): UseQueryResult<ProvenOutpoint, Error> {
  const client = useLightClient()
  const pacer = usePacer()
  return useQuery({
    queryKey: [...lightClientKeys.all(client.network), 'outpointStatus', { txid, vout }] as const,
    queryFn: async ({ signal }) => {
      await pacer.take(1, signal)
      return client.getOutpoint({ outpoint: { txid: fromHex(txid), vout }, signal })
    },
    staleTime: REFRESH_MS,
    refetchInterval: REFRESH_MS,
  })
}
