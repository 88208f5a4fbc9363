'use client'
import { useLightClient } from '@supernova/light-client/react'
import { type ChainParams, getChainParams } from '@supernova/protocol'
import { useMemo } from 'react'

/** The consensus constants of the network the site's light client follows. */
export function useChainParams(): ChainParams {
  const { network } = useLightClient()
  return useMemo(() => getChainParams(network), [network])
}
