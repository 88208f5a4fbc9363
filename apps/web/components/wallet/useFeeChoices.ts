'use client'
import type { EstimateFeesReturnType } from '@supernova/light-client'
import type { Network } from '@supernova/protocol'
import { useSiteClientStatus } from '@supernova/ui/chain'
import { type UseQueryResult, useQuery } from '@tanstack/react-query'

export { type FeeOption, feeOptions } from '../../lib/feeOptions'

/**
 * Fee advice from the network's nodes (refreshed every minute while the form is open). Advice is
 * unverifiable by nature; the choices are clamped between the relay floor and a sanity cap.
 */
export function useFeeChoices(network: Network): UseQueryResult<EstimateFeesReturnType, Error> {
  const status = useSiteClientStatus()
  const bootstrap =
    status.phase === 'ready' || status.phase === 'connecting'
      ? status.bootstrap.bootstrap
      : undefined
  return useQuery({
    queryKey: ['wallet', 'fee-choices', network, bootstrap],
    enabled: bootstrap !== undefined,
    queryFn: async ({ signal }) => {
      const { estimateFeesFromPeers } = await import('../../lib/feePeers')
      return estimateFeesFromPeers({ network, bootstrap: bootstrap!, signal })
    },
    staleTime: 30_000,
    refetchInterval: 60_000,
    retry: 1,
  })
}
