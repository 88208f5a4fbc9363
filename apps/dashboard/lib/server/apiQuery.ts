/**
 * The query of `GET /dashboard/api/v1/indicators`: optional assumptions (`pue`, `price`, `mix`)
 * and a holding to allocate to (`holding`, in NOVA). Unlike the page, which falls back to
 * defaults, the API refuses a bad parameter with a 400 naming it: a third party must not get
 * figures for assumptions it did not ask for.
 */
import {
  type Assumptions,
  defaultAssumptions,
  PRICE_RANGE,
  PUE_RANGE,
  parseRangeInput,
} from '../assumptions'
import { novaToUnits } from '../chainWindow'
import type { GridData, RegionMix } from '../grid'

export type IndicatorsQuery = { assumptions: Assumptions; holding: bigint | undefined }

/** A parameter that cannot be used, and why (the 400's message). */
export class BadQueryError extends Error {
  override name = 'BadQueryError'
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`)
  }
}

/** Longest query value read; anything longer is refused before parsing. */
const MAX_VALUE_LENGTH = 512

function read(search: URLSearchParams, name: string): string | undefined {
  const all = search.getAll(name)
  if (all.length > 1) throw new BadQueryError(name, 'given more than once')
  const v = all[0]
  if (v !== undefined && v.length > MAX_VALUE_LENGTH) throw new BadQueryError(name, 'too long')
  return v
}

/** `mix=world:50,china:50` → `{ world: 50, china: 50 }` over the dataset's regions. */
function parseMix(text: string, grid: Pick<GridData, 'regions'>): RegionMix {
  const mix: RegionMix = {}
  for (const part of text.split(',')) {
    const [id, weight, extra] = part.split(':')
    if (id === undefined || weight === undefined || extra !== undefined)
      throw new BadQueryError('mix', `"${part}" is not region:weight`)
    if (!grid.regions.some((r) => r.id === id))
      throw new BadQueryError('mix', `unknown region "${id}" (see /dashboard/api/v1/grid)`)
    if (id in mix) throw new BadQueryError('mix', `region "${id}" given twice`)
    const w = parseRangeInput(weight, { min: 0, max: 1e6, step: 1 })
    if (w === undefined) throw new BadQueryError('mix', `weight of "${id}" must be a number ≥ 0`)
    mix[id] = w
  }
  if (!Object.values(mix).some((w) => w > 0))
    throw new BadQueryError('mix', 'no region has a weight above 0')
  return mix
}

/**
 * Reads the query; absent parameters take the page's defaults.
 * @throws {BadQueryError} naming the first unusable parameter.
 * @example parseIndicatorsQuery(new URLSearchParams('pue=1.2&mix=china:1'), GRID_DATA)
 */
export function parseIndicatorsQuery(
  search: URLSearchParams,
  grid: Pick<GridData, 'regions' | 'defaultMix'>,
): IndicatorsQuery {
  const d = defaultAssumptions(grid)
  const pueText = read(search, 'pue')
  const priceText = read(search, 'price')
  const mixText = read(search, 'mix')
  const holdingText = read(search, 'holding')
  const pue = pueText === undefined ? d.pue : parseRangeInput(pueText, PUE_RANGE)
  if (pue === undefined)
    throw new BadQueryError('pue', `must be a number from ${PUE_RANGE.min} to ${PUE_RANGE.max}`)
  const price = priceText === undefined ? d.pricePerKWh : parseRangeInput(priceText, PRICE_RANGE)
  if (price === undefined)
    throw new BadQueryError(
      'price',
      `must be a number of USD per kWh from ${PRICE_RANGE.min} to ${PRICE_RANGE.max}`,
    )
  const holding = holdingText === undefined ? undefined : novaToUnits(holdingText)
  if (holdingText !== undefined && holding === undefined)
    throw new BadQueryError('holding', 'must be an amount of NOVA with up to 8 decimals')
  return {
    assumptions: {
      pue,
      pricePerKWh: price,
      regionMix: mixText === undefined ? d.regionMix : parseMix(mixText, grid),
    },
    holding,
  }
}
