import {
  type UseMutationOptions,
  type UseMutationResult,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query'
import type { SendTransactionParameters, SendTransactionReturnType } from '../client/types.js'
import { useLightClientContext } from './context.js'
import { lightClientKeys } from './queryKeys.js'

export type UseSendTransactionParameters = {
  /** React Query mutation options (everything but the function). */
  mutation?: Omit<
    UseMutationOptions<SendTransactionReturnType, Error, SendTransactionParameters>,
    'mutationFn'
  >
}

/**
 * Hands a signed transaction to several nodes' mempools (a mutation). Acceptance is not
 * confirmation: follow it with `useTransaction`. On success the client's tip-dependent queries are
 * invalidated. A refusal is LightClientError REJECTED with the node's reason in `details`.
 * @example
 * const send = useSendTransaction()
 * send.mutate({ tx })
 * send.data?.txid
 */
export function useSendTransaction(
  p: UseSendTransactionParameters = {},
): UseMutationResult<SendTransactionReturnType, Error, SendTransactionParameters> {
  const { client, started } = useLightClientContext()
  const queryClient = useQueryClient()
  const { onSuccess, ...mutation } = p.mutation ?? {}
  return useMutation({
    ...mutation,
    mutationFn: async (q: SendTransactionParameters) => {
      await started()
      return client.sendTransaction(q)
    },
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({
        queryKey: lightClientKeys.all(client.network),
        predicate: (q) =>
          ['balance', 'utxos', 'outpoint', 'addressHistory'].includes(String(q.queryKey[2])),
      })
      await onSuccess?.(...args)
    },
  })
}
