/**
 * The JSON of `GET /dashboard/api/v1/indicators`, built by the same model as the page from
 * headers and blocks the server's light client verified. Pure and JSON-safe: amounts are decimal
 * strings of base units (and NOVA), never bigints.
 */
import { genesisHashBytes, getChainParams, type Network } from '@supernova/protocol'
import type { BlockCounts } from '../blocks'
import {
  describeChainInput,
  supplyAt,
  toWindowHeaders,
  unitsToNova,
  type VerifiedHeaderLike,
} from '../chainWindow'
import { GRID_DATA } from '../grid'
import { HARDWARE_TABLE } from '../hardware'
import { measureHashrate } from '../hashrate'
import { allocateToHolding, computeIndicators } from '../indicators'
import { buildMicaReport } from '../mica'
import { BadQueryError, type IndicatorsQuery } from './apiQuery'

/** How the chain inputs of every API answer were verified. */
export const SERVER_VERIFICATION = 'verified by the server’s light client'

const amount = (units: bigint) => ({ baseUnits: units.toString(), nova: unitsToNova(units) })

/**
 * Builds the answer for a verified window (oldest first, consecutive) and the counts of its
 * blocks after the first.
 * @throws {EnergyInputError} SHORT_WINDOW when fewer than two headers are verified yet.
 * @throws {BadQueryError} a holding above the supply at the window's last block.
 */
export function buildIndicatorsBody(p: {
  network: Network
  headers: readonly VerifiedHeaderLike[]
  counts: BlockCounts
  query: IndicatorsQuery
  now: Date
  methodology: string
}) {
  const params = getChainParams(p.network)
  const first = p.headers[0]!
  const last = p.headers[p.headers.length - 1]!
  const window = measureHashrate(toWindowHeaders(p.headers))
  const model = { assumptions: p.query.assumptions, hardware: HARDWARE_TABLE, grid: GRID_DATA }
  const i = computeIndicators({ window, transactions: p.counts.transactions, ...model })
  const supply = supplyAt(params, last.height)
  const chain = describeChainInput({
    network: p.network,
    genesisHash: genesisHashBytes(params),
    first,
    last,
    window,
    transactions: p.counts.transactions,
    verification: SERVER_VERIFICATION,
  })
  const report = buildMicaReport({
    indicators: i,
    chain,
    ...model,
    generatedAt: p.now,
    methodology: p.methodology,
  })
  if (p.query.holding !== undefined && p.query.holding > supply)
    throw new BadQueryError(
      'holding',
      `exceeds the ${unitsToNova(supply)} NOVA that can exist at height ${last.height}`,
    )
  const holding =
    p.query.holding === undefined
      ? null
      : allocateToHolding({ holding: p.query.holding, supply, ...i })
  return {
    verification: SERVER_VERIFICATION,
    generatedAt: report.generatedAt,
    chain,
    assumptions: report.assumptions,
    data: report.data,
    indicators: {
      hashesPerSecond: i.hashrate,
      joulesPerHash: i.joulesPerHash,
      powerWatts: i.powerWatts,
      energyKWhPerYear: i.energyKWhPerYear,
      costUsdPerYear: i.costPerYear,
      gridIntensityGCO2ePerKWh: i.gridIntensity,
      renewableShare: i.renewableShare,
      emissionsTCO2ePerYear: i.emissionsTonnesPerYear,
      windowEnergyKWh: i.windowEnergyKWh,
      perTransaction:
        i.perTransaction === null
          ? null
          : {
              transactions: i.perTransaction.transactions,
              energyKWh: i.perTransaction.energyKWh,
              emissionsKgCO2e: i.perTransaction.emissionsKg,
            },
    },
    supply: {
      ...amount(supply),
      atHeight: last.height,
      basis: 'genesis allocations + subsidy schedule (upper bound)',
    },
    perHolding:
      holding === null || p.query.holding === undefined
        ? null
        : {
            holding: amount(p.query.holding),
            share: holding.share,
            energyKWhPerYear: holding.energyKWhPerYear,
            emissionsTCO2ePerYear: holding.emissionsTonnesPerYear,
          },
    treasury: {
      feeShareBps: params.treasuryFeeShareBps,
      paidInWindow: amount(p.counts.treasuryPaid),
      allocations: p.counts.treasuryAllocations.map((a) => ({
        height: a.height,
        ...amount(a.amount),
      })),
      governance:
        'none on chain yet: the governance transaction kinds are reserved and rejected by consensus',
    },
    greenMinerDeclarations: {
      inWindow: p.counts.greenMinerDeclarations,
      note: 'none on chain yet: greenMinerRegistration is reserved and rejected by consensus; renewableShare comes from the grid mix',
    },
    mica: report.indicators,
    methodology: p.methodology,
  }
}

export type IndicatorsBody = ReturnType<typeof buildIndicatorsBody>
