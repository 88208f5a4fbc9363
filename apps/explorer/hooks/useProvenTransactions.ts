'use client'
import { lightClientKeys, useLightClient } from '@supernova/light-client/react'
import { fromHex, type Transaction } from '@supernova/protocol'
import { type UseQueryResult, useQueries } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { ProvenTransaction } from '../lib/types'
import { usePacer } from './usePacer'

export type ProvenTransactions = {
  /** Fetched and Merkle-proven transactions by txid hex. */
  byTxid: Map<string, Transaction>
  /** The query of each txid, for its state, error and verification. */
  queries: Map<string, UseQueryResult<ProvenTransaction, Error>>
}

/**
 * Transactions whose outputs other transactions spend, each Merkle-proven in a verified block.
 * Their outputs are fixed by their txid, so they are fetched once and never refreshed (unlike
 * `useTransaction`, whose depth moves with every head). Call it once the client answered something.
 */
export function useProvenTransactions(txids: readonly string[]): ProvenTransactions {
  const client = useLightClient()
  const pacer = usePacer()
  const results = useQueries({
    queries: txids.map((txid) => ({
      queryKey: [...lightClientKeys.all(client.network), 'spentTx', { txid }] as const,
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        await pacer.take(1, signal)
        return client.getTransaction({ txid: fromHex(txid), signal })
      },
      staleTime: Number.POSITIVE_INFINITY,
    })),
  })
  return useMemo(() => {
    const byTxid = new Map<string, Transaction>()
    const queries = new Map<string, UseQueryResult<ProvenTransaction, Error>>()
    txids.forEach((txid, i) => {
      const q = results[i]!
      queries.set(txid, q)
      if (q.data !== undefined) byTxid.set(txid, q.data.tx)
    })
    return { byTxid, queries }
  }, [txids, results])
}
