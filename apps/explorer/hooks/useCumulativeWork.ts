'use client'
import { useChainInfo, useHeaders } from '@supernova/light-client/react'
import { cumulativeWorkAt, planCumulativeWork, sumWork } from '../lib/cumulativeWork'

/** Most headers read to sum a block's cumulative work (they are local, but not free). */
const MAX_HEADERS = 2_000

/**
 * The cumulative work of the verified chain up to `height` (genesis included), summed from
 * verified headers: the tip's total minus the headers above, or the headers from genesis,
 * whichever is shorter. `undefined` while loading; `null` when it is too far from both ends.
 */
export function useCumulativeWork(height: number): bigint | null | undefined {
  const info = useChainInfo().data
  const plan =
    info === undefined ? undefined : planCumulativeWork(height, info.tip.height, MAX_HEADERS)
  const range =
    plan?.kind === 'from-tip'
      ? { fromHeight: plan.fromHeight, count: plan.count }
      : plan?.kind === 'from-genesis'
        ? { fromHeight: 0, count: plan.count }
        : { count: 1 }
  const headers = useHeaders({
    ...range,
    query: { enabled: plan?.kind === 'from-tip' || plan?.kind === 'from-genesis' },
  }).data?.headers
  if (info === undefined || plan === undefined) return undefined
  if (plan.kind === 'too-far') return null
  if (plan.kind === 'at-tip')
    return height === info.tip.height ? info.tip.cumulativeWork : undefined
  if (headers === undefined) return undefined
  if (plan.kind === 'from-genesis') {
    const complete = headers.length === plan.count && headers.at(-1)?.height === height
    return complete ? sumWork(headers.map((h) => h.header)) : undefined
  }
  return cumulativeWorkAt({
    height,
    tip: info.tip,
    above: headers.map((h) => ({ height: h.height, hash: h.hash, bits: h.header.bits })),
  })
}
