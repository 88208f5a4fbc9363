import { GRID_DATA } from '../../../../lib/grid'
import { parseIndicatorsQuery } from '../../../../lib/server/apiQuery'
import { buildIndicatorsBody } from '../../../../lib/server/indicatorsBody'
import { errorResponse, json, preflight } from '../../../../lib/server/respond'
import { readServerWindow } from '../../../../lib/server/serverClient'

// Computed per request from the chain the server's light client verified.
export const dynamic = 'force-dynamic'

/**
 * GET /dashboard/api/v1/indicators[?pue=&price=&mix=region:weight,…&holding=NOVA] — the
 * environmental indicators with bounds, from headers and blocks the server's light client verified.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const url = new URL(request.url)
    const query = parseIndicatorsQuery(url.searchParams, GRID_DATA)
    const { network, headers, counts } = await readServerWindow()
    const body = buildIndicatorsBody({
      network,
      headers,
      counts,
      query,
      now: new Date(),
      methodology: '/dashboard/methodology',
    })
    return json(body, { cache: 'public, max-age=5' })
  } catch (e) {
    return errorResponse(e)
  }
}

export const OPTIONS = preflight
