/**
 * Every page of the site, with how each shows that the light client verified it. The route
 * coverage test checks this list against the routes the production builds contain.
 */

import { type PageSpec, verifiedHeight, verifiedProof } from '../harness/pageCheck.js'
import type { ChainFixture } from '../harness/types.js'

/** The site's pages; chain-dependent paths come from the setup's fixture. */
export function sitePages(chain: ChainFixture): PageSpec[] {
  const pages: PageSpec[] = [
    { name: 'web-home', path: '/', heading: /verified in your browser/i, verified: verifiedHeight },
    { name: 'explorer-home', path: '/explorer', heading: /^Explorer$/, verified: verifiedProof },
    {
      name: 'explorer-search-not-found',
      path: '/explorer/search?q=not-a-thing',
      heading: /search/i,
      verified: (page) => page.getByRole('main'),
    },
    {
      name: 'dashboard-home',
      path: '/dashboard',
      heading: /environmental dashboard/i,
      verified: verifiedProof,
    },
    {
      name: 'dashboard-methodology',
      path: '/dashboard/methodology',
      heading: /methodology|how/i,
      verified: (page) => page.getByRole('main'),
    },
  ]
  return pages.map((p) => ({ ...p, path: p.path.replace(':height', String(chain.blockHeight)) }))
}

/**
 * Routes each app's build contains (app-path-routes-manifest keys, e.g. `/block/[id]/page`)
 * mapped to the spec that covers them.
 */
export const ROUTE_COVERAGE: Record<string, string> = {
  'web:/': 'web-home',
  'explorer:/': 'explorer-home',
  'explorer:/search': 'explorer-search-not-found',
  'dashboard:/': 'dashboard-home',
  'dashboard:/methodology': 'dashboard-methodology',
}
