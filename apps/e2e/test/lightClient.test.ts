/**
 * The site's light client runs in a SharedWorker (one per browser, shared by the tabs of all
 * three zones under the one origin), not in each page — a page that had to fall back (e.g. a
 * worker script of another version than the page's bundle) fails here plainly.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium, newSiteContext, watchPage } from '../harness/browser.js'
import { VERIFIED_TIMEOUT_MS, verifiedHeight, verifiedProof } from '../harness/pageCheck.js'

const site = inject('site')
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

describe('the site light client', () => {
  it('runs in a SharedWorker, and tabs of every zone verify through it', async () => {
    const context = await newSiteContext(browser, site)
    const home = await context.newPage()
    const watch = watchPage(home)
    await home.goto('/')
    await verifiedHeight(home).waitFor({ timeout: VERIFIED_TIMEOUT_MS })
    const status = home.getByTestId('light-client-status')
    expect(await status.innerText()).toContain('a shared worker (one client for every tab')
    for (const path of ['/explorer', '/dashboard']) {
      const tab = await context.newPage()
      const tabWatch = watchPage(tab)
      await tab.goto(path)
      await verifiedProof(tab).waitFor({ timeout: VERIFIED_TIMEOUT_MS })
      expect(tabWatch.errors).toEqual([])
    }
    expect(watch.errors).toEqual([])
    await context.close()
  })
})
