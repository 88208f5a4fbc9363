import { GRID_DATA } from '../../../../lib/grid'
import { json, preflight } from '../../../../lib/server/respond'

/** GET /dashboard/api/v1/grid — the grid-intensity dataset per region, with its sources and year. */
export function GET(): Response {
  return json(GRID_DATA, { cache: 'public, max-age=3600' })
}

export const OPTIONS = preflight
