/**
 * React hooks for the light client on @tanstack/react-query (`@supernova/light-client/react`):
 * wrap the app in `LightClientProvider`, then `useBalance`, `useBlock`, `useWatchHeads`… Every
 * value keeps its `verification`; errors are LightClientError (or LightClientWorkerError for a
 * worker-hosted client) with their codes. The core package never imports React.
 */
export {
  type LightClientContextValue,
  LightClientProvider,
  type LightClientProviderProps,
  useLightClient,
} from './context.js'
export {
  FEE_ESTIMATE_REFRESH_MS,
  isTransientLightClientError,
  type LightClientQueryOptions,
  MEMPOOL_REFRESH_MS,
  useAddressHistory,
  useBalance,
  useBlock,
  useChainInfo,
  useFeeEstimate,
  useHeaders,
  useMempool,
  useOutpoint,
  usePendingTransaction,
  useTransaction,
  useUtxos,
} from './queries.js'
export { hashKey, type LightClientQueryScope, lightClientKeys } from './queryKeys.js'
export {
  type UseWatchAddressParameters,
  type UseWatchAddressReturnType,
  type UseWatchHeadsParameters,
  useEvidence,
  useWatchAddress,
  useWatchHeads,
} from './subscriptions.js'
export { type UseSendTransactionParameters, useSendTransaction } from './useSendTransaction.js'
