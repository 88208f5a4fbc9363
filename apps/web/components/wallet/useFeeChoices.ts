'use client'
import type { FeeEstimate } from '@supernova/light-client'
import { useFeeEstimate } from '@supernova/light-client/react'
import type { UseQueryResult } from '@tanstack/react-query'

export { type FeeOption, feeOptions } from '../../lib/feeOptions'

/**
 * Fee advice from the network's nodes through the site's light client (`estimateFees`: several
 * nodes asked, the median per choice clamped between the relay floor and a sanity cap; refreshed
 * every minute while the form is open). Advice is unverifiable by nature: the answer is marked
 * unverified and names the nodes that gave it.
 */
export function useFeeChoices(): UseQueryResult<FeeEstimate, Error> {
  return useFeeEstimate({ query: { retry: 1 } })
}
