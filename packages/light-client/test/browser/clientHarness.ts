/// <reference types="node" />
/**
 * What the Chromium tests and the light-client benchmarks share: bundling a page with esbuild,
 * serving it on 127.0.0.1, launching Debian's Chromium through playwright-core, funding an
 * address on a real devnet node and running the light-client page with a bounded wait.
 */
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { COIN, type Lock, mineHeader, type Transaction } from '@supernova/protocol'
import { type BuildOptions, build, type Metafile } from 'esbuild'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { type Clock, mineBlocks, miner, type TestNode } from '../network/fullNode.js'
import { FAUCET, TestChain } from '../verify/testChain.js'
import { type ClientPageConfig, type ClientPageResult, RESULT_MARK } from './clientPage.js'

export const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Launches headless Chromium; fails (never skips) when Debian's package is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the browser tests need Debian's chromium package (apt-get install chromium)`,
    )
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 15_000 })
}

export type BundleReturnType = { js: string; metafile: Metafile }

/**
 * One browser bundle of `entry` and everything it imports. `production` minifies, tree-shakes and
 * defines NODE_ENV=production — what a site would ship.
 */
export async function bundle(
  entry: string,
  o: { production?: boolean; extra?: BuildOptions } = {},
): Promise<BundleReturnType> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...(o.production
      ? {
          minify: true,
          treeShaking: true,
          define: { 'process.env.NODE_ENV': '"production"' },
        }
      : {}),
    ...o.extra,
  })
  const out = result.outputFiles?.[0]
  if (out === undefined || result.metafile === undefined)
    throw new Error('esbuild produced no output')
  return { js: out.text, metafile: result.metafile }
}

export type ServedPage = { url: string; close: () => Promise<void> }

/** The page's HTML: empty, its first script records `pageScriptStart`, then `/page.js` loads. */
export function pageHtml(): string {
  return (
    '<!doctype html><meta charset="utf-8"><title>light client</title>' +
    '<script>globalThis.pageScriptStart = performance.now()</script>' +
    '<script type="module" src="/page.js"></script>'
  )
}

/**
 * Serves `/` (pageHtml) and `/page.js` (the script) on 127.0.0.1, any free port. The script is
 * served as a production Next.js build serves its hashed chunks (cacheable, immutable), so a reload
 * takes it from the browser's cache as a returning visitor's browser would.
 */
export async function servePage(script: string): Promise<ServedPage> {
  const html = pageHtml()
  const server: Server = createServer((req, res) => {
    if (req.url === '/page.js')
      res
        .writeHead(200, {
          'content-type': 'text/javascript',
          'cache-control': 'public, max-age=31536000, immutable',
        })
        .end(script)
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Mines one block carrying `transactions` on the node's tip. */
export async function mineWith(t: TestNode, clock: Clock, transactions: Transaction[]) {
  clock.tick()
  const { block } = await t.node.chain.createBlockTemplate({
    rewardLock: miner.lock,
    transactions,
    now: clock.now(),
  })
  const mined = mineHeader({ header: block.header, maxAttempts: 1_000_000 })
  if (!mined) throw new Error('could not mine')
  const b = { header: mined.header, transactions: block.transactions }
  const r = await t.node.chain.processBlock(b)
  if (r.status !== 'connected') throw new Error(`block not connected: ${r.status}`)
  return b
}

/**
 * A real payment on the node: the faucet account's genesis coin (mature once the chain has
 * coinbaseMaturity blocks) pays `amount` to `to` through the node's mempool, mined in a block,
 * with `confirmations - 1` blocks on top. Returns the payment.
 */
export async function fundAddress(o: {
  full: TestNode
  clock: Clock
  to: Lock
  amount?: bigint
  confirmations?: number
}): Promise<Transaction> {
  const height = o.full.node.chain.tip().height
  if (height < 10) await mineBlocks(o.full, o.clock, 10 - height)
  const signer = await TestChain.create()
  const payment = signer.pay(o.to, o.amount ?? 5n * COIN, FAUCET)
  await o.full.node.mempool.add(payment)
  await mineWith(o.full, o.clock, [payment])
  await mineBlocks(o.full, o.clock, (o.confirmations ?? 1) - 1)
  return payment
}

/**
 * Opens `url` with the page config in its fragment (the page runs it at once) and waits, bounded,
 * for the page's result; page errors fail it. A reload reruns the same config.
 */
export async function runClientPage(
  context: BrowserContext,
  url: string,
  config: ClientPageConfig,
): Promise<{ page: Page; result: ClientPageResult; errors: string[] }> {
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  const result = nextResult(page, config.timeoutMs + 5_000)
  try {
    await page.goto(`${url}#${encodeURIComponent(JSON.stringify(config))}`, { timeout: 10_000 })
    return { page, result: await result, errors }
  } catch (e) {
    throw new Error(`no result from the page (page errors: ${errors.join('; ') || 'none'})`, {
      cause: e,
    })
  }
}

/** Reloads the page (same config) and waits for the new run's result. */
export async function reloadClientPage(page: Page, timeoutMs: number): Promise<ClientPageResult> {
  const result = nextResult(page, timeoutMs + 5_000)
  await page.reload({ timeout: 10_000 })
  return result
}

/**
 * Leaves the page (its client stops with it), runs `meanwhile`, then opens the same URL again
 * (same config) and waits for the new run's result: a reload after time away, during which the
 * old client could not have seen anything `meanwhile` did.
 */
export async function revisitClientPage(
  page: Page,
  timeoutMs: number,
  meanwhile: () => Promise<unknown>,
): Promise<ClientPageResult> {
  const url = page.url()
  await page.goto('about:blank', { timeout: 10_000 })
  await meanwhile()
  const result = nextResult(page, timeoutMs + 5_000)
  await page.goto(url, { timeout: 10_000 })
  return result
}

/**
 * The result of the page's next run: the console line it logs (RESULT_MARK, then JSON). Waiting
 * for it evaluates nothing in the page, so the harness adds no work to the run it times. Call it
 * before the navigation that starts the run.
 */
function nextResult(page: Page, timeoutMs: number): Promise<ClientPageResult> {
  const result = page
    .waitForEvent('console', {
      predicate: (m) => m.text().startsWith(RESULT_MARK),
      timeout: timeoutMs,
    })
    .then((m) => JSON.parse(m.text().slice(RESULT_MARK.length)) as ClientPageResult)
  result.catch(() => undefined) // awaited by the caller once the navigation is done
  return result
}
