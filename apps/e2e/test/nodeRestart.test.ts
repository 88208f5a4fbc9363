/**
 * The node stops and comes back: an open page says plainly that no peer is connected and that it
 * keeps trying, a page opened meanwhile says the node does not answer and retries; once the node
 * is back both verify new blocks again without a reload.
 */
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium, newSiteContext, watchPage } from '../harness/browser.js'
import { startNode, stopNode } from '../harness/control.js'
import { VERIFIED_TIMEOUT_MS, verifiedHeight } from '../harness/pageCheck.js'
import { chainInfo } from '../harness/rpc.js'

const site = inject('site')
let browser: Browser
let context: BrowserContext

beforeAll(async () => {
  browser = await launchChromium()
  context = await newSiteContext(browser, site)
})
afterAll(async () => {
  await browser?.close()
  // Whatever happened, leave the node running for the files after this one.
  await startNode(site)
})

describe('the node stops and restarts', () => {
  it('pages say so clearly, keep trying, and recover on their own', async () => {
    const open = await context.newPage()
    const watch = watchPage(open)
    await open.goto('/')
    const height = verifiedHeight(open)
    await height.waitFor({ timeout: VERIFIED_TIMEOUT_MS })
    const before = Number(await height.innerText())

    await stopNode(site)
    const peers = open.getByTestId('lc-peers')
    await expect
      .poll(() => peers.innerText(), { timeout: VERIFIED_TIMEOUT_MS })
      .toMatch(/none connected — reconnecting/)

    // A visitor arriving while the node is down is told why nothing is verified yet.
    const late = await context.newPage()
    const lateWatch = watchPage(late)
    await late.goto('/')
    await late.getByText(/Cannot reach a node yet: .*Trying again/).waitFor({
      timeout: VERIFIED_TIMEOUT_MS,
    })

    await startNode(site)
    const tip = (await chainInfo(site.rpcUrl)).height
    for (const page of [open, late]) {
      await expect
        .poll(
          async () =>
            Number(
              await verifiedHeight(page)
                .innerText()
                .catch(() => '0'),
            ),
          {
            timeout: VERIFIED_TIMEOUT_MS,
          },
        )
        .toBeGreaterThan(Math.max(before, tip))
    }
    expect(await peers.innerText()).not.toMatch(/none connected/)
    // While the node is down its refusals are expected: the bootstrap endpoint answers 503 and,
    // where the light client runs in the page (no SharedWorker), Chromium logs each refused dial.
    const nodeDown = new RegExp(
      `api/bootstrap|WebSocket connection to 'ws://127\\.0\\.0\\.1:${site.nodeWsPort}/' failed: .*ERR_CONNECTION_REFUSED`,
    )
    expect(watch.errors.filter((e) => !nodeDown.test(e))).toEqual([])
    expect(lateWatch.errors.filter((e) => !nodeDown.test(e))).toEqual([])
  })
})
