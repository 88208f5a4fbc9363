import {
  type UseQueryOptions,
  type UseQueryResult,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import type { FeeEstimate, FeeEstimateParameters } from '../client/estimateFees.js'
import type { GetMempoolReturnType } from '../client/getMempool.js'
import type { GetPendingTransactionReturnType } from '../client/pendingTransaction.js'
import type {
  ChainInfo,
  GetAddressHistoryParameters,
  GetBalanceParameters,
  GetBalanceReturnType,
  GetBlockParameters,
  GetChainHeadersParameters,
  GetChainHeadersReturnType,
  GetMempoolParameters,
  GetOutpointParameters,
  GetPendingTransactionParameters,
  GetTransactionParameters,
  GetUtxosParameters,
  LightClient,
} from '../client/types.js'
import type { ScanAddressHistoryReturnType } from '../verify/addressHistory.js'
import { LightClientError } from '../verify/errors.js'
import type { VerifiedBlock } from '../verify/getBlock.js'
import type { GetVerifiedOutpointReturnType } from '../verify/getOutpoint.js'
import type { GetVerifiedTransactionReturnType } from '../verify/getTransaction.js'
import type { GetVerifiedUtxosReturnType } from '../verify/getUtxos.js'
import { LightClientWorkerError } from '../worker/errors.js'
import { useLightClientContext } from './context.js'
import { lightClientKeys } from './queryKeys.js'

/** React Query options a hook passes on (everything but the key and the function). */
export type LightClientQueryOptions<T> = Omit<
  UseQueryOptions<T, Error, T, readonly unknown[]>,
  'queryKey' | 'queryFn'
>

type WithQuery<P, T> = (P extends unknown ? Omit<P, 'signal' | 'onProgress'> : never) & {
  query?: LightClientQueryOptions<T>
}

/** Errors worth asking again: no peer yet, every peer failed, a worker call timed out. */
export function isTransientLightClientError(e: unknown): boolean {
  if (e instanceof LightClientError) return e.code === 'NO_PEER' || e.code === 'ALL_PEERS_FAILED'
  return e instanceof LightClientWorkerError && e.code === 'TIMEOUT'
}

const retryTransient = (failures: number, e: Error) =>
  failures < 3 && isTransientLightClientError(e)

function useClientQuery<T>(
  key: readonly unknown[],
  fn: (client: LightClient, signal: AbortSignal) => Promise<T>,
  query: LightClientQueryOptions<T> | undefined,
): UseQueryResult<T, Error> {
  const { client, started } = useLightClientContext()
  // The app's QueryClient defaults win over ours; ours asks again only when it may help.
  const retry = useQueryClient().getDefaultOptions().queries?.retry ?? retryTransient
  return useQuery({
    retry,
    ...query,
    queryKey: key,
    queryFn: async ({ signal }) => {
      await started()
      return fn(client, signal)
    },
  })
}

/**
 * The verified tip, sync state and peers (refreshed on each new head under `useWatchHeads`).
 * @example
 * const { data } = useChainInfo()
 * data?.tip.height
 */
export function useChainInfo(
  p: { query?: LightClientQueryOptions<ChainInfo> } = {},
): UseQueryResult<ChainInfo, Error> {
  const { client } = useLightClientContext()
  return useClientQuery(lightClientKeys.chainInfo(client.network), (c) => c.getChainInfo(), p.query)
}

/**
 * A verified block by hash or height, with its `verification`.
 * @example
 * const { data } = useBlock({ height: 11 })
 */
export function useBlock(
  p: WithQuery<GetBlockParameters, VerifiedBlock>,
): UseQueryResult<VerifiedBlock, Error> {
  const { client } = useLightClientContext()
  const { query, ...at } = p
  return useClientQuery(
    lightClientKeys.block(client.network, at),
    (c, signal) => c.getBlock({ ...at, signal }),
    query,
  )
}

/**
 * A confirmed transaction with its Merkle inclusion verified (errors: NOT_FOUND while unconfirmed).
 * @example
 * const { data, error } = useTransaction({ txid })
 */
export function useTransaction(
  p: WithQuery<GetTransactionParameters, GetVerifiedTransactionReturnType>,
): UseQueryResult<GetVerifiedTransactionReturnType, Error> {
  const { client } = useLightClientContext()
  return useClientQuery(
    lightClientKeys.transaction(client.network, p.txid),
    (c, signal) => c.getTransaction({ txid: p.txid, signal }),
    p.query,
  )
}

/** How often `useMempool` asks again by default (it also refreshes on every verified head). */
export const MEMPOOL_REFRESH_MS = 5_000

/**
 * One node's mempool summary — UNVERIFIED (`data.verification.status === 'unverified'`, with the
 * node in `verification.peer`): nothing commits to a mempool, so show it as that node's claim.
 * Refreshed every `MEMPOOL_REFRESH_MS` and on each new verified head.
 * @example
 * const { data } = useMempool()
 * data?.txCount // with data.verification.peer: who says so
 */
export function useMempool(
  p: WithQuery<GetMempoolParameters, GetMempoolReturnType> = {},
): UseQueryResult<GetMempoolReturnType, Error> {
  const { client } = useLightClientContext()
  return useClientQuery(
    lightClientKeys.mempool(client.network),
    (c, signal) => c.getMempool({ signal }),
    { refetchInterval: MEMPOOL_REFRESH_MS, ...p.query },
  )
}

/** How often `useFeeEstimate` asks again by default. */
export const FEE_ESTIMATE_REFRESH_MS = 60_000

/**
 * Fee advice — UNVERIFIED (`data.verification.status === 'unverified'`, the nodes that answered
 * in `verification.peers`): fast, normal and slow choices, each the median of several nodes'
 * estimates clamped between the relay floor and a cap. Refreshed every minute; `maxFeeRate`
 * (a bigint) is not part of the query key.
 * @example
 * const { data } = useFeeEstimate()
 * data?.normal.feeRate // units per byte, with data.verification.peers: who advised it
 */
export function useFeeEstimate(
  p: WithQuery<FeeEstimateParameters, FeeEstimate> = {},
): UseQueryResult<FeeEstimate, Error> {
  const { client } = useLightClientContext()
  const { query, ...params } = p
  return useClientQuery(
    lightClientKeys.feeEstimate(client.network, params),
    (c, signal) => c.estimateFees({ ...params, signal }),
    { staleTime: FEE_ESTIMATE_REFRESH_MS / 2, refetchInterval: FEE_ESTIMATE_REFRESH_MS, ...query },
  )
}

/**
 * A transaction in a node's mempool, verified at the verified tip (inputs proven unspent,
 * signatures checked, fee computed); checked again on each new verified head. Errors: NOT_FOUND
 * (no node has it), INVALID_AT_TIP (an input is spent: mined or replaced).
 * @example
 * const { data, error } = usePendingTransaction({ txid })
 */
export function usePendingTransaction(
  p: WithQuery<GetPendingTransactionParameters, GetPendingTransactionReturnType>,
): UseQueryResult<GetPendingTransactionReturnType, Error> {
  const { client } = useLightClientContext()
  return useClientQuery(
    lightClientKeys.pendingTransaction(client.network, p.txid),
    (c, signal) => c.getPendingTransaction({ txid: p.txid, signal }),
    p.query,
  )
}

/**
 * Headers of the verified chain (read locally, no peer asked): the newest `count`, or `count`
 * from `fromHeight`. Refreshed on each new verified head.
 * @example
 * const { data } = useHeaders({ count: 10 }) // the ten newest, oldest first
 */
export function useHeaders(
  p: WithQuery<GetChainHeadersParameters, GetChainHeadersReturnType>,
): UseQueryResult<GetChainHeadersReturnType, Error> {
  const { client } = useLightClientContext()
  return useClientQuery(
    lightClientKeys.headers(client.network, p),
    (c, signal) =>
      c.getHeaders({
        count: p.count,
        ...(p.fromHeight === undefined ? {} : { fromHeight: p.fromHeight }),
        signal,
      }),
    p.query,
  )
}

/**
 * An address's verified balance (total, spendable, UTXO count) with its `verification`.
 * @example
 * const { data } = useBalance({ address: 'dnova1…' })
 * data?.total // bigint
 */
export function useBalance(
  p: WithQuery<GetBalanceParameters, GetBalanceReturnType>,
): UseQueryResult<GetBalanceReturnType, Error> {
  const { client } = useLightClientContext()
  return useClientQuery(
    lightClientKeys.balance(client.network, p.address),
    (c, signal) => c.getBalance({ address: p.address, signal }),
    p.query,
  )
}

/**
 * An address's verified UTXOs (each proven in the UTXO tree of the verification's header).
 * @example
 * const { data } = useUtxos({ address, limit: 100 })
 */
export function useUtxos(
  p: WithQuery<GetUtxosParameters, GetVerifiedUtxosReturnType>,
): UseQueryResult<GetVerifiedUtxosReturnType, Error> {
  const { client } = useLightClientContext()
  return useClientQuery(
    lightClientKeys.utxos(client.network, p.address, p.limit),
    (c, signal) =>
      c.getUtxos({
        address: p.address,
        ...(p.limit === undefined ? {} : { limit: p.limit }),
        signal,
      }),
    p.query,
  )
}

/**
 * One outpoint, proven unspent (with its entry) or absent at the verification's header.
 * @example
 * const { data } = useOutpoint({ outpoint: { txid, vout: 0 } })
 */
export function useOutpoint(
  p: WithQuery<GetOutpointParameters, GetVerifiedOutpointReturnType>,
): UseQueryResult<GetVerifiedOutpointReturnType, Error> {
  const { client } = useLightClientContext()
  return useClientQuery(
    lightClientKeys.outpoint(client.network, p.outpoint),
    (c, signal) => c.getOutpoint({ outpoint: p.outpoint, signal }),
    p.query,
  )
}

/**
 * An address's complete verified history (committed filters matched locally); `onProgress` is
 * called as blocks are scanned and is not part of the query key.
 * @example
 * const { data } = useAddressHistory({ address, fromHeight: birthHeight })
 */
export function useAddressHistory(
  p: WithQuery<GetAddressHistoryParameters, ScanAddressHistoryReturnType> & {
    onProgress?: NonNullable<GetAddressHistoryParameters['onProgress']>
  },
): UseQueryResult<ScanAddressHistoryReturnType, Error> {
  const { client } = useLightClientContext()
  const { query, ...params } = p
  return useClientQuery(
    lightClientKeys.addressHistory(client.network, params),
    (c, signal) => c.getAddressHistory({ ...params, signal }),
    query,
  )
}
