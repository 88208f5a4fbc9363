/**
 * The site's benchmarks, in headless Chromium against production builds of the three apps and a
 * real devnet node (the end-to-end suite's harness, apps/e2e/harness):
 *
 * - `lcp_explorer_home`, `lcp_block_page`, `lcp_tx_page`: Largest Contentful Paint of a first
 *   visit (fresh browser context: no cache, no IndexedDB), the median of RUNS visits each, against
 *   the 2.5 s Core Web Vitals "good" bound. Goal ≤ 0.6× (1.5 s).
 * - `explorer_dom_update`: how long after the node commits a block (its WebSocket `newHeads`
 *   notification) the explorer home shows it (a MutationObserver in the page sees the block's
 *   link), the median over HEADS blocks, against the block interval the node kept in the same run
 *   (median of its head-to-head times). Goal ≤ 0.1×.
 *
 * Both clocks are Date.now() of one machine. Needs `npm run build` first.
 */
import { devnetAccount, encodeAddress } from '@supernova/protocol'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, newSiteContext } from '../../apps/e2e/harness/browser.ts'
import { waitUntil } from '../../apps/e2e/harness/processes.ts'
import { faucet, rpc } from '../../apps/e2e/harness/rpc.ts'
import { type Site, startSite } from '../../apps/e2e/harness/site.ts'
import type { SiteInfo } from '../../apps/e2e/harness/types.ts'
import { median, report } from '../lib.ts'

const BENCH = 'web'
const RUNS = 5
const HEADS = 12
const CWV_LCP_MS = 2_500
const SETTLE_MS = 1_000
const VERIFIED = '[data-status="verified"], [data-status="final"]'

/** Collects the page's LCP entries from its first script on (a string: see WATCH_BLOCK_LINKS). */
const OBSERVE_LCP = `globalThis.lcp = []
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) globalThis.lcp.push(e.startTime)
}).observe({ type: 'largest-contentful-paint', buffered: true })`

/**
 * Records in the page when a link to each block height first appears (Date.now()). A script
 * string, not a function: tsx's helpers (`__name`) do not exist in the page.
 */
const WATCH_BLOCK_LINKS = `(() => {
  const seen = {}
  globalThis.blockSeen = seen
  const scan = () => {
    const now = Date.now()
    for (const a of document.querySelectorAll('a[href*="/explorer/block/"]')) {
      const m = /\\/explorer\\/block\\/(\\d+)$/.exec(a.getAttribute('href') || '')
      if (m && !(Number(m[1]) in seen)) seen[Number(m[1])] = now
    }
  }
  scan()
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true })
})()`

const timer = setTimeout(() => {
  process.stderr.write('bench web: still running after 10 minutes, giving up\n')
  process.exit(1)
}, 600_000)
timer.unref()

let site: Site | undefined
let browser: Browser | undefined
try {
  site = await startSite()
  browser = await launchChromium()
  // What the harness's contexts and this bench read of the site: its origin and the node's RPC.
  const info = { url: site.url, rpcUrl: site.devnet.rpcUrl } as SiteInfo
  const { txid, height } = await confirmedPayment(site.devnet.rpcUrl)
  const pages = [
    ['lcp_explorer_home', '/explorer'],
    ['lcp_block_page', `/explorer/block/${height}`],
    ['lcp_tx_page', `/explorer/tx/${txid}`],
  ] as const
  for (const [metric, path] of pages) {
    const samples: number[] = []
    for (let i = 0; i < RUNS; i++) samples.push(await firstVisitLcp(browser, info, path))
    report({
      bench: BENCH,
      metric,
      value: median(samples),
      unit: 'ms',
      raw: CWV_LCP_MS,
      goal: 0.6,
      lowerIsBetter: true,
      extra: { samples: samples.map(Math.round) },
    })
  }
  const update = await domUpdateDelay(browser, info)
  report({
    bench: BENCH,
    metric: 'explorer_dom_update',
    value: update.delay,
    unit: 'ms',
    raw: update.interval,
    goal: 0.1,
    lowerIsBetter: true,
    extra: { blocks: update.blocks },
  })
} finally {
  await browser?.close()
  await site?.stop()
}

/** A faucet payment confirmed in a block: the tx and block the pages show. */
async function confirmedPayment(rpcUrl: string): Promise<{ txid: string; height: number }> {
  const address = encodeAddress({ network: 'devnet', lock: devnetAccount(4).lock })
  const { txid } = await faucet(rpcUrl, address, 100_000_000n)
  return waitUntil(
    `the payment ${txid} to be confirmed`,
    async () => {
      const tx = await rpc<{ status: string; height?: number }>(rpcUrl, 'getTransaction', { txid })
      return tx.status === 'confirmed' && tx.height !== undefined
        ? { txid, height: tx.height }
        : undefined
    },
    60_000,
    250,
  )
}

/** LCP of one first visit: observed from the first script on, read once the data is verified. */
async function firstVisitLcp(browser: Browser, info: SiteInfo, path: string): Promise<number> {
  const context = await newSiteContext(browser, info)
  try {
    const page = await context.newPage()
    await page.addInitScript(OBSERVE_LCP)
    await page.goto(path, { waitUntil: 'load' })
    await page.locator(VERIFIED).first().waitFor({ timeout: 60_000 })
    await page.waitForTimeout(SETTLE_MS)
    const lcp = (await page.evaluate('globalThis.lcp.at(-1)')) as number | undefined
    if (lcp === undefined) throw new Error(`no LCP entry on ${path}`)
    return lcp
  } finally {
    await context.close()
  }
}

/** The median delay from the node's new head to the explorer home showing it, and the interval. */
async function domUpdateDelay(
  browser: Browser,
  info: SiteInfo,
): Promise<{ delay: number; interval: number; blocks: number }> {
  const context = await newSiteContext(browser, info)
  try {
    const page = await context.newPage()
    await page.goto('/explorer', { waitUntil: 'load' })
    await page.locator(VERIFIED).first().waitFor({ timeout: 60_000 })
    await watchBlockLinks(page)
    const nodeSeen = await nodeHeads(info.rpcUrl, HEADS)
    const pageSeen = await waitUntil(
      'the explorer to show the last block',
      async () => {
        const seen = (await page.evaluate('globalThis.blockSeen')) as Record<number, number>
        return Math.max(...nodeSeen.keys()) in seen ? seen : undefined
      },
      30_000,
      100,
    )
    const delays = [...nodeSeen].map(([h, t]) => pageSeen[h]! - t)
    const times = [...nodeSeen.values()].sort((a, b) => a - b)
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    return { delay: median(delays), interval: median(gaps), blocks: delays.length }
  } finally {
    await context.close()
  }
}

async function watchBlockLinks(page: Page): Promise<void> {
  await page.evaluate(WATCH_BLOCK_LINKS)
}

/** The node's next `count` new heads, each with when its notification arrived. */
async function nodeHeads(rpcUrl: string, count: number): Promise<Map<number, number>> {
  const ws = new WebSocket(rpcUrl.replace(/^http/, 'ws').replace(/\/rpc$/, '/ws'))
  const seen = new Map<number, number>()
  try {
    await new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error('no newHeads within 60 s')), 60_000)
      ws.onerror = () => reject(new Error('the node WebSocket failed'))
      ws.onopen = () =>
        ws.send(
          JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'subscribe',
            params: { topic: 'newHeads' },
          }),
        )
      ws.onmessage = (m) => {
        const msg = JSON.parse(String(m.data)) as {
          method?: string
          params?: { result: { height: number } }
        }
        if (msg.method !== 'subscription' || msg.params === undefined) return
        seen.set(msg.params.result.height, Date.now())
        if (seen.size >= count) {
          clearTimeout(timeout)
          resolve()
        }
      }
    })
  } finally {
    ws.close()
  }
  return seen
}
