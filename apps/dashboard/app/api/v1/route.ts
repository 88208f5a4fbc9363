import { json, preflight } from '../../../lib/server/respond'

/** GET /dashboard/api/v1 — what the API offers, and where it is documented. */
export function GET(): Response {
  // Paths, not URLs: behind the site's proxy this zone does not know the public origin.
  const at = (path: string) => `/dashboard${path}`
  return json(
    {
      name: 'SuperNova environmental dashboard API',
      version: 1,
      documentation: at('/methodology#api'),
      endpoints: {
        indicators: at('/api/v1/indicators'),
        hardware: at('/api/v1/hardware'),
        grid: at('/api/v1/grid'),
      },
    },
    { cache: 'public, max-age=3600' },
  )
}

export const OPTIONS = preflight
