/**
 * Every page of the site in light and dark mode: loads without page errors, its light client
 * verifies what it shows, axe finds no serious or critical violation, a screenshot is saved.
 */
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, inject, it } from 'vitest'
import { type ColorScheme, launchChromium, newSiteContext } from '../harness/browser.js'
import { checkPage } from '../harness/pageCheck.js'
import { sitePages } from './pages.js'

const site = inject('site')
const pages = sitePages(site.chain)
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

describe.each<ColorScheme>(['light', 'dark'])('every page, %s mode', (scheme) => {
  // One context per colour scheme: its pages share the SharedWorker light client, as a visitor's
  // tabs do, so only the first page waits for the initial header sync.
  let context: BrowserContext
  beforeAll(async () => {
    context = await newSiteContext(browser, site, { colorScheme: scheme })
  })
  afterAll(async () => {
    await context?.close()
  })

  it.each(pages.map((p) => [p.name, p] as const))('%s', async (_name, spec) => {
    const page = await checkPage(context, spec, scheme)
    await page.close()
  })
})
