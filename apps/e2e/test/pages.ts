/**
 * Every page of the site, with how each shows that the light client verified it. The route
 * coverage test checks this list against the routes the production builds contain.
 */
import type { Page } from 'playwright-core'
import { type PageSpec, verifiedHeight, verifiedProof } from '../harness/pageCheck.js'
import type { ChainFixture } from '../harness/types.js'

/** A txid / block hash no chain has (all zeros but the last digit). */
const UNKNOWN_HASH = `${'0'.repeat(63)}1`

/** The mempool is a node's report, never proven: its handle is the report with its "Unverified" mark. */
const mempoolReport = (page: Page) => page.getByText(/^Unverified — reported by node/).first()

/** The site's pages; chain-dependent paths come from the setup's fixture. */
export function sitePages(chain: ChainFixture): PageSpec[] {
  return [
    { name: 'web-home', path: '/', heading: /verified in your browser/i, verified: verifiedHeight },
    { name: 'web-wallet', path: '/wallet', heading: /^Wallet$/, verified: verifiedHeight },
    { name: 'explorer-home', path: '/explorer', heading: /^Explorer$/, verified: verifiedProof },
    {
      name: 'explorer-block',
      path: `/explorer/block/${chain.blockHeight}`,
      heading: new RegExp(`^Block ${chain.blockHeight.toLocaleString('en-US')}$`),
      verified: verifiedProof,
    },
    {
      name: 'explorer-tx',
      path: `/explorer/tx/${chain.txid}`,
      heading: /^Transaction$/,
      verified: verifiedProof,
    },
    {
      name: 'explorer-address',
      path: `/explorer/address/${chain.address}`,
      heading: /^Address$/,
      verified: verifiedProof,
    },
    {
      name: 'explorer-mempool',
      path: '/explorer/mempool',
      heading: /^Mempool$/,
      verified: mempoolReport,
    },
    {
      name: 'explorer-network',
      path: '/explorer/network',
      heading: /^Network$/,
      verified: verifiedProof,
    },
    {
      name: 'explorer-search-not-found',
      path: `/explorer/search?q=${UNKNOWN_HASH}`,
      heading: /^Search$/,
      verified: (page) => page.getByText('Nothing with this hash on the verified chain'),
    },
    {
      name: 'explorer-block-not-found',
      path: '/explorer/block/99999999',
      heading: /^Block 99,999,999$/,
      verified: (page) => page.getByText(/^No block 99,999,999 yet$/),
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
}

/**
 * Each page route of the three builds (`<app>:<route>` as in app-path-routes-manifest.json) and
 * the page test that covers it.
 */
export const ROUTE_COVERAGE: Record<string, string> = {
  'web:/': 'web-home',
  'web:/wallet': 'web-wallet',
  'explorer:/': 'explorer-home',
  'explorer:/block/[id]': 'explorer-block',
  'explorer:/tx/[txid]': 'explorer-tx',
  'explorer:/address/[address]': 'explorer-address',
  'explorer:/mempool': 'explorer-mempool',
  'explorer:/network': 'explorer-network',
  'explorer:/search': 'explorer-search-not-found',
  'dashboard:/': 'dashboard-home',
  'dashboard:/methodology': 'dashboard-methodology',
}
