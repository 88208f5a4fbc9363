import type { ChainParams } from '../params/types.js'

type SupplyParams = Pick<
  ChainParams,
  'initialSubsidy' | 'halvingInterval' | 'maxSupply' | 'genesis'
>

export function genesisAllocationTotal(params: Pick<ChainParams, 'genesis'>): bigint {
  let total = 0n
  for (const a of params.genesis.allocations) total += a.amount
  return total
}

/** Σ of the uncapped halving schedule for heights 1..height. */
function scheduledSubsidies(params: SupplyParams, height: number): bigint {
  if (height <= 0) return 0n
  const interval = BigInt(params.halvingInterval)
  const h = BigInt(height)
  const fullEras = h / interval
  let total = 0n
  for (let era = 0n; era < fullEras && era < 64n; era++)
    total += (params.initialSubsidy >> era) * interval
  if (fullEras < 64n) total += (params.initialSubsidy >> fullEras) * (h % interval)
  return total
}

/**
 * Coins that may exist after the block at `height`: genesis allocations plus every subsidy through
 * `height`, never above `maxSupply` (the hard cap).
 */
export function issuedThrough(params: SupplyParams, height: number): bigint {
  const uncapped = genesisAllocationTotal(params) + scheduledSubsidies(params, height)
  if (uncapped > params.maxSupply) return params.maxSupply
  return uncapped
}

/**
 * New coins the coinbase at `height` may create: the halving schedule (`initialSubsidy >> era`,
 * era = ⌊(height − 1) / halvingInterval⌋), clipped so that issuance never passes `maxSupply`.
 * Genesis (height 0) issues its allocations instead and has no subsidy.
 */
export function blockSubsidy(params: SupplyParams, height: number): bigint {
  if (!Number.isInteger(height) || height < 0)
    throw new RangeError(`height must be a non-negative integer: ${height}`)
  if (height === 0) return 0n
  return issuedThrough(params, height) - issuedThrough(params, height - 1)
}

/** The environmental treasury's share of a block's fees (rounded down). */
export function treasuryShare(
  params: Pick<ChainParams, 'treasuryFeeShareBps'>,
  fees: bigint,
): bigint {
  return (fees * BigInt(params.treasuryFeeShareBps)) / 10_000n
}
