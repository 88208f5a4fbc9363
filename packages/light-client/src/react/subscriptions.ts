import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { AddressLike } from '../client/resolve.js'
import type { AddressUpdate, LightClientEvents } from '../client/types.js'
import type { Evidence } from '../verify/evidence.js'
import { useLightClientContext } from './context.js'
import { isAboutAddress, isStaleOnNewHead, lightClientKeys } from './queryKeys.js'

export type UseWatchHeadsParameters = {
  /** Called with the current verified head (once the client has started), then each new one. */
  onHead?: (head: LightClientEvents['heads']) => void
  /** Invalidate the tip-dependent queries on each head, and every query on a reorg. Default true. */
  invalidate?: boolean
  enabled?: boolean
}

/**
 * Follows new verified heads: returns the latest, calls `onHead`, and makes the queries a new
 * head changes (chain info, balances, UTXOs, transactions, blocks by height, open-ended
 * histories) refetch; a reorganisation invalidates every query of the client. The first head is
 * the client's tip when the watch began: it refetches queries answered before a head that arrived
 * while the watch was being set up, and lets those still under way finish.
 * @example
 * const head = useWatchHeads()
 * head?.tip.height
 */
export function useWatchHeads(
  p: UseWatchHeadsParameters = {},
): LightClientEvents['heads'] | undefined {
  const { client } = useLightClientContext()
  const queryClient = useQueryClient()
  const [head, setHead] = useState<LightClientEvents['heads']>()
  const onHead = useRef(p.onHead)
  onHead.current = p.onHead
  const { enabled = true, invalidate = true } = p
  useEffect(() => {
    if (!enabled) return undefined
    const network = client.network
    let first = true
    const offHeads = client.watchHeads({
      onHead: (h) => {
        setHead(h)
        onHead.current?.(h)
        if (invalidate)
          void queryClient.invalidateQueries(
            {
              queryKey: lightClientKeys.all(network),
              predicate: (q) => isStaleOnNewHead(q.queryKey, network),
            },
            // A query under way when the watch began is not behind that tip: let it finish.
            { cancelRefetch: !first },
          )
        first = false
      },
    })
    const offReorg = invalidate
      ? client.on('reorg', () => {
          void queryClient.invalidateQueries({ queryKey: lightClientKeys.all(network) })
        })
      : () => {}
    return () => {
      offHeads()
      offReorg()
    }
  }, [client, queryClient, enabled, invalidate])
  return head
}

export type UseWatchAddressParameters = {
  address: AddressLike
  /** The address's birth height. Default 0. */
  fromHeight?: number
  onUpdate?: (u: AddressUpdate) => void
  enabled?: boolean
}

export type UseWatchAddressReturnType = {
  /** The latest verified update (balance, new entries, whole history), with its verification. */
  update: AddressUpdate | undefined
  /** The last failed check or watch (LightClientError with its code); cleared by the next update. */
  error: Error | undefined
}

/**
 * Watches an address on every new verified head: its verified balance goes straight into the
 * `useBalance` cache, and its UTXO and history queries refetch.
 * @example
 * const { update } = useWatchAddress({ address })
 * update?.balance.total
 */
export function useWatchAddress(p: UseWatchAddressParameters): UseWatchAddressReturnType {
  const { client, started } = useLightClientContext()
  const queryClient = useQueryClient()
  const [state, setState] = useState<UseWatchAddressReturnType>({
    update: undefined,
    error: undefined,
  })
  const onUpdate = useRef(p.onUpdate)
  onUpdate.current = p.onUpdate
  const { address, fromHeight = 0, enabled = true } = p
  const key = JSON.stringify(lightClientKeys.balance(client.network, address))
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `address` (a lock is a new object each render).
  useEffect(() => {
    if (!enabled) return undefined
    const network = client.network
    let off: (() => void) | undefined
    let cancelled = false
    const fail = (e: unknown) =>
      setState((s) => ({ ...s, error: e instanceof Error ? e : new Error(String(e)) }))
    started().then(() => {
      if (cancelled) return
      try {
        off = client.watchAddress({
          address,
          fromHeight,
          onUpdate: (u) => {
            setState({ update: u, error: undefined })
            onUpdate.current?.(u)
            queryClient.setQueryData(lightClientKeys.balance(network, address), u.balance)
            void queryClient.invalidateQueries({
              queryKey: lightClientKeys.all(network),
              predicate: (q) =>
                q.queryKey[2] !== 'balance' && isAboutAddress(q.queryKey, network, address),
            })
          },
          onError: fail,
        })
      } catch (e) {
        fail(e)
      }
    }, fail)
    return () => {
      cancelled = true
      off?.()
    }
  }, [client, started, queryClient, key, fromHeight, enabled])
  return state
}

/**
 * The client's evidence log (refused answers of lying or conflicting peers), oldest first,
 * re-rendering on each new record.
 * @example
 * const evidence = useEvidence()
 * evidence.map((e) => `${e.peer}: ${e.code}`)
 */
export function useEvidence(): Evidence[] {
  const { client } = useLightClientContext()
  const [list, setList] = useState<Evidence[]>(() => client.evidence())
  useEffect(() => {
    setList(client.evidence())
    return client.on('evidence', () => setList(client.evidence()))
  }, [client])
  return list
}
